"""Clues in an article's text to when it was written (issue 17), each a typed record with the sentence it is in.

``article_evidence(text, kb)`` reads:

- dates the text names: with a year ("March 3, 2016": written after it, probably soon after, or before it when
  the sentence speaks of the future), without one ("on March 3": written within weeks after it, in some year),
  with a weekday ("Tuesday, March 3": only the years where March 3 is a Tuesday), years ("in 2015": after it),
  "since" expressions, and the historical anchors of ``history.py`` ("since the annexation of Crimea");
- chains that fix the writing month or year: "last month" beside "in March" (written in April), "this year"
  beside "2016", "two years ago, in 2014", "the 70th anniversary of ... 1945";
- people named with a title and the knowledge base's dated roles ("Secretary of State John Kerry": written
  after he took office; and, when the sentence speaks of the present, while he held it), and "the Obama
  administration" acting now.

A title is current only where the sentence speaks of the person now (the name is the subject of a present-tense
verb, of a past one told with a recent day, "said on Tuesday", or of a reported present, "told ... that the
Trump administration is"; or the title stands in apposition, "Mike Pompeo, the secretary of state,") and nothing
marks it as past: not "former", "then-", "at the time"; not in a sentence that names a year, opens with "when",
"while", "under", "as", or quotes it; not in an object phrase ("adviser to President George W. Bush"); not for a
person the article calls "former" anywhere; not when a later holder of the same office is named with the title.
Photo galleries ("Hide Caption 4 of 22 Photos: ...") tell a story over years: their dates weigh a quarter. A dated
paragraph that carries a photo credit ("(Photo: Tsafrir Abayov, AP)", "REUTERS/Carlos Jasso") is a caption: the
photo was taken on that day, most often within a month of the writing.

Each ``Evidence`` carries intervals of writing dates with weights; ``hard`` intervals are bounds a right date
keeps (written after a date told in the past tense, during a current office), soft ones are "probably soon
after". ``infer.py`` adds them up.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..actors.kb import ActorKB, Entry, Role
from .expressions import find_expressions
from .history import anchor_value
from .resolve import MONTHS, WEEKDAYS, resolve_expression

MIN_DAY = date(1946, 1, 1)
MAX_DAY = date(date.today().year + 1, 12, 31)
RECENT = timedelta(days=31)       # a date named without a year, told in the past: written within a month after it
GRACE = timedelta(days=14)        # articles written just before or after a change of office

# weights (see infer.py); tuned on half of the allsides articles, scored on the other half (eval/article_dates.py)
W = {
    "day_month": 1.0,        # "on March 3": soon after March 3 of some year (42% within a month)
    "day_month_future": 0.5,  # "will meet on March 3": before it
    "weekday_date": 1.0,     # "Tuesday, March 3": soon after, in a year where March 3 is a Tuesday
    "weekday_bound": 2.0,    # ... and within ten months of it (hard)
    "date_recent": 0.25,     # "He died on March 3, 2016": perhaps soon after (8% within a month)
    "file_photo": 0.5,       # "FILE PHOTO: ... March 3, 2016" (38% within a month)
    "caption_weak": 1.25,    # "President Trump speaks at ..., April 5, 2017." (58% within a month), or a paragraph
                             # with a photo credit, "(Photo: ..., AP)" (29 of 48 in the tune half, 9% without one)
    "caption": 2.5,          # a tweet, dateline or "Friday, Sept. 27, 2019": within two weeks after (85%)
    "date_after": 1.0,       # ... certainly after, told in the past (hard)
    "date_before": 1.0,      # "the vote on March 3, 2016" told as future: before it (hard)
    "month_recent": 0.5,
    "month_after": 0.75,
    "year_recent": 0.5,      # "in 2015": probably in 2015 or 2016
    "year_after": 0.5,       # ... after its start (hard)
    "year_before": 0.5,      # "will ... in 2030": before its end (hard)
    "year_modifier": 0.25,   # "the 2016 election": about then
    "since": 1.0,
    "span_after": 0.5,
    "chain": 2.0,            # "last month ... in March", "this year ... 2016", "two years ago, in 2014"
    "latest_year": 1.0,      # the latest year the text tells in the past: probably written that year ...
    "latest_year_next": 0.5,  # ... or the next
    "gallery": 0.25,         # factor for the dates of a photo gallery's captions
    "latest_date": 0.75,     # the latest day the text tells in the past: half the time within a month before
    "role_after": 1.0,       # called by a title: after taking the office (hard)
    "role_current": 2.0,     # ... speaking of the present: while holding it (hard)
    "administration": 2.0,   # "the Obama administration is ...": during it (hard)
    "administration_after": 0.5,
}


_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Sept)")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY_MONTH = re.compile(rf"(?:({_WD}),?\s+)?(?:(?:the\s+)?({_MON})\s+([0-3]?\d)(?:st|nd|rd|th)?\b|"
                        rf"(?:the\s+)?([0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON}))(?!,?\s+\d{{4}})")
_FUTURE = re.compile(r"\b(?:will|won't|wo n't|'ll|shall|(?:is|are|was|were)\s+(?:set|due|scheduled|expected|"
                     r"slated|poised|going)\s+to|(?:is|are)\s+to\s+be|plans?\s+to|planned\s+for|"
                     r"(?:scheduled|set|slated|planned|expected)\s+(?:for|to|on)|upcoming|forthcoming|due\s+(?:on|by|in)|"
                     r"in time for)\b")
# words that leave the tense open: "by March 3" (a deadline, met or not), "before", "until", "would"
_UNCLEAR = re.compile(r"(?i)\b(?:by|before|until|till|would|could|might|next|ahead\s+of|deadline|expires?|"
                      r"(?:delay|extension|postpone(?:ment)?|push(?:ed)? back|extend(?:ed)?)\s+(?:\w+\s+){0,3}(?:to|until)|"
                      r"runs?\s+through|ends?\s+on|end\s+of|if|unless)\b")
_UNCLEAR_AFTER = re.compile(r"(?i)^[,.]?\s*(?:deadline|target|goal|timeline|timetable|date\b|cut-?off)")
_SINCE = re.compile(r"(?i)^since\b")
_HISTORICAL_BEFORE = re.compile(r"(?i)\b(?:when|while|during|under|as|after|before|since|back in|at the time|then|"
                                r"era|years? ago|decades? ago|once|earlier|previous|predecessor|until|days of|"
                                r"who (?:was|served)|had|late|tenure|term|administration of|appointed by|"
                                r"named by|nominated by|served|serving)\b")
_HISTORICAL_AFTER = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:,[^,]{1,80},\s*)?(?:also\s+|now\s+)?(?:had|was|were|once|then|"
                               r"used to|would|who (?:was|served|had)|served|at the time|back then|in (?:19|20)\d\d|"
                               r"(?:is|are)\s+(?:\w+ly\s+)?(?:believed|said|thought|alleged|known|reported|understood|"
                               r"accused|credited|blamed|remembered|considered|seen|famous|best known)\b)\b")
_YEAR_IN = re.compile(r"\b(?:19[4-9]\d|20[0-4]\d)\b")
_QUOTE = re.compile(r"[\"“][^\"“”]{0,400}[\"”]")
NAME = re.compile(r"\b([A-Z][a-z'\-]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][a-z'\-]+){1,3})\b")
PAST = re.compile(r"\b(?:former|then|ex|onetime|one-time|erstwhile|late|outgoing|incoming|"
                  r"president-elect|nominee|designate|future|would-be|candidate|presumptive)\b", re.I)
_ADMIN = re.compile(r"\b[Tt]he ([A-Z][a-z]+) (?:administration|White House)(?:'s)? "
                    r"(?:is|are|has|says|wants|plans|insists|believes|argues|seeks|continues|intends|"
                    r"hopes|refuses|will|has been|is trying|is considering)\b")
_ADMIN_ANY = re.compile(r"\b[Tt]he ([A-Z][a-z]+) (?:administration|White House)\b")
HEAD_ROLES = re.compile(r"\b(?:president|prime minister|chancellor)\b", re.I)
_ANNIV = re.compile(r"(?i)\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\b")
_AGO = re.compile(r"(?i)\b(\w+)\s+years?\s+ago\b")
_NUMWORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "a": 1, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}


@dataclass(frozen=True)
class Interval:
    """Writing dates ``lo``..``hi`` (inclusive) that a clue allows, with its weight; ``hard``: a bound."""

    lo: date
    hi: date
    weight: float
    hard: bool = False


@dataclass(frozen=True)
class Evidence:
    """One clue to the writing date: its kind, words, sentence, offsets, and the writing dates it allows."""

    kind: str
    text: str
    sentence: str
    span: tuple[int, int]
    intervals: tuple[Interval, ...]
    note: str = ""
    precise: bool = False  # fixes a month or a day (a date, a day and month, a chain to a month)
    curated: bool = True   # from a hand-kept source (a generated knowledge-base entry may lack later terms)
    quoted: bool = False   # inside quotation marks: a statement of its own time

    def describe(self) -> str:
        """One line for warnings: what the clue says and where."""
        return f"{self.note} (\"{self.text}\" in \"{_short(self.sentence)}\")"


@dataclass(frozen=True)
class RoleMention:
    """A person named with a title the knowledge base dates ("Secretary of State John Kerry")."""

    entry: Entry
    title: str
    roles: tuple[Role, ...]
    span: tuple[int, int]
    sentence: str
    current: bool
    why: str


@dataclass
class _Ctx:
    text: str
    sents: list[tuple[int, int]] = field(default_factory=list)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sents:
            if s <= pos < e:
                return s, e
        return 0, len(self.text)


def _short(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 3].rstrip() + "..."


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets by punctuation and line breaks (no parse: this reads whole articles fast)."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*", text):
        end = m.start()
        if end > start and not re.search(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|U\.S|No|Jan|Feb|Mar|"
                                          r"Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$", text[start:end]):
            out.append((start, end))
            start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _clip(d: date) -> date:
    return min(max(d, MIN_DAY), MAX_DAY)


def _iv(lo: date, hi: date, w: float, hard: bool = False) -> Interval:
    return Interval(_clip(lo), _clip(hi), w, hard)


def _tense(sent: str, s: int, e: int) -> str:
    """'future', 'since', 'unclear' or 'past' for the expression at ``sent[s:e]`` (words around it, no parse)."""
    if _SINCE.match(sent[s:e]):
        return "since"
    before = sent[max(0, s - 70):s]
    # the clause the expression is in: back to the last comma or clause word
    before = re.split(r"[;:]|,\s+(?:but|and|while|who|which|after|when)\b", before)[-1]
    around = before + " " + sent[s:e] + " " + sent[e:e + 25]
    if _FUTURE.search(around):
        return "future"
    if _UNCLEAR.search(before[-50:] + " " + sent[s:e]) or _UNCLEAR_AFTER.match(sent[e:e + 30]):
        return "unclear"
    return "past"


def _years() -> range:
    return range(MIN_DAY.year, MAX_DAY.year + 1)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_FILE = re.compile(r"(?i)\bfile\s*(?:photo|picture|image|pic)\b|\bfile\s*[:-]|\bundated\b|\barchives?\b|"
                   r"\bin this (?:\d{4} )?(?:file )?photo\b|\bhandout\b.*\b(?:19|20)\d\d\b.*\b(?:19|20)\d\d\b")
_GALLERY = re.compile(r"\bHide Caption\b|\b\d+ of \d+ Photos\b|^Photos:", re.I)
_TWEET = re.compile(r"\(@\w+\)\s*$|pic\.twitter\.com/\S+.*$")
_WIRE_AFTER = re.compile(r"^\s*(?:\(|/)?\s*(?:Reuters|AP|AFP|UPI|CNN|Xinhua|dpa|Yonhap|PRNewswire)\b")
# a photo credit ("(Photo: Tsafrir Abayov, AP)", "REUTERS/Carlos Jasso", "Jacquelyn Martin/AP", "(AP Photo/...)",
# "Photographer: ...", "Getty Images"): the paragraph that carries one is a photo's caption
_CREDIT = re.compile(r"\((?:AP )?Photo:[^)]*\)|\bPhoto:\s|\bPhotograph(?:er)?:|\(Credit:|\bImage copyright\b|"
                     r"\b[A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+){0,3}\s?/\s?(?:AP|AFP|Reuters|REUTERS|Getty Images|EPA|Bloomberg|"
                     r"Sipa|Pool|UPI|Sputnik|Kremlin|TASS|Xinhua)\b|\bAP Photo\b|\bGetty Images\b|\bREUTERS/|"
                     r"\bvia (?:REUTERS|Reuters|AP|AFP|Getty Images)\b")


def _style(text: str, ss: int, sent: str, s: int, e: int, words: str) -> str:
    """How a dated expression with a year sits in its sentence: "caption" (a tweet, a dateline, a header line,
    "Friday, Sept. 27, 2019"), "caption_weak" (a sentence that ends ", April 5, 2017."), "file_photo", or
    "narrative" (see the weights for how often each is within a month of the writing)."""
    if _FILE.search(sent):
        return "file_photo"
    if _GALLERY.search(text):
        return "narrative"  # a gallery's captions tell a life or a story, not the day of writing
    if _TWEET.search(sent[:s]) or _WIRE_AFTER.match(sent[e:e + 20]) or re.match(rf"(?:on\s+)?{_WD}\b", words):
        return "caption"
    if ss + s < 200 and re.match(r"^[\s\W]*(?:(?:Published|Updated|Posted|Last updated)\b[^.]{0,40})?$",
                                 sent[:s], re.I):
        return "caption"  # a header line that opens the text with its date
    tail = sent[e:].strip(" .)\"”'’")
    if not tail and re.search(r",\s*$", sent[:s]) or re.search(r"(?i)\bin this\b.{0,40}\bphoto\b", sent):
        return "caption_weak"  # "President Trump speaks at ..., April 5, 2017."
    start, end = text.rfind("\n", 0, ss + s) + 1, text.find("\n", ss + e)
    if _CREDIT.search(text[start:end if end >= 0 else len(text)]):
        return "caption_weak"  # "... near the Israel-Gaza border on Aug. 6, 2014. (Photo: Tsafrir Abayov, AP)"
    return "narrative"


def _date_items(ctx: _Ctx, out: list[Evidence]) -> None:
    text = ctx.text
    for ss, se in ctx.sents:
        sent = text[ss:se]
        for s, e, words in find_expressions(sent):
            tense = "past" if _TWEET.search(sent[:s]) else _tense(sent, s, e)  # a tweet's date: when it was sent
            span = (ss + s, ss + e)
            if tense == "since":
                inner = resolve_expression(words[6:], None)
                if inner and inner.value:
                    lo = _first_day(inner.value)
                    out.append(Evidence("since", words, sent, span, (_iv(lo, MAX_DAY, W["since"], True),),
                                        f"written after {lo} (\"since\")"))
                continue
            if tense == "unclear":
                continue
            got = resolve_expression(words, None)
            if got is not None and got.value:
                modifier = bool(re.fullmatch(r"(?:1[89]|20)\d\d", words.strip()))  # "the 2020 election"
                style = _style(text, ss, sent, s, e, words) if got.precision == "day" and tense == "past" \
                    else "narrative"
                if got.value in _FAMOUS:
                    continue  # "September 11, 2001" names an event, not the time of writing
                ev = _explicit(got.value, got.precision, "modifier" if modifier else tense, words, sent, span, style)
                if ev:
                    out.append(ev)
                continue
            m = _DAY_MONTH.search(words)
            if m:
                ev = _day_month(m, tense, words, sent, span)
                if ev:
                    out.append(ev)


def _first_day(value: str) -> date:
    v = value.split("/")[0]
    if len(v) == 4:
        return date(int(v), 1, 1)
    if len(v) == 7:
        return date(int(v[:4]), int(v[5:7]), 1)
    return date.fromisoformat(v)


def _last_day(value: str) -> date:
    v = value.split("/")[-1]
    if len(v) == 4:
        return date(int(v), 12, 31)
    if len(v) == 7:
        return _month_end(int(v[:4]), int(v[5:7]))
    return date.fromisoformat(v)


_FAMOUS = {"2001-09-11"}


def _explicit(value: str, precision: str, tense: str, words: str, sent: str, span,
              style: str = "narrative") -> Evidence | None:
    lo, hi = _first_day(value), _last_day(value)
    if lo < MIN_DAY or lo > MAX_DAY:
        return None
    fut = tense == "future"
    if precision == "day" and style == "caption":
        return Evidence("caption", words, sent, span,
                        (_iv(lo - timedelta(days=1), lo + timedelta(days=14), W["caption"]),
                         _iv(lo - timedelta(days=1), MAX_DAY, W["date_after"], True)),
                        f"within two weeks after {lo}, the date of a tweet, dateline or caption", precise=True)
    if precision == "day" and style in ("caption_weak", "file_photo"):
        return Evidence("caption", words, sent, span,
                        (_iv(lo, lo + RECENT, W[style]), _iv(lo - timedelta(days=1), MAX_DAY, W["date_after"], True)),
                        f"probably soon after {lo}, the date of a {'file photo' if style == 'file_photo' else 'caption'}",
                        precise=style == "caption_weak")
    if precision == "day":
        ivs = ((_iv(lo - timedelta(days=180), lo, W["date_recent"]), _iv(MIN_DAY, lo, W["date_before"], True))
               if fut else (_iv(lo, lo + RECENT, W["date_recent"]), _iv(lo, MAX_DAY, W["date_after"], True)))
        return Evidence("date", words, sent, span, ivs,
                        f"{'before' if fut else 'after'} {lo}, a date told in the {'future' if fut else 'past'}",
                        precise=True)
    if precision == "month":
        ivs = ((_iv(lo - timedelta(days=180), hi, W["month_recent"]), _iv(MIN_DAY, hi, W["month_after"], True))
               if fut else (_iv(lo, hi + RECENT, W["month_recent"]), _iv(lo, MAX_DAY, W["month_after"], True)))
        return Evidence("month", words, sent, span, ivs, f"{'before' if fut else 'after'} the month {value[:7]}")
    if precision == "year" and tense == "modifier":
        y = lo.year
        return Evidence("year", words, sent, span, (_iv(date(y - 1, 1, 1), date(y + 1, 12, 31), W["year_modifier"]),),
                        f"about {y} (a year naming something: \"the {y} ...\")")
    if precision == "year":
        y = lo.year
        ivs = ((_iv(MIN_DAY, hi, W["year_before"], True),) if fut else
               (_iv(lo, date(y + 1, 12, 31), W["year_recent"]), _iv(lo, MAX_DAY, W["year_after"], True)))
        return Evidence("year", words, sent, span, ivs, f"{'in or before' if fut else 'in or after'} {y}")
    if fut:
        return None
    return Evidence("span", words, sent, span, (_iv(lo, MAX_DAY, W["span_after"], True),), f"after {lo} ({value})")


def _day_month(m: re.Match, tense: str, words: str, sent: str, span) -> Evidence | None:
    wd, mon1, d1, d2, mon2 = m.groups()
    mon = MONTHS[(mon1 or mon2).lower().rstrip(".")]
    day = int(d1 or d2)
    if not 1 <= day <= 31:
        return None
    wanted = WEEKDAYS[wd.lower()] if wd else None
    ivs: list[Interval] = []
    matched = []
    for y in _years():
        d = _safe(y, mon, day)
        if d is None:
            continue
        if wanted is not None and d.weekday() != wanted:
            continue
        matched.append(y)
        if tense == "future":
            ivs.append(_iv(d - timedelta(days=60), d, W["day_month_future"]))
        else:
            ivs.append(_iv(d - timedelta(days=1), d + RECENT, W["weekday_date" if wanted is not None else "day_month"]))
        if wanted is not None:
            ivs.append(_iv(d - timedelta(days=300), d + timedelta(days=300), W["weekday_bound"], True))
    if not ivs:
        return None
    if wanted is not None:
        note = f"{calendar.day_name[wanted]} {calendar.month_name[mon]} {day}: a year where that is a " \
               f"{calendar.day_name[wanted]} ({', '.join(map(str, matched[-6:]))}, ...)"
        return Evidence("weekday_date", words, sent, span, tuple(ivs), note, precise=True)
    note = f"{'before' if tense == 'future' else 'soon after'} {calendar.month_name[mon]} {day} of some year"
    return Evidence("day_month", words, sent, span, tuple(ivs), note, precise=True)


_MON_WORD = re.compile(rf"\b(?:in|on|since|early|late|mid-?|of|during)\s+({_MON})(?:\s+([0-3]?\d)\b)?(?!,?\s+\d{{4}})")
_YEAR_WORD = re.compile(r"\b(?:in|of|since|during)?\s*((?:19[5-9]|20[0-4])\d)\b(?!\d|,\d)")


def _chain_items(ctx: _Ctx, out: list[Evidence]) -> None:
    """"last month ... in March", "this year ... 2016", "two years ago, in 2014", "70th anniversary of ... 1945"."""
    from .names import not_a_date

    text = ctx.text
    for ss, se in ctx.sents:
        sent = text[ss:se]
        for m in re.finditer(r"(?i)\b(last|this|earlier this|later this|next)\s+(month|year)\b", sent):
            which, unit = m.group(1).lower(), m.group(2).lower()
            near = sent[max(0, m.start() - 60):m.end() + 60]
            off = max(0, m.start() - 60)
            if unit == "month":
                for mm in _MON_WORD.finditer(near):
                    if not_a_date(sent, off + mm.start(1), off + mm.end(1)):
                        continue
                    mon = MONTHS[mm.group(1).lower().rstrip(".")]
                    step = {"last": 1, "next": -1}.get(which, 0)
                    ivs = []
                    for y in _years():
                        yy, m2 = divmod(y * 12 + mon - 1 + step, 12)
                        if MIN_DAY.year <= yy <= MAX_DAY.year:
                            ivs.append(_iv(date(yy, m2 + 1, 1), _month_end(yy, m2 + 1), W["chain"], True))
                    out.append(Evidence("chain", f"{m.group(0)} ... {mm.group(0).strip()}", sent,
                                        (ss + m.start(), ss + m.end()), tuple(ivs),
                                        f"\"{m.group(0)}\" beside {mm.group(1)}: written the month "
                                        f"{'after' if step == 1 else 'before' if step == -1 else 'of'} it",
                                        precise=True))
                    break
            else:
                for ym in _YEAR_WORD.finditer(near):
                    if not_a_date(sent, off + ym.start(1), off + ym.end(1)):
                        continue
                    y = int(ym.group(1)) + {"last": 1, "next": -1}.get(which, 0)
                    out.append(Evidence("chain", f"{m.group(0)} ... {ym.group(1)}", sent,
                                        (ss + m.start(), ss + m.end()),
                                        (_iv(date(y, 1, 1), date(y, 12, 31), W["chain"], True),),
                                        f"\"{m.group(0)}\" beside {ym.group(1)}: written in {y}"))
                    break
        for m in _AGO.finditer(sent):
            n = _NUMWORDS.get(m.group(1).lower()) or (int(m.group(1)) if m.group(1).isdigit() else None)
            if not n:
                continue
            near = sent[max(0, m.start() - 40):m.end() + 40]
            ym = _YEAR_WORD.search(near)
            if ym:
                y = int(ym.group(1)) + n
                out.append(Evidence("chain", f"{m.group(0)} ... {ym.group(1)}", sent, (ss + m.start(), ss + m.end()),
                                    (_iv(date(y, 1, 1) - timedelta(days=120), date(y, 12, 31) + timedelta(days=120),
                                         W["chain"], True),),
                                    f"\"{m.group(0)}\" beside {ym.group(1)}: written about {y}"))
        for m in _ANNIV.finditer(sent):
            n = int(m.group(1))
            rest = sent[m.end():m.end() + 90]
            y = None
            ym = _YEAR_WORD.search(rest)
            if ym:
                y = int(ym.group(1))
            else:
                for am in re.finditer(r"(?:the\s+)?((?:end|start|outbreak|fall|collapse|beginning)\s+of\s+)?"
                                      r"(?:the\s+)?([\w'\- ]{3,40}?)(?=[,.;]|\s+(?:and|in|on|at|with|when)\b|$)", rest):
                    val = anchor_value(am.group(2))
                    if val:
                        lo, hi = _first_day(val), _last_day(val)
                        y = (hi.year if am.group(1) and am.group(1).split()[0].lower() in
                             ("end", "fall", "collapse") else lo.year)
                    break
            if y is not None and y + n <= MAX_DAY.year:
                yy = y + n
                out.append(Evidence("chain", f"{m.group(0)} ... {y}", sent, (ss + m.start(), ss + m.end()),
                                    (_iv(date(yy, 1, 1) - timedelta(days=60), date(yy, 12, 31) + timedelta(days=60),
                                         W["chain"], True),),
                                    f"\"{m.group(0)}\" {y}: written about {yy}"))


_OTHER_OFFICE = ("vice", "deputy", "assistant", "under", "associate", "lieutenant", "acting", "former", "ex",
                 "vice-", "deputy-")


def _role_matches(title: str, role: Role) -> bool:
    """The title names the role ("secretary of state", "u.s. president"), not another ("vice president")."""
    r = (role.role or "").lower()
    if not r or r.startswith("former"):
        return False
    if r == title:
        return True
    if not title.endswith(" " + r):
        return False
    rest = title[: -len(r) - 1].split()
    return not rest or rest[-1].rstrip("-") not in _OTHER_OFFICE


def titles_near(text: str, start: int, end: int) -> list[tuple[str, str, str]]:
    """(title, context, how) written next to a name: "Secretary of State X" (before), "X, the secretary of
    state," (apposition)."""
    before = text[max(0, start - 60):start]
    after = text[end:end + 60]
    got = []
    m = re.search(r"((?:[A-Z][a-z]+\.?[ \t]+)*(?:[A-Za-z]+[ \t]+of[ \t]+[A-Z][a-z]+|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?))"
                  r"[ \t]*$", before)
    if m:
        title = re.split(r"\.\s+", m.group(1).strip())[-1]  # "Blitzer. Vice President": the title after the stop
        got.append((title, before, "before"))
    m = re.match(r",\s+(?:the\s+|who\s+is\s+(?:the\s+)?)?(?:U\.S\.\s+|US\s+|American\s+)?"
                 r"((?:[a-z]+\s+){0,3}(?:of\s+)?[a-z]+(?:\s+of\s+[a-z]+)?)\s*[,.]", after)
    if m:
        got.append((m.group(1).strip(), before + m.group(0), "apposition"))
    return got


