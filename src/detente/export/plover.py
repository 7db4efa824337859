"""PLOVER JSON Lines: the field names of the PLOVER manual's data-fields chapter."""
from __future__ import annotations

import json
from pathlib import Path

from .names import cameo_name, day_of


def _entity(a: dict | None) -> list[dict]:
    if not a:
        return []
    return [{"code": a.get("code"), "country": a.get("country"), "sector": a.get("sector"),
             "name": a.get("name"), "text": a.get("text")}]


def _mode(cameo: str) -> list[str]:
    from ..errors import ConfigError
    from ..events.cameo import CameoTable

    try:
        m = CameoTable.load().get(cameo).plover_mode
    except ConfigError:
        return []
    return [m] if m else []


def to_plover(rec: dict) -> dict:
    """One PLOVER record from an event record."""
    loc = rec.get("location") or None
    return {
        "id": rec.get("cluster_id") or rec["event_id"],
        "date": day_of(rec),
        "enddate": None,
        "actor": _entity(rec.get("source")),
        "recipient": _entity(rec.get("target")),
        "event": [rec.get("plover")],
        "event_loc": {"placename": loc.get("name"), "countrycode": loc.get("country"), "admin1": loc.get("admin1"),
                      "lat": loc.get("lat"), "lon": loc.get("lon")} if loc else None,
        "event_text": [rec.get("sentence")],
        "quad_code": rec.get("quad_class"),
        "event_scale": rec.get("goldstein"),
        "mode": _mode(rec.get("cameo") or ""),
        "context": [],
        "cite_info": {"source": rec.get("outlet"), "url": rec.get("url"), "title": rec.get("title"),
                      "date": rec.get("published"), "article_id": rec.get("article_id")},
        "coder": "detente",
        "cameo": rec.get("cameo"),
        "cameo_name": cameo_name(rec.get("cameo")),
        "modality": rec.get("modality"),
        "date_precision": rec.get("date_precision"),
        "attribution": rec.get("attribution"),
        "num_mentions": rec.get("n_mentions", 1),
        "num_articles": rec.get("n_articles", 1),
        "num_sources": rec.get("n_outlets", 1 if rec.get("outlet") else 0),
        "mention_id": rec["event_id"],
    }


def write(records: list[dict], out: Path) -> None:
    with open(out, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(to_plover(r), ensure_ascii=False) + "\n")
