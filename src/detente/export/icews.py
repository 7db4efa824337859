"""ICEWS-style TSV: the columns of the ICEWS event files (Dataverse), with a header row.

Story ID is detente's article id; Sentence Number the evidence sentence's character offset (ICEWS numbers
sentences, detente keeps offsets); sectors are detente's sector codes.
"""
from __future__ import annotations

import csv
from pathlib import Path

from .names import cameo_name, country_name, day_of

COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
           "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
           "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]


def _actor(a: dict | None) -> list:
    if not a:
        return ["", "", ""]
    return [a.get("name") or a.get("text") or a.get("code") or "", a.get("sector") or "",
            country_name(a.get("country"))]


def to_icews(rec: dict) -> list:
    """One ICEWS row (20 values) from an event record."""
    loc = rec.get("location") or {}
    span = rec.get("span") or [""]
    return ([rec.get("cluster_id") or rec["event_id"], day_of(rec) or ""] + _actor(rec.get("source"))
            + [cameo_name(rec.get("cameo")), rec.get("cameo") or "", rec.get("goldstein")]
            + _actor(rec.get("target"))
            + [rec.get("article_id") or "", span[0], rec.get("outlet") or "",
               loc.get("name") or "", "", loc.get("admin1") or "", country_name(loc.get("country")),
               "" if loc.get("lat") is None else loc.get("lat"), "" if loc.get("lon") is None else loc.get("lon")])


def write(records: list[dict], out: Path) -> None:
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        for r in records:
            w.writerow(to_icews(r))
