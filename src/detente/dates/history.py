"""Historical anchors: named wars, crises and turning points the news dates events by ("since the Gulf War").

Each anchor is a regular expression over the words after "the" and its ISO value (a year, a day or a span). They
are data (``data/dates.yaml``), which a user extends with the files named by ``DETENTE_WORDLISTS``.
"""
from __future__ import annotations

import re

from ..wordlists import load_word_lists

#: (pattern, ISO value), the shipped ``data/dates.yaml`` and the user's DETENTE_WORDLISTS files
ANCHORS: list[tuple[str, str]] = [(str(p), str(v)) for p, v in load_word_lists("dates")["anchors"].items()]
_COMPILED = [(re.compile(rf"^(?:{pat})$", re.I), value) for pat, value in ANCHORS]
# for finding them inside sentences
PATTERN = "|".join(f"(?:{p})" for p, _ in ANCHORS)


def anchor_value(phrase: str) -> str | None:
    """The ISO value of a named historical anchor ("the Gulf War" -> "1990/1991"), or None."""
    key = " ".join(phrase.lower().split()).strip(" ,.")
    key = re.sub(r"^the\s+", "", key)
    for rx, value in _COMPILED:
        if rx.match(key):
            return value
    return None
