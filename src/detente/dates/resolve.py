"""Resolve temporal expressions ("on Sunday", "in June 1994", "from 1950 to 1953") to event dates.

``resolve_expression`` turns one expression into an ``EventDate`` anchored to the publication date;
``event_date`` picks the expression that belongs to an event's predicate (see ``attach.py`` for how).

Decisions worth knowing:
- a weekday is the most recent such day on or before publication, the next one after it for futures;
- a month or day named without a year is the latest one on or before publication (the same month counts
  as this year), the next one for futures; the basis is then "relative";
- a list of years ("strikes in 2014, 2016 and 2019") becomes the span from the first to the last;
- "since 1991" / "since the Gulf War" is a span from the anchor to publication, used only for states that
  last (perfect aspect: "has occupied ... since 1967"), never as the date of a point event;
- "days before the vote" with no date for the vote is the week before publication (a "span", "relative");
- "the next day", "that week", "two days later" are reckoned from the latest date in the previous sentences.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .history import anchor_value

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "a": 1, "an": 1, "several": 3, "few": 3, "a few": 3, "some": 3, "a couple of": 2, "a couple": 2, "eleven": 11, "twelve": 12}
_MON = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
        r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_DAY = r"([0-3]?\d)(?:st|nd|rd|th)?"
_LEAD = re.compile(r"^(?:on|in|at|during|by|as of|until|till|through|throughout|of|over|from|the)\s+")


@dataclass(frozen=True)
class EventDate:
    """An event's date: ISO value, its precision and how it was found.

    ``note`` says what kind of expression gave it ("since", "list", "approximate", "anaphoric") or None.
    """

    value: str | None
    precision: str | None
    basis: str
    text: str | None = None
    note: str | None = None


def after(value: str, published: date) -> bool:
    """Whether an ISO value (a day, month, year or span) begins after ``published``, at the value's precision."""
    first, pub = value.split("/")[0], published.isoformat()
    return first[:len(pub)] > pub[:len(first)]


def precision_of(value: str) -> str:
    """The precision of an ISO value: "span" for "a/b", else day, month or year by its length."""
    if "/" in value:
        return "span"
    return {10: "day", 7: "month"}.get(len(value), "year")


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _safe_day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _mon(word: str) -> int:
    return MONTHS[word.rstrip(".")]


def _shift_month(y: int, m: int, step: int) -> tuple[int, int]:
    y2, m2 = divmod(y * 12 + m - 1 + step, 12)
    return y2, m2 + 1


def _infer_year(month: int, published: date | None, future: bool, day: int | None = None) -> int | None:
    """The year of a month (and day) named without one: the latest on or before publication, the next for futures.

    A later day of the publication month is taken as this year: the tense was probably missed.
    """
    if published is None:
        return None
    y = published.year
    if future:
        if day is None:
            return y if month >= published.month else y + 1
        return y if (month, day) >= (published.month, published.day) else y + 1
    return y if month <= published.month else y - 1


def _ed(value: str, basis: str, text: str, note: str | None = None) -> EventDate:
    return EventDate(value, precision_of(value), basis, text, note)


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBERS.get(word)


