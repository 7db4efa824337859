"""Resolve temporal expressions ("on Sunday", "in June 1994", "from 1950 to 1953") to event dates."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "a": 1, "an": 1, "several": 3, "few": 3, "eleven": 11, "twelve": 12}
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"


@dataclass(frozen=True)
class EventDate:
    """An event's date: ISO value, its precision and how it was found."""

    value: str | None
    precision: str | None
    basis: str
    text: str | None = None


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _safe_day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_expression(expr: str, published: date | None, *, future: bool = False) -> EventDate | None:
    """Resolve one temporal expression against the publication date; None when it names no date."""
    s = " ".join(expr.replace("\u2013", "-").replace("\u2014", "-").split())
    low = s.lower().strip(" ,.")
    low = re.sub(r"^(on|in|at|during|since|by|from|as of|until|till|through|throughout|of|early|late|mid|the)\s+",
                 "", low)
    # ranges: "from 1950 to 1953", "between 2011 and 2015", "1962-1963", "1950 to 1953"
    m = re.search(r"(?:from\s+|between\s+)?(\d{4})\s*(?:-|to|and|until|through)\s*(\d{4})\b", low)
    if m and int(m.group(1)) <= int(m.group(2)):
        return EventDate(f"{m.group(1)}/{m.group(2)}", "span", "explicit", s)
    m = re.search(rf"({_MON.lower()})\s+(\d{{1,2}})\s*(?:-|to|and)\s*(\d{{1,2}}),?\s*(\d{{4}})?", low)
    if m:
        mon = MONTHS[m.group(1).rstrip(".")]
        y = int(m.group(4)) if m.group(4) else _infer_year(mon, published, future)
        if y:
            a, b = _safe_day(y, mon, int(m.group(2))), _safe_day(y, mon, int(m.group(3)))
            if a and b:
                return EventDate(f"{a.isoformat()}/{b.isoformat()}", "span", "explicit", s)
    # explicit full dates: "March 12, 2014", "12 March 2014", "2014-03-12"
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", low)
    if m:
        d = _safe_day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            return EventDate(d.isoformat(), "day", "explicit", s)
    m = re.search(rf"\b({_MON.lower()})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", low) or None
    m2 = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON.lower()})(?:,?\s+(\d{{4}}))?\b", low)
    if m or m2:
        if m:
            mon, day, yr = MONTHS[m.group(1).rstrip(".")], int(m.group(2)), m.group(3)
        else:
            mon, day, yr = MONTHS[m2.group(2).rstrip(".")], int(m2.group(1)), m2.group(3)
        y = int(yr) if yr else _infer_year(mon, published, future, day)
        if y:
            d = _safe_day(y, mon, day)
            if d:
                return EventDate(d.isoformat(), "day", "explicit" if yr else "relative", s)
    # month and year: "in May 1998", "October 2014"
    m = re.search(rf"\b({_MON.lower()}),?\s+(\d{{4}})\b", low)
    if m:
        return EventDate(_ym(int(m.group(2)), MONTHS[m.group(1).rstrip(".")]), "month", "explicit", s)
    # bare year: "in 2003", "the 1990s" is not a date
    m = re.fullmatch(r"(?:the\s+)?(?:year\s+)?(\d{4})", low)
    if m and 1800 <= int(m.group(1)) <= 2100:
        return EventDate(m.group(1), "year", "explicit", s)
    if published is None:
        return None
    # relative expressions
    if low in ("today", "tonight", "this morning", "this afternoon", "this evening", "now", "earlier today"):
        return EventDate(published.isoformat(), "day", "relative", s)
    if low in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"):
        return EventDate((published - timedelta(days=1)).isoformat(), "day", "relative", s)
    if low in ("tomorrow",):
        return EventDate((published + timedelta(days=1)).isoformat(), "day", "relative", s)
    m = re.fullmatch(r"(?:last\s+|this\s+past\s+|this\s+|next\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                     r"(?:\s+(?:morning|afternoon|evening|night))?", low)
    if m:
        wd = WEEKDAYS[m.group(1)]
        nxt = low.startswith("next") or (future and not low.startswith("last"))
        if nxt:
            delta = (wd - published.weekday()) % 7 or 7
            return EventDate((published + timedelta(days=delta)).isoformat(), "day", "relative", s)
        delta = (published.weekday() - wd) % 7
        if low.startswith("last"):
            delta = delta or 7
        return EventDate((published - timedelta(days=delta)).isoformat(), "day", "relative", s)
    m = re.fullmatch(r"(last|this|next|earlier this|later this|past)\s+(week|month|year)", low)
    if m:
        unit, which = m.group(2), m.group(1)
        step = {"last": -1, "past": -1, "next": 1}.get(which, 0)
        if unit == "week":
            d = published + timedelta(weeks=step)
            start = d - timedelta(days=d.weekday())
            return EventDate(f"{start.isoformat()}/{(start + timedelta(days=6)).isoformat()}", "span", "relative", s)
        if unit == "month":
            y, mo = published.year, published.month + step
            if mo == 0:
                y, mo = y - 1, 12
            elif mo == 13:
                y, mo = y + 1, 1
            return EventDate(_ym(y, mo), "month", "relative", s)
        return EventDate(str(published.year + step), "year", "relative", s)
    m = re.fullmatch(r"(\w+)\s+(day|week|month|year)s?\s+ago", low)
    if m and (m.group(1) in NUMBERS or m.group(1).isdigit()):
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
        unit = m.group(2)
        if unit == "day":
            return EventDate((published - timedelta(days=n)).isoformat(), "day", "relative", s)
        if unit == "week":
            return EventDate((published - timedelta(weeks=n)).isoformat(), "day", "relative", s)
        if unit == "month":
            y, mo = divmod(published.year * 12 + published.month - 1 - n, 12)
            return EventDate(_ym(y, mo + 1), "month", "relative", s)
        return EventDate(str(published.year - n), "year", "relative", s)
    m = re.fullmatch(rf"({_MON.lower()})", low)
    if m:
        mon = MONTHS[m.group(1).rstrip(".")]
        y = _infer_year(mon, published, future)
        return EventDate(_ym(y, mon), "month", "relative", s) if y else None
    return None


def _infer_year(month: int, published: date | None, future: bool, day: int = 1) -> int | None:
    """The year of a month named without one: the latest such month on or before publication (or after, for futures)."""
    if published is None:
        return None
    y = published.year
    if future:
        return y if (month, day) >= (published.month, published.day) else y + 1
    return y if (month, day) <= (published.month, published.day) or month <= published.month else y - 1


DATE_DEPS = ("npadvmod", "prep", "pobj", "nmod", "advmod", "tmod", "obl")


def event_date(pred: Token, sent: Span, published: date | None, *, future: bool = False) -> EventDate:
    """The date of the event whose predicate is ``pred``: from a DATE entity attached to it, else publication."""
    doc = pred.doc
    best = None
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        # distance in the tree between the date and the predicate, crossing no other clause
        cur, hops, ok = ent.root, 0, False
        while hops < 6:
            if cur.i == pred.i:
                ok = True
                break
            if cur.head.i == cur.i:
                break
            if cur.pos_ in ("VERB", "AUX") and cur.i != ent.root.i and cur.i != pred.i:
                hops += 3
            cur = cur.head
            hops += 1
        if not ok:
            continue
        start = ent.start
        if start > 0 and doc[start - 1].lower_ in ("from", "between", "since", "in", "on", "last", "this", "next"):
            start -= 1
        text = doc[start:ent.end].text
        got = resolve_expression(text, published, future=future)
        if got and (best is None or hops < best[0]):
            best = (hops, got)
    if best:
        return best[1]
    if published is None:
        return EventDate(None, None, "publication")
    return EventDate(published.isoformat(), "day", "publication")
