"""The event table an analyst works with: filters beyond the store's (speaker, either direction), sorting,
a total, facet counts (outlets, speakers), and downloads in the formats of `detente export`.

The web page, the JSON API and the downloads all call ``listing``, so their counts agree.
"""
from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..store.base import Filters

SORTS = ("date", "source", "target", "action", "goldstein", "outlet", "speaker", "mentions")
DOWNLOADS = {"csv": ("text/csv", "csv"), "jsonl": ("application/x-ndjson", "jsonl"),
             "plover": ("application/x-ndjson", "plover.jsonl"), "gdelt": ("text/tab-separated-values", "gdelt.tsv"),
             "icews": ("text/tab-separated-values", "icews.tsv")}
UNRESOLVED = "(unresolved)"
NO_SPEAKER = "(none stated)"
NO_PLACE = "(no place known)"


@dataclass
class Listing:
    """The rows of one view (sorted, not paged), and its facets: counts per outlet and per speaker over the
    view without its own outlet and speaker filters."""

    rows: list[dict]
    outlets: list[tuple[str, int]] = field(default_factory=list)
    speakers: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)


def speaker_of(rec: dict) -> str:
    """The attributed speaker of a record as one label: its actor code, the words when the actor is not
    resolved, or NO_SPEAKER when the article states no source."""
    att = rec.get("attribution") or {}
    sp = att.get("speaker") or {}
    if sp.get("code"):
        return sp["code"]
    if sp.get("text") or att.get("text"):
        return UNRESOLVED
    return NO_SPEAKER


def place_of(rec: dict) -> str:
    """Where an event happened, as one label: its place's name, or NO_PLACE when the text gives none."""
    loc = rec.get("location") or {}
    return (loc.get("name") or "").strip() or NO_PLACE


def place_matcher(place: str | None):
    """A test on records for the ``place`` filter (a place name, any case, or NO_PLACE), or None for no
    filter; InputError for a value over 200 characters."""
    p = (place or "").strip()
    if not p:
        return None
    if len(p) > 200:
        raise InputError("place: at most 200 characters")
    if p == NO_PLACE:
        return lambda r: place_of(r) == NO_PLACE
    want = p.casefold()
    return lambda r: place_of(r).casefold() == want


def check_sort(sort: str | None) -> tuple[str, bool]:
    """``sort`` ("date", "-date", ...) as (key, descending); InputError lists the choices."""
    s = (sort or "-date").strip()
    key, desc = (s[1:], True) if s.startswith("-") else (s, False)
    if key not in SORTS:
        raise InputError(f"sort={sort!r}: choose one of {', '.join(SORTS)}, with - in front for descending")
    return key, desc


def _key(rec: dict, key: str):
    if key == "date":
        d = (rec.get("date") or "").split("/")[0]
        return d or None
    if key in ("source", "target"):
        a = rec.get(key) or {}
        return a.get("code") or (a.get("text") or "").lower() or None
    if key == "action":
        return rec.get("cameo")
    if key == "goldstein":
        return rec.get("goldstein")
    if key == "outlet":
        return (rec.get("outlet") or "").lower() or None
    if key == "speaker":
        return speaker_of(rec)
    return rec.get("n_mentions", 1)


def sort_rows(rows: list[dict], sort: str | None) -> list[dict]:
    """Rows sorted by one column (missing values last either way); ties newest first, then by id."""
    key, desc = check_sort(sort)
    rows = sorted(rows, key=lambda r: r.get("event_id") or "")
    rows = sorted(rows, key=lambda r: (r.get("date") or "").split("/")[0], reverse=True)
    have = [r for r in rows if _key(r, key) is not None]
    missing = [r for r in rows if _key(r, key) is None]
    return sorted(have, key=lambda r: _key(r, key), reverse=desc) + missing


def listing(store, f: Filters, *, merged: bool = False, speaker: str | None = None, either: bool = False,
            sort: str | None = "-date", place: str | None = None) -> Listing:
    """Every record matching ``f`` (one per mention, or per merged event), ``speaker`` (an actor code prefix,
    or UNRESOLVED / NO_SPEAKER), ``place`` (where it happened: a place name, or NO_PLACE) and, with ``either``,
    the actors in either direction (source ``f.actor`` and target ``f.target``, or the other way round); sorted
    by ``sort``; with the outlet and speaker facets."""
    check_sort(sort)
    at = place_matcher(place)
    base = replace(f, limit=None, offset=0)
    views = [base]
    if either and (base.actor or base.target) and base.actor != base.target:
        views.append(replace(base, actor=base.target, target=base.actor))
    id_key = "cluster_id" if merged else "event_id"

    def fetch(fs: list[Filters]) -> list[dict]:
        out, seen = [], set()
        for g in fs:
            for r in store.events(g, merged=merged, articles=True):
                k = r.get(id_key) or r.get("event_id")
                if k not in seen:
                    seen.add(k)
                    out.append(r)
        return out

    rows = fetch(views)  # every filter but the speaker's
    no_outlet = fetch([replace(v, outlet=None) for v in views]) if f.outlet else rows
    if at is not None:
        rows = [r for r in rows if at(r)]
        no_outlet = [r for r in no_outlet if at(r)] if f.outlet else rows
    sp = (speaker or "").strip()
    match = None
    if sp:
        want = sp if sp in (UNRESOLVED, NO_SPEAKER) else sp.upper()
        if want in (UNRESOLVED, NO_SPEAKER):
            match = lambda r: speaker_of(r) == want  # noqa: E731
        else:
            match = lambda r: speaker_of(r).startswith(want)  # noqa: E731
    outlets = Counter(r.get("outlet") or "(unknown outlet)" for r in no_outlet if match is None or match(r))
    speakers = Counter(speaker_of(r) for r in rows)
    if match is not None:
        rows = [r for r in rows if match(r)]
    return Listing(sort_rows(rows, sort), outlets=outlets.most_common(), speakers=speakers.most_common())


def download(rows: list[dict], fmt: str) -> tuple[bytes, str, str]:
    """The rows in a download format: (body, media type, file suffix). CSV, PLOVER, GDELT and ICEWS are
    written by ``detente.export``'s writers (the same files `detente export` writes); JSON Lines are the
    EVENTS.md records as stored."""
    if fmt not in DOWNLOADS:
        raise InputError(f"format={fmt!r}: choose one of {', '.join(DOWNLOADS)}")
    media, suffix = DOWNLOADS[fmt]
    if fmt == "jsonl":
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
        return body, media, suffix
    if fmt == "csv":
        from ..export.table import write_csv as write
    elif fmt == "plover":
        from ..export.plover import write
    elif fmt == "gdelt":
        from ..export.gdelt import write
    else:
        from ..export.icews import write
    with tempfile.TemporaryDirectory(prefix="detente-dl-") as d:
        out = Path(d) / f"events.{suffix}"
        write(rows, out)
        return out.read_bytes(), media, suffix


__all__ = ["Listing", "SORTS", "DOWNLOADS", "NO_PLACE", "listing", "download", "speaker_of", "place_of",
           "sort_rows", "check_sort"]