def resolve_expression(expr: str, published: date | None, *, future: bool = False,
                       anchor: EventDate | None = None) -> EventDate | None:
    """Resolve one temporal expression against the publication date; None when it names no date.

    ``anchor`` is the date the narrative is at, for "the next day", "that week", "two days later".
    """
    s = " ".join(expr.replace("\u2013", "-").replace("\u2014", "-").split())
    low = s.lower().strip(" ,.")
    if low.startswith("since "):
        inner = resolve_expression(low[6:], published, anchor=anchor)
        if inner is None or published is None:
            return None
        start = inner.value.split("/")[0]
        return EventDate(f"{start}/{published.isoformat()}", "span", inner.basis, s, "since")
    m = re.match(r"(days|weeks|hours)\s+(before|after|ahead of|prior to)$", low)
    if m and published is not None:
        start = published - timedelta(days=7)
        return _ed(f"{start.isoformat()}/{published.isoformat()}", "relative", s, "approximate")
    if re.match(r"(?:before|after|prior to)\s", low):
        return None
    m = re.match(r"(?:early|late|later|earlier)?\s*the\s+(?:next|following|previous)\s+(?:day|week|month|year)$", low)
    if m:  # "the next year" follows the narrative ("in 1783 ... the next year"), unlike "next year"
        return _anaphoric(low[low.index("the "):], s, anchor)
    low = _LEAD.sub("", low)
    low = _LEAD.sub("", low)
    # historical anchors: "the Gulf War", "the Korean War"
    hist = anchor_value(low)
    if hist:
        return _ed(hist, "explicit", s)
    # lists of years: "2014, 2016 and 2019" -> the span from first to last
    m = re.fullmatch(r"(\d{4})((?:\s*,\s*\d{4})*),?\s+(?:and|or)\s+(\d{4})", low)
    if m:
        years = [int(m.group(1))] + [int(y) for y in re.findall(r"\d{4}", m.group(2))] + [int(m.group(3))]
        return _ed(f"{min(years)}/{max(years)}", "explicit", s, "list")
    # ranges of years: "from 1950 to 1953", "between 2011 and 2015", "1962-63"
    m = re.search(r"(?:from\s+|between\s+)?(?:the\s+years?\s+)?(\d{4})\s*(?:-|to|and|until|through)\s*(\d{4}|\d\d)\b", low)
    if m:
        a, b = m.group(1), m.group(2)
        if len(b) == 2:
            b = a[:2] + b
        if int(a) < int(b):
            return _ed(f"{a}/{b}", "explicit", s)
    # ranges of months: "from March to May 2003"
    m = re.search(rf"(?:(?:from|between)\s+)?({_MON})\s+(?:to|and|until|through)\s+({_MON})(?:,?\s+(\d{{4}}))?", low)
    if m:
        a, b = _mon(m.group(1)), _mon(m.group(2))
        y = int(m.group(3)) if m.group(3) else _infer_year(b, published, future)
        if y:
            ya = y if a <= b else y - 1
            return _ed(f"{_ym(ya, a)}/{_ym(y, b)}", "explicit" if m.group(3) else "relative", s)
    # ranges of days: "March 3-5, 2020", "3 to 5 March"
    m = re.search(rf"({_MON})\s+{_DAY}\s*(?:-|to|and)\s*{_DAY}(?:,?\s*(\d{{4}}))?", low)
    m2 = re.search(rf"{_DAY}\s*(?:-|to|and)\s*{_DAY}\s+(?:of\s+)?({_MON})(?:,?\s*(\d{{4}}))?", low)
    if m or m2:
        if m:
            mon, d1, d2, yr = _mon(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4)
        else:
            mon, d1, d2, yr = _mon(m2.group(3)), int(m2.group(1)), int(m2.group(2)), m2.group(4)
        y = int(yr) if yr else _infer_year(mon, published, future, d1)
        if y:
            a, b = _safe_day(y, mon, d1), _safe_day(y, mon, d2)
            if a and b and a < b:
                return _ed(f"{a.isoformat()}/{b.isoformat()}", "explicit" if yr else "relative", s)
    # full dates: "March 12, 2014", "12 March 2014", "2014-03-12", "Tuesday, March 3"
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", low)
    if m:
        d = _safe_day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            return _ed(d.isoformat(), "explicit", s)
    m = re.search(rf"\b({_MON})\s+{_DAY}\b(?:,?\s+(\d{{4}}))?", low)
    m2 = re.search(rf"\b{_DAY}\s+(?:of\s+)?({_MON})(?:,?\s+(\d{{4}}))?", low)
    if m or m2:
        if m:
            mon, day, yr = _mon(m.group(1)), int(m.group(2)), m.group(3)
        else:
            mon, day, yr = _mon(m2.group(2)), int(m2.group(1)), m2.group(3)
        y = int(yr) if yr else _infer_year(mon, published, future, day)
        if y:
            d = _safe_day(y, mon, day)
            if d:
                return _ed(d.isoformat(), "explicit" if yr else "relative", s)
    # month and year: "May 1998", "early March 2003"
    m = re.search(rf"\b({_MON}),?\s+(?:of\s+)?(\d{{4}})\b", low)
    if m:
        return _ed(_ym(int(m.group(2)), _mon(m.group(1))), "explicit", s)
    # decades: "the 1990s", "the early 1980s"
    m = re.fullmatch(r"(?:the\s+)?(\d{2})00s", low)
    if m:
        return _ed(f"{m.group(1)}00/{m.group(1)}99", "explicit", s)
    m = re.fullmatch(r"(?:the\s+)?(early|mid|late)?[- ]?(\d{3})0s", low)
    if m:
        dec = int(m.group(2)) * 10
        lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(m.group(1) or "", (0, 9))
        return _ed(f"{dec + lo}/{dec + hi}", "explicit", s)
    # a year, possibly qualified: "2003", "early 2003", "the spring of 2003", "the end of 2003"
    m = re.fullmatch(r"(?:the\s+)?(?:(?:early|mid|late|end of|start of|beginning of|middle of|"
                     r"spring|summer|autumn|fall|winter)[- ]?(?:of\s+)?)*(?:the\s+year\s+)?(\d{4})", low)
    if m and 1800 <= int(m.group(1)) <= 2100:
        return _ed(m.group(1), "explicit", s)
    if published is None:
        return None
    return _relative(low, s, published, future, anchor)