def _clean_title(title: str) -> str:
    return re.sub(r"^(?:the|u\.s\.|us|american)\s+", "", title.lower())


def role_mentions(text: str, kb: ActorKB, sents: list[tuple[int, int]] | None = None) -> list[RoleMention]:
    """People named with a title the knowledge base dates, each marked current or not, with the reason."""
    ctx = _Ctx(text, sents if sents is not None else sentences(text))
    found: list[RoleMention] = []
    former: set[str] = set()
    for m in NAME.finditer(text):
        phrase = m.group(1)
        words = phrase.split()
        found_k = []
        for k in (3, 2):
            if len(words) >= k:
                name = " ".join(words[-k:])
                entries = [e for e in kb.phrases.get(name, []) if e.kind == "person" and e.roles]
                if entries:
                    found_k.append((name, entries))
        if len(found_k) == 2 and {e.name for e in found_k[0][1]} == {e.name for e in found_k[1][1]}:
            found_k = found_k[1:]  # "President Barack Obama" is an alias too: the title is outside "Barack Obama"
        for name, entries in found_k[:1]:
            if len({e.name for e in entries}) > 1:
                break  # two people of that name: the title cannot date either
            entry = entries[0]
            start = m.start() + phrase.rfind(name)
            end = start + len(name)
            ss0 = ctx.sentence_of(start)[0]
            phrase_before = re.split(r"[;:!?\n\"“”]|,\s|\b(?:said|says|told)\b",
                                     text[max(ss0, start - 80):start])[-1]
            if PAST.search(phrase_before):
                former.add(entry.name)
            for title, ctx_words, how in titles_near(text, start, end):
                t = _clean_title(title)
                if not t or PAST.search(phrase_before if how == "before" else ctx_words[-40:]) or \
                        "time" in ctx_words[-20:]:
                    continue
                roles = tuple(r for r in entry.roles if _role_matches(t, r))
                if not roles:
                    continue
                ss, se = ctx.sentence_of(start)
                current, why = _current(text, ss, se, start, end, how, title if how == "before" else "")
                found.append(RoleMention(entry, title, roles, (start, end), text[ss:se], current, why))
                break
            break
    # a person the article calls former anywhere, or one whose office a later holder named with the title
    # holds, is not current
    latest: dict[tuple[str, str], date] = {}
    for rm in found:
        for r in rm.roles:
            key = ((r.role or "").lower(), r.code[:3])
            if r.start and r.start > latest.get(key, date.min):
                latest[key] = r.start
    out = []
    for rm in found:
        if rm.current and rm.entry.name in former:
            rm = RoleMention(rm.entry, rm.title, rm.roles, rm.span, rm.sentence, False,
                             f"the article calls {rm.entry.name} former elsewhere")
        elif rm.current and all(r.start and latest.get(((r.role or "").lower(), r.code[:3]), date.min) > r.start
                                for r in rm.roles):
            rm = RoleMention(rm.entry, rm.title, rm.roles, rm.span, rm.sentence, False,
                             "a later holder of the office is named with the title too")
        out.append(rm)
    return out


