"""Publication dates, outlets and datelines found in the loose header lines of plain-text articles.

Handles header lines such as "Tuesday, March 3, 2020", "Global Research, June 14, 2019",
"The Brookings Institution 2 May 2018", "Published: 2019-06-14" and datelines such as
"GENEVA (Reuters) -", "WASHINGTON (AP) —", "SEOUL, May 29 (Reuters) -", "TEHRAN, Iran —" or "(CNN) —".
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
    rf"|(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
)
_DASH = r"(?:--|[-\u2013\u2014])"
_DATELINE_RE = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){{0,4}})"
    rf"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}}))?"
    rf"(?:,\s*(?P<md>(?:{_MONTHS})\.?\s+\d{{1,2}}))?"
    rf"\s*(?:\((?P<outlet>[A-Za-z][A-Za-z .&\-]{{1,30}})\))?\s*{_DASH}+\s*")
_BYLINE_RE = re.compile(rf"^\s*\((?P<outlet>CNN|Reuters|AP|AFP|CNSNews\.com|UPI|[A-Z][A-Za-z]+ News)\)\s*{_DASH}+")
# all-capital words that open a line but are not places
_NOT_PLACES = {"FILE", "UPDATE", "UPDATED", "CLOSE", "BREAKING", "EXCLUSIVE", "PHOTO", "PHOTOS", "VIDEO", "WATCH",
               "ANALYSIS", "OPINION", "EDITOR'S NOTE", "NOTE", "LIVE", "COMMENTARY", "CORRECTION", "ADVERTISEMENT",
               "READ MORE", "LISTEN", "U.S.", "US", "UN", "NEW", "AP", "CNN", "WARNING", "ALERT", "EDITORIAL",
               "UPDATE 1", "UPDATE 2", "REFILE", "TOP", "ORIGINAL POST", "SPOILER", "FACT CHECK", "EU", "UK", "NATO"}
_OUTLETS = {"AP": "Associated Press", "AFP": "Agence France-Presse", "UPI": "United Press International",
            "DPA": "dpa", "RIA": "RIA Novosti"}
_CAPTION = re.compile(r"(?i)\bphoto\b|getty|/reuters|\(reuters|^at\s")  # photo captions, story openings
_NOT_OUTLET_PREFIX = re.compile(r"^(?:by|posted|published|updated|last updated|date|first published|on)\b", re.I)


@dataclass(frozen=True)
class Header:
    """What the first lines of an article say about it.

    ``dateline_place`` is the dateline's place as the news writes it ("Tehran, Iran", "Washington").
    """

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


def find_dateline(line: str) -> tuple[str | None, str | None]:
    """(place, outlet) of a dateline opening ``line`` ("SEOUL, May 29 (Reuters) -"), else (None, None)."""
    m = _DATELINE_RE.match(line)
    if m:
        place = m.group("place").strip(" ,")
        letters = re.sub(r"[^A-Za-z]", "", place)
        if place.upper() not in _NOT_PLACES and len(letters) >= 3 and place == place.upper():
            raw = m.group("outlet")
            outlet = _OUTLETS.get(raw.upper(), raw) if raw else None
            name = " ".join(w.capitalize() if not w.startswith("D.C") else w for w in place.split())
            region = m.group("region")
            if region and region.upper() == region and len(region) > 3:
                region = region.title()
            return (f"{name}, {region}" if region else name), outlet
    m = _BYLINE_RE.match(line)
    if m:
        raw = m.group("outlet")
        return None, _OUTLETS.get(raw.upper(), raw)
    return None, None


def find_header(text: str, *, max_lines: int = 6) -> Header:
    """Look at the first non-empty lines for a publication date, an outlet and a dateline."""
    published = outlet = place = None
    found_line = None
    lines = [ln for ln in text[:4000].splitlines()[: max_lines * 3] if ln.strip()][:max_lines]
    for i, ln in enumerate(lines):
        s = ln.strip()
        if place is None:
            p, o = find_dateline(s)
            if p or o:
                place = p
                outlet = outlet or o
        if published is None and len(s) <= 100:
            m = _DATE_RE.search(s)
            d = parse_header_date(s) if m and len(s) - len(m.group(0)) <= 50 and not _CAPTION.search(s) \
                and not re.search(r"(?i)\b(?:on|at|in|since)\s*$", s[:m.start()]) else None
            if d:
                published = d
                found_line = i
                prefix = _DATE_RE.split(s)[0].strip(" ,-|:\u2013\u2014")
                if prefix and outlet is None and not re.search(r"\d", prefix) and len(prefix.split()) <= 5 \
                        and not _NOT_OUTLET_PREFIX.match(prefix) and prefix[0].isupper():
                    outlet = prefix
    return Header(published, outlet, place, found_line)
