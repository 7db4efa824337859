"""Words that look like dates but are not: month words in names and titles, numbers that are not years.

"Theresa May", "May's government", "talks with May", "Jan Eliasson", "Mar-a-Lago", "Flight 1549" and "2000
soldiers" give no date. The word lists are data (``data/names.yaml``); ``not_a_date`` says why an expression
found in a text is none, so the expression finder can drop it and say so in tests.

    >>> not_a_date("Trump held talks with Theresa May on Tuesday.", 28, 31)
    "part of the name 'Theresa May'"
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..yamlfile import load_shipped

MONTH_WORDS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_MONTH = re.compile(r"\b(?:%s)\b" % "|".join(MONTH_WORDS + ABBREVIATIONS))
_WEEKDAY = re.compile(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$")
_NUMBER = re.compile(r"(?<![\d,.])\b\d{3,4}\b(?![\d,])")
_WORD = re.compile(r"[\w.$€£#'’-]+")
_DATEISH = re.compile(r"^(?:\d{1,4}(?:st|nd|rd|th)?,?|(?:%s)\.?,?)$" % "|".join(MONTH_WORDS + ABBREVIATIONS))


@dataclass(frozen=True)
class NameWords:
    """The word lists of ``data/names.yaml``."""

    names: tuple[str, ...]
    titles: frozenset[str]
    person_nouns: frozenset[str]
    person_verbs: frozenset[str]
    temporal_before: frozenset[str]
    number_labels: frozenset[str]
    count_nouns: frozenset[str]
    name_rx: re.Pattern | None


@lru_cache(maxsize=1)
def name_words() -> NameWords:
    """The shipped word lists (read once; the data file does not change while running)."""
    raw = load_shipped(resources.files("detente.dates").joinpath("data", "names.yaml").read_text("utf-8"))
    names = tuple(sorted({str(n) for n in raw.get("names") or []}, key=len, reverse=True))
    rx = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(re.escape(n) for n in names)) if names else None
    return NameWords(names, frozenset(map(str, raw.get("titles") or [])),
                     frozenset(map(str, raw.get("person_nouns") or [])),
                     frozenset(map(str, raw.get("person_verbs") or [])),
                     frozenset(str(w).lower() for w in raw.get("temporal_before") or []),
                     frozenset(map(str, raw.get("number_labels") or [])),
                     frozenset(str(w).lower() for w in raw.get("count_nouns") or []), rx)


def _words_before(text: str, pos: int, n: int = 4) -> list[str]:
    return _WORD.findall(text[max(0, pos - 60):pos])[-n:]


def _words_after(text: str, pos: int, n: int = 3) -> list[str]:
    return _WORD.findall(text[pos:pos + 60])[:n]


def month_word_reason(text: str, start: int, end: int) -> str | None:
    """Why the month word ``text[start:end]`` is no date ("May" in "Prime Minister May said"), or None."""
    w = name_words()
    word = text[start:end]
    after_txt = text[end:end + 40]
    after = _words_after(text, end)
    if after_txt[:1] in ("-", "\u2011") and after_txt[1:2].isalpha():
        return f"'{word}-' starts a name"
    dated = bool(re.match(r"\.?,?\s*(?:[0-3]?\d(?:st|nd|rd|th)?\b|(?:1[89]|20)\d\d\b)", after_txt))
    if dated:
        return None  # "May 5", "May 2016": a date
    if word in ABBREVIATIONS and not after_txt.startswith("."):
        return f"'{word}' without a day or year is a name, not a month"
    before = _words_before(text, start)
    prev = before[-1] if before else ""
    if prev in w.titles or (len(before) >= 2 and " ".join(before[-2:]) in w.titles):
        return f"'{word}' after the title '{prev}'"
    poss = re.match(r"['’]s\s+([\w'-]+)(?:\s+([\w'-]+))?", after_txt)
    if poss and (poss.group(1) in w.person_nouns or (poss.group(2) or "") in w.person_nouns):
        return f"'{word}'s {poss.group(1)}' belongs to a person"
    nxt = after[0] if after else ""
    if nxt in w.person_verbs and not after_txt.startswith((",", ".")):
        return f"'{word} {nxt}': a person acts, a month does not"
    if prev and prev[:1].isupper() and prev.lower() not in w.temporal_before and \
            not _DATEISH.match(prev) and not _WEEKDAY.match(prev.rstrip(",")) and text[start - 1:start] == " ":
        return f"'{prev} {word}' is a name"
    low = prev.lower().rstrip(",")
    if low in ("to", "and", "or", "&", "through", "until", "-"):
        if any(_DATEISH.match(b) or b.lower() in ("between", "from") for b in before[:-1]):
            return None  # "from March to May", "in April and May"
        return f"'{prev} {word}' with no date before it"
    if low not in w.temporal_before and not low.startswith(("mid-", "early-", "late-")) and \
            not re.search(r"(?:mid|early|late)-$", text[max(0, start - 6):start].lower()):
        return f"'{word}' with no temporal word before it ('{prev or 'start'}')"
    return None


def year_reason(text: str, start: int, end: int) -> str | None:
    """Why the number ``text[start:end]`` is no year ("Flight 1549", "2000 soldiers"), or None."""
    w = name_words()
    before = _words_before(text, start, 2)
    prev = before[-1] if before else ""
    if prev in w.number_labels or prev.rstrip(".") in w.number_labels:
        return f"'{prev} {text[start:end]}' is a number, not a year"
    after = _words_after(text, end, 2)
    if after and after[0].lower().strip("'’") in w.count_nouns and text[end:end + 1] == " ":
        if not (prev.lower() in ("the", "since", "of") and after[0].lower() in ("strikes", "votes", "cases")):
            return f"'{text[start:end]} {after[0]}' counts, it is not a year"
    return None


def name_spans(text: str) -> list[tuple[int, int, str]]:
    """Where the listed names that contain month words occur in ``text``."""
    rx = name_words().name_rx
    return [(m.start(), m.end(), m.group(0)) for m in rx.finditer(text)] if rx else []


def not_a_date(text: str, start: int, end: int) -> str | None:
    """Why the expression ``text[start:end]`` names no date, or None when it may name one.

    An expression is dropped when it overlaps a listed name, when its only month word is a name or title
    ("with May", "May's government", "Mrs May"), or when its only number is not a year ("Flight 1549").
    """
    for s, e, name in name_spans(text):
        if s < end and start < e and _MONTH.search(text, s, e):
            return f"part of the name '{name}'"
    inner = text[start:end]
    months = list(_MONTH.finditer(text, start, end))
    if months:
        # a day or a year inside the expression makes it a date whatever the month word's neighbours
        rest = _MONTH.sub(" ", inner)
        if len(months) == 1 and not re.search(r"\d", rest):
            return month_word_reason(text, months[0].start(), months[0].end())
        return None
    nums = list(_NUMBER.finditer(text, start, end))
    if len(nums) == 1 and not re.search(r"\d", inner[:nums[0].start() - start] + inner[nums[0].end() - start:]):
        return year_reason(text, nums[0].start(), nums[0].end())
    return None