_VERB_NOW = (r"(?:says|is|are|has|will|won't|tells|wants|warns|urges|insists|plans|hopes|believes|thinks|argues|"
             r"continues|seeks|intends|faces|remains|expects|calls|admits|denies|claims|adds|notes|stresses|vows|"
             r"pledges|rejects|accepts|agrees|arrives|leaves|travels|heads|meets|visits|speaks|announces|"
             r"is expected|is due|is set)")
_VERB_SAID = (r"(?:said|told|met|spoke|wrote|took|gave|made|held|sent|left|flew|began|became|[a-z]{3,}ed)")
_WHEN = (r"(?:today|tonight|yesterday|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
         r"this (?:week|weekend|month|morning|afternoon|evening)|last (?:week|night|weekend)|earlier this (?:week|month))")
_LEAD = r"^\s*(?:\([^)]*\)\s*)?(?:,\s+(?!who|which|whose)[^,]{1,80},\s*)?(?:also\s+|now\s+|still\s+|again\s+)?"
_NOW_AFTER = re.compile(_LEAD + _VERB_NOW + r"\b")
_SAID_WHEN = re.compile(_LEAD + _VERB_SAID + r"\b(?:\s+[\w'’,]+){0,4}?\s+" + _WHEN + r"\b")
_SAID_THAT_NOW = re.compile(_LEAD + _VERB_SAID + r"\b(?:\s+[\w'’]+){0,4}?\s+that\s+(?:[\w'’.-]+\s+){1,5}?"
                            r"(?:is|are|has|have|will|remains|wants|plans|intends|seeks|continues)\b")
