"""Publication dates and outlets found in the loose header lines of plain-text articles.

Handles lines such as "Tuesday, March 3, 2020", "Global Research, June 14, 2019",
"The Brookings Institution 2 May 2018" and datelines such as "GENEVA (Reuters) -" or
"WASHINGTON (AP) —".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import dateparser

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DATE_RE = re.compile(
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:(?P<md>(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|(?P<dm>\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
)
_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .,'\-]{1,40}?)(?:,\s*[A-Z][A-Za-z.]+)?\s*"
    r"\((?P<outlet>Reuters|AP|AFP|Associated Press|Agence France-Presse|Xinhua|Bloomberg|UPI|CNN|"
    r"Yonhap|Kyodo|KCNA|TASS|RIA|dpa|DPA|Anadolu|IRNA|Sputnik)\)\s*[-\u2013\u2014]+")
_OUTLETS = {"AP": "Associated Press", "AFP": "Agence France-Presse", "UPI": "United Press International",
            "DPA": "dpa", "RIA": "RIA Novosti"}


@dataclass(frozen=True)
class Header:
    """What the first lines of an article say about it."""

    published: date | None = None
    outlet: str | None = None
    dateline_place: str | None = None
    line: int | None = None


def parse_header_date(text: str) -> date | None:
    """Parse one date written as a header ("Tuesday, March 3, 2020") or None."""
    m = _DATE_RE.search(text)
    if not m:
        return None
    got = dateparser.parse(m.group(0), languages=["en"],
                           settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]})
    return got.date() if got else None


def find_header(text: str, *, max_lines: int = 6) -> Header:
    """Look at the first non-empty lines for a publication date, an outlet and a dateline."""
    published = outlet = place = None
    found_line = None
    lines = [ln for ln in text.splitlines()[: max_lines * 3] if ln.strip()][:max_lines]
    for i, ln in enumerate(lines):
        s = ln.strip()
        dl = _DATELINE_RE.match(s)
        if dl and outlet is None:
            raw = dl.group("outlet")
            outlet = _OUTLETS.get(raw.upper(), raw)
            place = dl.group("place").strip(" ,").title()
        if published is None and len(s) <= 80:
            d = parse_header_date(s)
            if d:
                published = d
                found_line = i
                prefix = _DATE_RE.split(s)[0].strip(" ,-|\u2013\u2014")
                if prefix and outlet is None and not re.search(r"\d", prefix) and len(prefix.split()) <= 5:
                    outlet = prefix
    return Header(published, outlet, place, found_line)