def _relative(low: str, s: str, published: date, future: bool, anchor: EventDate | None) -> EventDate | None:
    """Expressions reckoned from the publication date (or the narrative's anchor date)."""
    low = re.sub(r"^(?:earlier|later|early|late)\s+(?=(?:today|monday|tuesday|wednesday|thursday|friday|"
                 r"saturday|sunday)\b)", "", low)
    if low in ("today", "tonight", "this morning", "this afternoon", "this evening", "now"):
        return _ed(published.isoformat(), "relative", s)
    if low in ("yesterday", "last night", "overnight", "yesterday morning", "yesterday afternoon",
               "yesterday evening"):
        return _ed((published - timedelta(days=1)).isoformat(), "relative", s)
    if low.startswith("tomorrow"):
        return _ed((published + timedelta(days=1)).isoformat(), "relative", s)
    m = re.fullmatch(r"(last|this past|this|next|until|since)?\s*(monday|tuesday|wednesday|thursday|friday|"
                     r"saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?", low)
    if m:
        return _ed(weekday(published, WEEKDAYS[m.group(2)], m.group(1), future).isoformat(), "relative", s)
    m = re.fullmatch(r"(?:(earlier|later|early|late|so far)\s+)?(this|last|next|the past|past|the previous|"
                     r"the coming)\s+(week|month|year|weekend)", low)
    if m:
        which = m.group(2).removeprefix("the ")
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
        return _unit(published, m.group(3), step, s, future=step > 0 or (step == 0 and future))
    if low in ("weekend", "the weekend"):
        return _unit(published, "weekend", 0, s, future=future)
    m = re.fullmatch(r"(\w+|a few|a couple(?: of)?)\s+(day|week|month|year|decade)s?\s+ago", low)
    if m and _number(m.group(1)):
        return _offset(published, _number(m.group(1)), m.group(2), -1, s, "relative")
    # a season told relative to publication: "last fall", "this summer", "next spring" (northern seasons)
    m = re.fullmatch(r"(?:(?:early|late|mid)[- ]?)?(last|this|next|this past|this coming)\s+"
                     r"(spring|summer|fall|autumn|winter)", low)
    if m and published is not None:
        return _season(published, m.group(1), m.group(2), s)
    # a month named alone: "in May", "last March"
    m = re.fullmatch(rf"(?:(last|next|this|early|late|mid)[- ]?\s*)?({_MON})", low)
    if m:
        mon = _mon(m.group(2))
        y = _infer_year(mon, published, future or m.group(1) == "next")
        if m.group(1) == "last" and mon >= published.month:
            y = published.year - 1
        return _ed(_ym(y, mon), "relative", s)
    return _anaphoric(low, s, anchor)


_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def _season(published: date, which: str, season: str, s: str) -> EventDate:
    """The months of the season "last", "this" or "next" names: the latest one over before publication, the one
    of publication's season year, or the first to begin after it."""
    first = _SEASON_START[season]

    def span(y: int) -> tuple[date, date]:  # the season that begins in month ``first`` of year y
        y2, m2 = _shift_month(y, first, 2)
        return date(y, first, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])

    years = range(published.year - 2, published.year + 2)
    if which in ("last", "this past"):
        y = max(y for y in years if span(y)[1] < published)
    elif which in ("next", "this coming"):
        y = min(y for y in years if span(y)[0] > published)
    else:  # "this summer": the one under way, else the one of this year
        y = next((y for y in years if span(y)[0] <= published <= span(y)[1]), published.year)
    lo, hi = span(y)
    return _ed(f"{_ym(lo.year, lo.month)}/{_ym(hi.year, hi.month)}", "relative", s)


