"""The GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, no header row.

Filled: ids and dates, actor codes, names, countries and sector (Type1), event codes, QuadClass,
Goldstein, mention/source/article counts, the action location's name and coordinates, the source URL.
Empty: what detente does not know (known groups, ethnicity, religion, tone, FIPS and ADM codes, actor
locations, feature ids, IsRootEvent).
"""
from __future__ import annotations

import csv
from pathlib import Path

from .names import day_of

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
COLUMNS = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
           + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
           + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
              "NumMentions", "NumSources", "NumArticles", "AvgTone"]
           + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO] + [f"ActionGeo_{c}" for c in _GEO]
           + ["DATEADDED", "SOURCEURL"])
assert len(COLUMNS) == 61


def _actor(a: dict | None) -> list:
    if not a:
        return [""] * 10
    return [a.get("code") or "", a.get("name") or a.get("text") or "", a.get("country") or "", "", "", "", "",
            a.get("sector") or "", "", ""]


def to_gdelt(rec: dict) -> list:
    """One GDELT 2.0 row (61 values) from an event record."""
    from datetime import date

    day = day_of(rec)
    d = date.fromisoformat(day) if day else None
    cameo = rec.get("cameo") or ""
    loc = rec.get("location") or {}
    geo = [""] * 8
    if loc:
        geo = [4 if loc.get("lat") is not None else 1, loc.get("name") or "", "", "", "",
               loc.get("lat") if loc.get("lat") is not None else "",
               loc.get("lon") if loc.get("lon") is not None else "", ""]
    added = rec.get("first_report") or rec.get("published") or day
    row = [int((rec.get("cluster_id") or rec["event_id"])[:15], 16),
           d.strftime("%Y%m%d") if d else "", d.strftime("%Y%m") if d else "", d.year if d else "",
           round(d.year + (d.timetuple().tm_yday / 365), 4) if d else ""]
    row += _actor(rec.get("source")) + _actor(rec.get("target"))
    row += ["", cameo, cameo[:3], rec.get("cameo_root") or cameo[:2], rec.get("quad_class"), rec.get("goldstein"),
            rec.get("n_mentions", 1), rec.get("n_outlets", 1 if rec.get("outlet") else 0), rec.get("n_articles", 1),
            ""]
    row += [""] * 8 + [""] * 8 + geo
    row += [added.replace("-", "") + "000000" if added else "", rec.get("url") or ""]
    return row


def write(records: list[dict], out: Path) -> None:
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        for r in records:
            w.writerow(to_gdelt(r))