_WHEN_INSIDE = re.compile(r"^\s*,\s+(?!who|which|whose)[^,]{0,80}\b" + _WHEN + r"\b[^,]{0,40},\s*(?:also\s+)?"
                          r"(?:" + _VERB_SAID + "|" + _VERB_NOW + r")\b")
_WHEN_BEFORE = re.compile(r"(?:^|[,;]\s*)\s*" + _WHEN + r"\s*,?\s*$", re.I)
_OBJECT_BEFORE = re.compile(r"(?i)\b(?:of|to|under|by|from|about|than|for|against|like|unlike|adviser|aide|"
                            r"appointee|nominee|era|predecessor|successor)\s*$")


def inside_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside quotation marks opened in its paragraph (a statement of its own time)."""
    para = text[text.rfind("\n", 0, pos) + 1:pos]
    return para.count("“") > para.count("”") or para.count('"') % 2 == 1


def _current(text: str, ss: int, se: int, start: int, end: int, how: str, title: str = "") -> tuple[bool, str]:
    """Whether the sentence speaks of the titled person now, and why (text only, no parse).

    Current: the name (after its title) is the subject of a present-tense verb ("Secretary of State John Kerry
    says"), of a past one told with a recent day ("said on Tuesday", "On Tuesday, ... said"), or of a reported
    present ("told ... that the Trump administration is"); or the title stands in apposition ("Mike Pompeo, the
    secretary of state,"). Not current: a year in the sentence, "when", "while", "under", "as" ... before it,
    "had", "was" after it, or the title in an object phrase ("adviser to President George W. Bush").
    """
    sent = text[ss:se]
    before = text[ss:start]
    title_start = max(ss, start - len(title) - 1) if title else start
    after = text[end:se]
    bare = _QUOTE.sub(" ", sent)
    if _YEAR_IN.search(bare):
        return False, "the sentence names a year"
    if inside_quote(text, start):
        return False, "inside a quotation"
    hist = _HISTORICAL_BEFORE.search(before[-120:])
    if hist:
        return False, f"\"{hist.group(0)}\" before the name"
    if _HISTORICAL_AFTER.match(after):
        return False, "a past-perfect or past copula after the name"
    if _OBJECT_BEFORE.search(text[ss:title_start]):
        return False, "the title is in an object or possessive phrase"
    if how == "apposition":
        return True, "named with the title in apposition"
    m = _NOW_AFTER.match(after)
    if m:
        return True, f"the subject of \"{m.group(0).strip(' ,')}\""
    m = _SAID_WHEN.match(after) or _SAID_THAT_NOW.match(after) or _WHEN_INSIDE.match(after)
    if m:
        return True, f"\"{_short(m.group(0).strip(' ,'), 60)}\""
    if _WHEN_BEFORE.search(text[ss:title_start]) and re.match(_LEAD + _VERB_SAID + r"\b", after):
        return True, "a recent day opens the clause"
    return False, "told in the past with nothing that makes it current"


def _role_items(ctx: _Ctx, kb: ActorKB, out: list[Evidence]) -> None:
    seen_after: set[str] = set()
    seen_now: set[str] = set()
    for rm in role_mentions(ctx.text, kb, ctx.sents):
        spans = ", ".join(f"{r.start or '?'}..{r.end or 'now'}" for r in rm.roles)
        starts = [r.start for r in rm.roles if r.start]
        if starts and rm.entry.name not in seen_after:
            seen_after.add(rm.entry.name)
            out.append(Evidence("role", f"{rm.title} {rm.entry.name}", rm.sentence, rm.span,
                                (_iv(min(starts) - timedelta(days=60), MAX_DAY, W["role_after"], True),),
                                f"called \"{rm.title}\", a role held {spans}: written after it began"))
        if rm.current and rm.entry.name not in seen_now:
            seen_now.add(rm.entry.name)
            ivs = tuple(_iv((r.start or MIN_DAY) - GRACE, (r.end + GRACE) if r.end else MAX_DAY,
                            W["role_current"], True) for r in rm.roles)
            out.append(Evidence("role_current", f"{rm.title} {rm.entry.name}", rm.sentence, rm.span, ivs,
                                f"calls {rm.entry.name} \"{rm.title}\" now ({rm.why}), a role held {spans}",
                                curated=".generated" not in (rm.entry.source or "")))


def _head_roles(kb: ActorKB, surname: str) -> tuple[list[Entry], list[Role]]:
    people = [e for e in kb.phrases.get(surname, []) if e.kind == "person" and e.roles]
    heads = [r for e in people for r in e.roles if HEAD_ROLES.search(r.role or "")
             and not (r.role or "").lower().startswith("former")]
    return people, heads


def _admin_items(ctx: _Ctx, kb: ActorKB, out: list[Evidence]) -> None:
    text = ctx.text
    seen: set[str] = set()
    for m in _ADMIN.finditer(text):
        surname = m.group(1)
        people, heads = _head_roles(kb, surname)
        if not heads or surname in seen or len({p.name for p in people}) > 1:
            continue
        if _OBJECT_BEFORE.search(text[max(0, m.start() - 20):m.start()]) or inside_quote(text, m.start()):
            continue  # "surveillance ... by the Obama administration has", a quoted statement of its time
        ss, se = ctx.sentence_of(m.start())
        before = text[ss:m.start()]
        if _HISTORICAL_BEFORE.search(before[-80:]) or _YEAR_IN.search(text[ss:se]) or \
                PAST.search(text[max(0, m.start() - 25):m.start()]):
            continue
        seen.add(surname)
        spans = ", ".join(f"{r.start or '?'}..{r.end or 'now'}" for r in heads)
        out.append(Evidence("administration", m.group(0), text[ss:se], (m.start(), m.end()),
                            tuple(_iv((r.start or MIN_DAY) - GRACE, (r.end + GRACE) if r.end else MAX_DAY,
                                      W["administration"], True) for r in heads),
                            f"speaks of \"{m.group(0)}\" as acting now ({people[0].name} in office {spans})"))
    seen_any: set[str] = set()
    for m in _ADMIN_ANY.finditer(text):
        surname = m.group(1)
        people, heads = _head_roles(kb, surname)
        starts = [r.start for r in heads if r.start]
        if not starts or surname in seen_any or len({p.name for p in people}) > 1 or \
                PAST.search(text[max(0, m.start() - 25):m.start()]):
            continue
        seen_any.add(surname)
        ss, se = ctx.sentence_of(m.start())
        out.append(Evidence("administration_any", m.group(0), text[ss:se], (m.start(), m.end()),
                            (_iv(min(starts) - timedelta(days=80), MAX_DAY, W["administration_after"], True),),
                            f"names \"{m.group(0)}\": written after {people[0].name} took office"))


def _latest_year(out: list[Evidence]) -> Evidence | None:
    """The latest year the text tells in the past (a date, a month, "in 2015"): probably the year of writing."""
    told = [e for e in out if e.kind in ("date", "caption", "month", "year", "since")
            and not e.note.startswith(("before", "in or before", "about"))]
    if not told:
        return None
    last = max(told, key=lambda e: min(iv.lo for iv in e.intervals))
    y = min(iv.lo for iv in last.intervals).year
    return Evidence("latest_year", last.text, last.sentence, last.span,
                    (_iv(date(y, 1, 1), date(y, 12, 31), W["latest_year"]),
                     _iv(date(y + 1, 1, 1), date(y + 1, 12, 31), W["latest_year_next"])),
                    f"{y} is the latest year the text tells: probably written in {y} or {y + 1}")


def _latest_date(out: list[Evidence]) -> Evidence | None:
    """The latest day (with its year) the text tells in the past: about half the time the writing is within a
    month after it."""
    told = [e for e in out if e.kind in ("date", "caption") and not e.note.startswith("before")]
    if not told:
        return None
    last = max(told, key=lambda e: max(iv.lo for iv in e.intervals if iv.hard))
    lo = max(iv.lo for iv in last.intervals if iv.hard)
    return Evidence("latest_date", last.text, last.sentence, last.span, (_iv(lo, lo + RECENT, W["latest_date"]),),
                    f"{lo} is the latest day the text tells: perhaps written within a month after it", precise=True)


def _weaken(ev: Evidence, factor: float) -> Evidence:
    ivs = tuple(Interval(iv.lo, iv.hi, iv.weight * factor, iv.hard) for iv in ev.intervals)
    return Evidence(ev.kind, ev.text, ev.sentence, ev.span, ivs, ev.note + " (in a photo gallery)", False,
                    ev.curated, ev.quoted)


def article_evidence(text: str, kb: ActorKB | None = None) -> list[Evidence]:
    """Every clue in ``text`` to when it was written (see the module docstring)."""
    ctx = _Ctx(text, sentences(text))
    out: list[Evidence] = []
    _date_items(ctx, out)
    # a photo gallery's captions ("Hide Caption 4 of 22 Photos: ...") tell a story over years, added to as it
    # goes on: their dates say little about when the page was written
    out = [_weaken(e, W["gallery"]) if _GALLERY.search(e.sentence) else e for e in out]
    out = [replace(e, quoted=True) if inside_quote(text, e.span[0]) else e for e in out]
    for latest in (_latest_year(out), _latest_date(out)):
        if latest is not None:
            out.append(latest)
    _chain_items(ctx, out)
    if kb is not None:
        _role_items(ctx, kb, out)
        _admin_items(ctx, kb, out)
    return out
