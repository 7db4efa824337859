"""Candidate features: what the scorer's head sees of one (source, target) candidate of a sentence.

The sentence is encoded once (``encoder.Encoder``: MiniLM's token states); each candidate then takes

- the sentence: its [CLS] state and the mean of its token states;
- the source phrase, the target phrase and the predicate (the word that governs both): the mean of the
  states of the word pieces under each (zeros when the candidate has no such phrase in the sentence);
- hints from the rules and the parse (``HINTS``): the roots of the asserted rule events coded for the pair,
  whether a rule coded it with another modality, whether each phrase is in the sentence, the order of the
  phrases, and how many actors the sentence reaches.

Training (``train.py``) and coding build the features with this one function, so the head sees at run time
exactly what it was trained on.
"""
from __future__ import annotations

import numpy as np

from .candidates import ROOTS, Candidate

HINTS = (*(f"rule_{r}" for r in ROOTS), "rule_other_modality", "rules_in_sentence", "source_phrase",
         "target_none", "target_phrase", "domestic", "source_first", "actors")
PARTS = ("cls", "mean", "source", "target", "predicate")


def size(dim: int) -> int:
    """Length of a feature vector over token states of width ``dim``."""
    return len(PARTS) * dim + len(HINTS)


def char_span(sent, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Doc token span -> character span within the sentence's text."""
    if span is None:
        return None
    doc = sent.doc
    first, last = doc[span[0]], doc[span[1] - 1]
    return first.idx - sent.start_char, last.idx + len(last.text) - sent.start_char


def pieces_under(offsets: list[tuple[int, int]], chars: tuple[int, int] | None) -> list[int]:
    """Indices of the word pieces (special tokens excluded) that overlap a character span."""
    if chars is None:
        return []
    a, b = chars
    return [i for i, (s, e) in enumerate(offsets) if e > s and s < b and e > a]


def _mean(states: np.ndarray, idx: list[int]) -> np.ndarray:
    return states[idx].mean(axis=0) if idx else np.zeros(states.shape[1], dtype=np.float32)


def hints(c: Candidate, n_actors: int, rules_in_sentence: bool) -> np.ndarray:
    h = np.zeros(len(HINTS), dtype=np.float32)
    for e in c.rules:
        if e.modality == "asserted" and e.cameo_root in ROOTS:
            h[ROOTS.index(e.cameo_root)] = 1.0
        elif e.modality != "asserted":
            h[20] = 1.0
    h[21] = float(rules_in_sentence)
    h[22] = float(c.source_span is not None)
    h[23] = float(c.target is None)
    h[24] = float(c.target_span is not None)
    h[25] = float(c.target is not None and c.source is not None and c.target.country == c.source.country)
    h[26] = float(c.source_span is not None and c.target_span is not None and c.source_span[0] < c.target_span[0])
    h[27] = min(n_actors, 6) / 6.0
    return h


def candidate_features(sent, states: np.ndarray, offsets: list[tuple[int, int]], cands: list[Candidate],
                       predicates: list) -> np.ndarray:
    """An (n, size) array: one row per candidate of the sentence ``sent`` (a spaCy span).

    ``states`` and ``offsets`` are the encoder's token states and character offsets for ``sent.text``;
    ``predicates`` the predicate token (or None) of each candidate.
    """
    real = [i for i, (s, e) in enumerate(offsets) if e > s]
    cls, mean = states[0], _mean(states, real)
    actors = {c.source.country for c in cands if c.source is not None} | {c.target.country for c in cands
                                                                         if c.target is not None}
    any_rules = any(c.rules for c in cands)
    rows = []
    for c, pred in zip(cands, predicates):
        src = _mean(states, pieces_under(offsets, char_span(sent, c.source_span)))
        tgt = _mean(states, pieces_under(offsets, char_span(sent, c.target_span)))
        prd = _mean(states, pieces_under(offsets, char_span(sent, (pred.i, pred.i + 1)) if pred is not None
                                         else None))
        rows.append(np.concatenate([cls, mean, src, tgt, prd, hints(c, len(actors), any_rules)]))
    return np.stack(rows).astype(np.float32) if rows else np.zeros((0, size(states.shape[1])), np.float32)
