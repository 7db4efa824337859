"""Word lists as data: each rule stage's words in ``data/{stage}.yaml`` beside its code, extended by the user's files.

The stages: modality, attribution and speech acts (``events/data``), dates (historical anchors,
``dates/data/dates.yaml``) and places (seats and regions, ``places/data/places.yaml``). A user's YAML file has a
section per stage and is named in ``DETENTE_WORDLISTS``; its entries are added to the shipped ones as each stage's
module is imported. No spaCy here: the date and place lists load without the NLP pipeline.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from .errors import ConfigError
from .yamlfile import load_shipped, load_user

#: the environment variable naming the user's word-list files (separated like PATH: ``os.pathsep``)
WORD_LISTS_ENV = "DETENTE_WORDLISTS"
#: the stages whose word lists are data (``events/data/{stage}.yaml``): the sections a user file may have
WORD_LIST_STAGES = ("attribution", "modality", "speech", "dates", "places")
#: the package whose ``data/{stage}.yaml`` holds a stage's shipped lists
_PACKAGES = {"dates": "detente.dates", "places": "detente.places"}

WordLists = dict[str, list[str] | dict[str, str | None]]


def word_list_files() -> tuple[str, ...]:
    """The user's word-list files, from ``DETENTE_WORDLISTS`` (paths separated by ``os.pathsep``)."""
    return tuple(p.strip() for p in os.environ.get(WORD_LISTS_ENV, "").split(os.pathsep) if p.strip())


def load_word_lists(stage: str, extra: Iterable[str | Path] | None = None) -> WordLists:
    """The word lists of ``stage``: those shipped in ``{package}/data/{stage}.yaml``, with the ``stage`` section
    of each user file in ``extra`` added (the files of ``DETENTE_WORDLISTS`` when ``extra`` is None).

    A list gains the user's words; a map gains the user's entries, which replace shipped ones of the same key. A
    map's values are names (or null where the shipped map has nulls), or, where the shipped values are lists
    (a place's name, country and coordinates), lists of the same length.
    Raises ConfigError naming the file and what is wrong with it.
    """
    name = f"{stage}.yaml"
    text = resources.files(_PACKAGES.get(stage, "detente.events")).joinpath(f"data/{name}").read_text(encoding="utf-8")
    lists = _check_lists(load_shipped(text), name, None)
    for path in word_list_files() if extra is None else extra:
        raw = load_user(path, "word-list")
        if raw is None:
            continue
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: expected a mapping of stage names ({', '.join(WORD_LIST_STAGES)}) to "
                              f"their word lists, got {type(raw).__name__}")
        unknown = sorted(str(k) for k in raw if k not in WORD_LIST_STAGES)
        if unknown:
            raise ConfigError(f"{path}: unknown stage(s) {', '.join(unknown)}; known: {', '.join(WORD_LIST_STAGES)}")
        if raw.get(stage) is None:
            continue
        for key, more in _check_lists(raw[stage], f"{path}: {stage}", lists).items():
            have = lists[key]
            if isinstance(have, dict):
                have.update(more)
            else:
                have.extend(w for w in more if w not in have)
    return lists


def _check_lists(raw, where: str, shipped: WordLists | None) -> WordLists:
    """Validate a stage's word lists (a user's against the ``shipped`` ones: known names, same kind; their
    words stripped, and lower-cased where the shipped list is)."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of word-list names to lists, got {type(raw).__name__}")
    out: WordLists = {}
    for key, value in raw.items():
        if shipped is not None and key not in shipped:
            raise ConfigError(f"{where}: unknown word list {key!r}; known: {', '.join(sorted(shipped))}")
        have = shipped[key] if shipped is not None else value
        lower = shipped is not None and all(k == k.lower() for k in have)
        if isinstance(have, dict):
            nullable = shipped is None or any(v is None for v in have.values())
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: word list {key!r} must be a mapping, got {type(value).__name__}")
            rows = bool(have) and all(isinstance(v, list) for v in have.values())
            width = len(next(iter(have.values()))) if rows else 0
            entries = {}
            for k, v in value.items():
                if rows:
                    ok = isinstance(v, list) and len(v) == width and all(isinstance(x, (str, int, float)) or x is None
                                                                         for x in v)
                    what = f"a list of {width} values like the shipped ones, such as {next(iter(have.values()))}"
                else:
                    ok = isinstance(v, str) or (v is None and nullable)
                    what = f"a name{' or null' if nullable else ''} (quote words YAML reads otherwise)"
                if not (isinstance(k, str) and k.strip()) or not ok:
                    raise ConfigError(f"{where}: word list {key!r}: entry {k!r}: {v!r} must map a phrase to {what}")
                entries[k.strip().lower() if lower else k.strip()] = v
            out[key] = entries
        elif isinstance(have, list):
            if not isinstance(value, list):
                raise ConfigError(f"{where}: word list {key!r} must be a list of words, got {type(value).__name__}")
            words = []
            for w in value:
                if not (isinstance(w, str) and w.strip()):
                    raise ConfigError(f"{where}: word list {key!r}: {w!r} is not a word (quote words YAML reads "
                                      f"otherwise, such as no, yes, on, off)")
                words.append(w.strip().lower() if lower else w.strip())
            out[key] = words
        else:
            raise ConfigError(f"{where}: word list {key!r} must be a list or a mapping, got {type(value).__name__}")
    return out
