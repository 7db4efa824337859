"""Historical anchors: named wars, crises and turning points the news dates events by ("since the Gulf War").

Each anchor is a regular expression over the words after "the" and its ISO value (a year, a day or a span).
"""
from __future__ import annotations

import re

ANCHORS: list[tuple[str, str]] = [
    (r"(?:first\s+)?gulf war|persian gulf war|operation desert storm", "1990/1991"),
    (r"second world war|world war (?:ii|two|2)", "1939/1945"),
    (r"first world war|great war|world war (?:i|one|1)", "1914/1918"),
    (r"korean war", "1950/1953"),
    (r"vietnam war", "1955/1975"),
    (r"cold war", "1947/1991"),
    (r"six[- ]day war", "1967-06"),
    (r"yom kippur war|1973 war|october war", "1973-10"),
    (r"cuban missile crisis", "1962-10"),
    (r"(?:iranian|islamic|1979) revolution", "1979"),
    (r"iran[- ]iraq war", "1980/1988"),
    (r"soviet invasion of afghanistan", "1979-12"),
    (r"(?:fall|collapse) of the berlin wall", "1989-11-09"),
    (r"(?:fall|collapse|breakup|dissolution) of the soviet union|soviet collapse", "1991-12"),
    (r"(?:9/11|september 11)(?: attacks)?", "2001-09-11"),
    (r"(?:2003 )?(?:us|u\.s\.|american)?[- ]?(?:led )?invasion of iraq|iraq war", "2003"),
    (r"arab spring", "2011"),
    (r"(?:russian )?annexation of crimea", "2014-03"),
    (r"(?:2008 )?(?:global )?financial crisis", "2008"),
    (r"russia[- ]georgia war|war in georgia", "2008-08"),
    (r"tiananmen(?: square)?(?: crackdown| massacre| protests)?", "1989-06-04"),
]
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
