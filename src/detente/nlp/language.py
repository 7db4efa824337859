"""A cheap English detector: share of English function words and of Latin letters."""
from __future__ import annotations

import re

_FUNCTION = set("the of and to in a is that for on with as was by it at from said be are has have not an its "
                "this which or but were will had their after been who would also they he she his her we".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def is_english(text: str, *, sample: int = 4000) -> tuple[bool, str]:
    """(True, "") for English text; (False, reason) otherwise."""
    s = text[:sample]
    words = _WORD.findall(s)
    if len(words) < 3:
        return True, ""  # too short to tell; let the coder try
    letters = sum(len(w) for w in words)
    latin = sum(1 for w in words for ch in w if ch.isascii())
    if letters and latin / letters < 0.6:
        return False, f"not English: only {latin * 100 // letters}% Latin letters"
    share = sum(1 for w in words if w.lower() in _FUNCTION) / len(words)
    if len(words) >= 12 and share < 0.08:
        return False, f"not English: {share:.0%} English function words"
    return True, ""
