"""Turn coded articles into table rows (shared by every backend)."""
from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from ..model import Event

if TYPE_CHECKING:
    from ..model import CodedArticle


def first_day(value: str | None) -> date | None:
    """The first day an event date covers ("2016-02" -> 2016-02-01, "1950/1953" -> 1950-01-01)."""
    if not value:
        return None
    s = value.split("/")[0]
    try:
        if len(s) == 4:
            return date(int(s), 1, 1)
        if len(s) == 7:
            return date(int(s[:4]), int(s[5:7]), 1)
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def mention_row(ev: Event, outlet: str | None) -> dict:
    d = ev.to_dict()
    s, t = ev.source, ev.target
    return {
        "event_id": d["event_id"], "article_id": ev.article_id,
        "source_code": s.code if s else None, "source_country": s.country if s else None,
        "source_sector": s.sector if s else None, "target_code": t.code if t else None,
        "target_country": t.country if t else None, "target_sector": t.sector if t else None,
        "cameo": ev.cameo, "cameo_root": ev.cameo_root, "plover": ev.plover, "quad_class": ev.quad_class,
        "goldstein": ev.goldstein, "date": ev.date, "day": first_day(ev.date), "date_precision": ev.date_precision,
        "date_basis": ev.date_basis, "modality": ev.modality, "confidence": ev.confidence, "trigger": ev.trigger,
        "sentence": ev.sentence, "outlet": outlet, "cluster_id": None, "minhash": None,
        "record": json.dumps(d, ensure_ascii=False),
    }


def article_row(c: CodedArticle) -> dict:
    a = c.article
    return {"article_id": a.id, "content_hash": a.content_hash, "title": a.title, "published": a.published,
            "outlet": a.outlet, "url": a.url, "source_path": a.source_path, "text": a.text,
            "warnings": json.dumps(c.warnings, ensure_ascii=False), "n_events": len(c.events),
            "copy_of": None, "minhash": None}
