"""Candidate features: what the scorer's head sees of one (source, target) candidate of a sentence.

The sentence is encoded once (``encoder.Encoder``: MiniLM's token states); each candidate then takes

- the sentence: its [CLS] state and the mean of its token states;
- the source phrase, the target phrase and the predicate (the word that governs both): the mean of the
  states of the word pieces under each (zeros when the candidate has no such phrase in the sentence);
- hints from the rules and the parse (``HINTS``): the roots of the asserted rule events coded for the pair,
  whether a rule coded it with another modality, whether each phrase is in the sentence, the order of the
  phrases, and how many actors the sentence reaches; and how each phrase hangs on the predicate (``SYNTAX``:
  subject, passive subject, object, object of which preposition, passive agent, possessor, deeper, outside).

Training (``train.py``) and coding build the features with this one function, so the head sees at run time
exactly what it was trained on.
"""
from __future__ import annotations

import numpy as np

from .candidates import ROOTS, Candidate

#: how a phrase hangs on the predicate (``role``): its subject, passive subject, object, a preposition's object,
#: the "by" agent of a passive, a possessor of a word of the predicate's, another word under it, or outside it
ROLES = ("subj", "subjpass", "obj", "pobj", "agent", "poss", "under", "outside")
#: the preposition of a ``pobj`` phrase
PREPS = ("against", "with", "to", "on", "at", "from", "for", "of", "in", "other")
SYNTAX = (*(f"source_{r}" for r in ROLES), *(f"target_{r}" for r in ROLES), *(f"target_prep_{p}" for p in PREPS),
          *(f"source_prep_{p}" for p in PREPS), "source_depth", "target_depth", "predicate_verb", "predicate_noun")
_RULES_AND_PHRASES = (*(f"rule_{r}" for r in ROOTS), "rule_other_modality", "rules_in_sentence", "source_phrase",
                      "target_none", "target_phrase", "domestic", "source_first", "actors")
HINTS = (*_RULES_AND_PHRASES, *SYNTAX)
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
    """The hints before ``SYNTAX``: the rules' and the phrases'."""
    h = np.zeros(len(_RULES_AND_PHRASES), dtype=np.float32)
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


def _head(doc, span: tuple[int, int] | None):
    """The token of a phrase whose head lies outside it."""
    if span is None:
        return None
    toks = [doc[i] for i in range(*span)]
    return next((t for t in toks if not (span[0] <= t.head.i < span[1]) or t.head.i == t.i), toks[-1])


def role(tok, pred) -> tuple[str, str | None, int]:
    """(how ``tok`` hangs on ``pred`` (one of ``ROLES``), its preposition, how many arcs lie between them)."""
    if tok is None or pred is None:
        return "outside", None, 0
    up = [tok, *tok.ancestors]
    if pred not in up:
        return "outside", None, 0
    depth = up.index(pred)
    dep, head = tok.dep_, tok.head
    if head.i == pred.i and dep in ("nsubj", "csubj", "expl"):
        return "subj", None, depth
    if head.i == pred.i and dep in ("nsubjpass", "csubjpass"):
        return "subjpass", None, depth
    if head.i == pred.i and dep in ("dobj", "obj", "iobj", "dative", "attr", "oprd"):
        return "obj", None, depth
    if dep == "pobj" and head.head.i == pred.i:
        if head.dep_ == "agent":
            return "agent", None, depth
        return "pobj", head.lower_, depth
    if dep == "poss" and (head.i == pred.i or head.head.i == pred.i):
        return "poss", None, depth
    return "under", None, depth


def syntax(sent, c: Candidate, pred) -> np.ndarray:
    """The ``SYNTAX`` hints of a candidate: how its source and target phrases hang on its predicate."""
    h = np.zeros(len(SYNTAX), dtype=np.float32)
    doc = sent.doc
    n = len(ROLES)
    for k, span in enumerate((c.source_span, c.target_span)):
        if span is None:
            continue  # no phrase: the phrase hints say so
        r, prep, depth = role(_head(doc, span), pred)
        h[k * n + ROLES.index(r)] = 1.0
        if r == "pobj":
            h[2 * n + (1 - k) * len(PREPS) + PREPS.index(prep if prep in PREPS else "other")] = 1.0
        h[2 * n + 2 * len(PREPS) + k] = min(depth, 6) / 6.0
    if pred is not None:
        h[-2] = float(pred.pos_ in ("VERB", "AUX"))
        h[-1] = float(pred.pos_ in ("NOUN", "PROPN"))
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
    pooled: dict = {}  # candidates share phrases: each token span pooled once

    def pool(span: tuple[int, int] | None) -> np.ndarray:
        got = pooled.get(span)
        if got is None:
            got = pooled[span] = _mean(states, pieces_under(offsets, char_span(sent, span)))
        return got

    rows = []
    for c, pred in zip(cands, predicates):
        src, tgt = pool(c.source_span), pool(c.target_span)
        prd = pool((pred.i, pred.i + 1) if pred is not None else None)
        rows.append(np.concatenate([cls, mean, src, tgt, prd, hints(c, len(actors), any_rules),
                                    syntax(sent, c, pred)]))
    return np.stack(rows).astype(np.float32) if rows else np.zeros((0, size(states.shape[1])), np.float32)