def _anaphoric(low: str, s: str, anchor: EventDate | None) -> EventDate | None:
    """'the next day', 'that week', 'two days later': reckoned from the narrative's anchor date."""
    if anchor is None or not anchor.value or "/" in anchor.value:
        return None
    a = anchor.value
    if low in ("that day", "the same day", "same day", "later that day", "earlier that day"):
        return _ed(a, "relative", s, "anaphoric") if len(a) == 10 else None
    if low in ("that month", "later that month", "earlier that month") and len(a) >= 7:
        return _ed(a[:7], "relative", s, "anaphoric")
    if low in ("that year", "later that year", "earlier that year"):
        return _ed(a[:4], "relative", s, "anaphoric")
    m = re.fullmatch(r"(?:the\s+)?(next|following|previous|day after|day before)\s*(day|week|month|year)?", low)
    if m:
        step = -1 if m.group(1) in ("previous", "day before") else 1
        unit = m.group(2) or "day"
        return _from_anchor(a, unit, step, s)
    m = re.fullmatch(r"(\w+|a few)\s+(day|week|month|year)s?\s+(later|after|earlier|before|prior)", low)
    if m and _number(m.group(1)):
        step = _number(m.group(1)) * (1 if m.group(3) in ("later", "after") else -1)
        return _from_anchor(a, m.group(2), step, s)
    return None


def _from_anchor(a: str, unit: str, step: int, s: str) -> EventDate | None:
    if unit in ("day", "week") and len(a) == 10:
        d = date.fromisoformat(a) + timedelta(days=step * (7 if unit == "week" else 1))
        return _ed(d.isoformat(), "relative", s, "anaphoric")
    if unit == "month" and len(a) >= 7:
        y, m = _shift_month(int(a[:4]), int(a[5:7]), step)
        return _ed(_ym(y, m), "relative", s, "anaphoric")
    if unit == "year":
        return _ed(str(int(a[:4]) + step), "relative", s, "anaphoric")
    return None


def weekday(published: date, wd: int, qualifier: str | None = None, future: bool = False) -> date:
    """The day a weekday names: the latest on or before ``published``, the next after it for futures.

    "last Sunday" on a Sunday is a week back; "next Sunday" is always after publication.
    """
    q = (qualifier or "").strip()
    if q == "next" or (future and q not in ("last", "this past", "since")):
        delta = (wd - published.weekday()) % 7 or 7
        return published + timedelta(days=delta)
    delta = (published.weekday() - wd) % 7
    if q in ("last", "this past") and delta == 0:
        delta = 7
    return published - timedelta(days=delta)


def _unit(published: date, unit: str, step: int, s: str, *, future: bool = False) -> EventDate:
    if unit == "weekend":
        sat = weekday(published, 5, "next" if step > 0 else None, future)
        return _ed(f"{sat.isoformat()}/{(sat + timedelta(days=1)).isoformat()}", "relative", s)
    if unit == "week":
        d = published + timedelta(weeks=step)
        start = d - timedelta(days=d.weekday())
        return _ed(f"{start.isoformat()}/{(start + timedelta(days=6)).isoformat()}", "relative", s)
    if unit == "month":
        y, m = _shift_month(published.year, published.month, step)
        return _ed(_ym(y, m), "relative", s)
    return _ed(str(published.year + step), "relative", s)


def _offset(published: date, n: int, unit: str, sign: int, s: str, basis: str) -> EventDate:
    if unit == "day":
        return _ed((published + sign * timedelta(days=n)).isoformat(), basis, s)
    if unit == "week":
        return _ed((published + sign * timedelta(weeks=n)).isoformat(), basis, s)
    if unit == "month":
        y, m = _shift_month(published.year, published.month, sign * n)
        return _ed(_ym(y, m), basis, s)
    return _ed(str(published.year + sign * n * (10 if unit == "decade" else 1)), basis, s)
