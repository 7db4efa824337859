"""Flat tables (Parquet, CSV): one column per EVENTS.md field, actors and places spread over columns."""
from __future__ import annotations

from pathlib import Path

COLUMNS = ["event_id", "cluster_id", "article_id", "date", "date_precision", "date_basis", "source_code",
           "source_country", "source_sector", "source_name", "source_text", "target_code", "target_country",
           "target_sector", "target_name", "target_text", "cameo", "cameo_root", "plover", "quad_class", "goldstein",
           "modality", "confidence", "trigger", "sentence", "span_start", "span_end", "location_name",
           "location_country", "location_lat", "location_lon", "attribution_text", "attribution_outlet", "rule",
           "n_mentions", "n_articles", "n_outlets", "outlet", "published", "url", "title"]


def flat(rec: dict) -> dict:
    """A record as one flat row of COLUMNS."""
    out = {k: rec.get(k) for k in COLUMNS}
    for side in ("source", "target"):
        a = rec.get(side) or {}
        for k in ("code", "country", "sector", "name", "text"):
            out[f"{side}_{k}"] = a.get(k)
    span = rec.get("span") or [None, None]
    out["span_start"], out["span_end"] = span[0], span[1]
    loc = rec.get("location") or {}
    out.update(location_name=loc.get("name"), location_country=loc.get("country"), location_lat=loc.get("lat"),
               location_lon=loc.get("lon"))
    att = rec.get("attribution") or {}
    out.update(attribution_text=att.get("text"), attribution_outlet=att.get("outlet"))
    for k in ("n_mentions", "n_articles"):
        out[k] = rec.get(k, 1)
    out["n_outlets"] = rec.get("n_outlets", 1 if rec.get("outlet") else 0)
    return out


def frame(records: list[dict]):
    import pandas as pd

    df = pd.DataFrame([flat(r) for r in records], columns=COLUMNS)
    for c in ("quad_class", "span_start", "span_end", "n_mentions", "n_articles", "n_outlets"):
        df[c] = df[c].astype("Int64")
    for c in ("goldstein", "confidence", "location_lat", "location_lon"):
        df[c] = df[c].astype("float64")
    return df


def write_parquet(records: list[dict], out: Path) -> None:
    frame(records).to_parquet(out, index=False)


def write_csv(records: list[dict], out: Path) -> None:
    frame(records).to_csv(out, index=False)


__all__ = ["COLUMNS", "flat", "frame"]
