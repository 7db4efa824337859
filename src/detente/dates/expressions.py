"""Find temporal expressions in a sentence by pattern ("on Sunday", "in May 1998", "from 1980 to 1988").

spaCy's DATE entities miss some of these and split others; ``find_expressions`` returns character spans
that ``resolve.resolve_expression`` understands, longest match first, never overlapping. Words that only look
like dates ("Theresa May", "talks with May", "by Jan Eliasson", "Mar-a-Lago") are left out (``names.py``).
"""
from __future__ import annotations

import re

from .history import PATTERN as _HIST
from .names import not_a_date

MON = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|"
       r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR = r"(?:1[89]\d\d|20\d\d)"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a few|few|several|some)"
PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
PREP = r"(?:(?:on|in|since|from|by|during|until|till|through|throughout|as of|before|after|early|late)\s+)"

_PATTERNS = [
    # ranges and lists of years
    rf"(?:from|between)\s+(?:the\s+(?:years?\s+)?)?{YEAR}\s*(?:-|\u2013|to|and|until|through)\s*{YEAR}",
    rf"(?:in\s+)?{YEAR}\s*(?:-|\u2013)\s*(?:{YEAR}|\d\d)\b",
    rf"{PREP}?{YEAR}(?:\s*,\s*{YEAR})*,?\s+(?:and|or)\s+{YEAR}",
    # month ranges: "from March to May 2003", "between March and May"
    rf"(?:from|between)\s+{MON}\s+(?:to|and|until|through)\s+{MON}(?:,?\s+{YEAR})?",
    # day ranges: "March 3-5, 2020", "3-5 March"
    rf"{PREP}?{MON}\s+{DAY}\s*(?:-|\u2013|to|and)\s*{DAY}(?:,?\s+{YEAR})?",
    rf"{PREP}?{DAY}\s*(?:-|\u2013|to|and)\s*{DAY}\s+{MON}(?:,?\s+{YEAR})?",
    # full and partial dates, optionally after a weekday: "Tuesday, March 3, 2020", "12 March 2014", "March 12"
    rf"{PREP}?(?:{WD},?\s+)?{MON}\s+{DAY}\b(?:,?\s+{YEAR})?",
    rf"{PREP}?(?:{WD},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MON}(?:,?\s+{YEAR})?",
    rf"\b{YEAR}-[01]\d-[0-3]\d\b",
    # month and year, seasons, parts of years, decades
    rf"{PREP}?(?:(?:early|mid|late)[- ])?{MON},?\s+(?:of\s+)?{YEAR}",
    rf"{PREP}?(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{YEAR}",
    rf"{PREP}?(?:the\s+)?(?:early|mid|late|end of|start of|beginning of|middle of)[- ]?{YEAR}",
    rf"{PREP}?(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?:19|20)\d0s",
    # years with a preposition or as a modifier: "in 2003", "the 2003 invasion"
    rf"(?:in|since|by|during|until|from|of|before|after|as of)\s+(?:the\s+year\s+)?{YEAR}\b",
    rf"(?<=\bthe\s){YEAR}(?=\s+[a-z])",
    # a month named alone after a preposition: "in May", "since March", "late last month" is below
    rf"(?:in|since|by|during|until|early|late|mid|mid-|last|next|this)\s*{MON}(?!\s*\d)\b",
    # seasons told relative to publication: "last fall", "this summer"
    r"(?:(?:early|late|mid)[- ]?)?(?:last|this|next|this past|this coming)\s+(?:spring|summer|fall|autumn|winter)\b",
    # weekdays
    rf"(?:(?:on|last|this past|this|next|late|early|until|by|since)\s+)?{WD}{PART}",
    # deictic days
    r"(?:earlier|later)\s+today|(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)"
    r"|\btoday\b|\btonight\b|\byesterday\b|\btomorrow\b|last\s+night|overnight",
    # relative weeks, months, years, weekends
    r"(?:(?:earlier|later|early|late|so far)\s+)?(?:this|last|next|the past|the previous|the coming|past)\s+"
    r"(?:week|month|year|weekend)",
    r"(?:over\s+)?the\s+weekend",
    # "two years ago", "a week earlier", "days before the vote"
    # ("two days after the attack" counts from the attack, which this expression does not date: not one)
    rf"(?:{NUM}|a couple of)\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|later|"
    r"(?:before|after|prior)(?!\s+(?:to\s+)?[\w\"“'‘]))",
    r"(?:days|weeks|hours|months|years)\s+(?:before|after|ahead of|earlier|later)",
    r"(?:the\s+)?(?:next|following|previous|same)\s+(?:day|week|month|year)|the\s+day\s+(?:before|after)"
    r"|(?:later|earlier)\s+that\s+(?:day|week|month|year)|that\s+(?:day|week|month|year)",
    # historical anchors (last: the only pattern that needs none of the words of ``_NEEDED``)
    rf"(?:since|during|after|before|in|at the end of|the end of)\s+(?:the\s+)?(?:{_HIST})",
]
_RX = [re.compile(p, re.I) for p in _PATTERNS]
_COUNTED_UNIT = re.compile(r"(?:days|weeks|hours|months|years)\s+(?:before|after|ahead of)", re.I)
_COUNT_BEFORE = re.compile(rf"\b(?:{NUM}|a couple of)\s+$", re.I)


# every pattern but the last (the historical anchors) needs one of these words or a digit: two sentences in three
# have none, and are searched for the anchors alone (the same result, in half the time over 16,500 sentences)
_NEEDED = re.compile(rf"\d|{MON}|{WD}|spring|summer|autumn|fall|winter|today|tonight|yesterday|tomorrow|night|"
                     r"morning|afternoon|evening|week|month|year|day|decade|hour", re.I)


def find_expressions(text: str) -> list[tuple[int, int, str]]:
    """Temporal expressions in ``text`` as (start, end, words), longest first where they overlap."""
    return _find(text, _RX if _NEEDED.search(text) else _RX[-1:])


def _find(text: str, patterns: list[re.Pattern]) -> list[tuple[int, int, str]]:
    found = []
    for rx in patterns:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            # words, not parts of words
            if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
                continue
            if not_a_date(text, s, e):
                continue
            if _COUNTED_UNIT.match(text, s) and _COUNT_BEFORE.search(text, 0, s):
                continue  # the tail of "two days after the attack", which the pattern above declined
            found.append((s, e))
    found.sort(key=lambda se: (-(se[1] - se[0]), se[0]))
    taken: list[tuple[int, int]] = []
    for s, e in found:
        if all(e <= a or s >= b for a, b in taken):
            taken.append((s, e))
    return [(s, e, text[s:e]) for s, e in sorted(taken)]
