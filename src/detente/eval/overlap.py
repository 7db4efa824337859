"""Find sentences that recur across gold sets and the CAMEO manual's examples (often lightly edited).

Two sentences overlap when at least ``threshold`` of the word trigrams of the shorter one
occur in the other.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

_WORD = re.compile(r"[a-z0-9]+")


def shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    """Lower-cased word n-grams of ``text`` (the words themselves when it is shorter than n)."""
    w = _WORD.findall(text.lower())
    if len(w) < n:
        return {tuple(w)} if w else set()
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def find_overlaps(sets: dict[str, list[tuple[str, str]]], *, threshold: float = 0.5) -> dict[str, set[str]]:
    """For each sentence id, the names of the other sets where it recurs.

    sets (dict): set name -> [(sentence id, text)].
    RETURNS (dict): sentence id -> set names (only ids with an overlap).
    """
    sh: dict[str, set] = {}
    owner: dict[str, str] = {}
    index: dict[tuple, list[str]] = defaultdict(list)
    for name, items in sets.items():
        for sid, text in items:
            sh[sid], owner[sid] = shingles(text), name
            for g in sh[sid]:
                index[g].append(sid)
    out: dict[str, set[str]] = defaultdict(set)
    for sid, mine in sh.items():
        shared = Counter(o for g in mine for o in index[g] if owner[o] != owner[sid])
        for o, k in shared.items():
            if k / max(1, min(len(mine), len(sh[o]))) >= threshold:
                out[sid].add(owner[o])
    return dict(out)
