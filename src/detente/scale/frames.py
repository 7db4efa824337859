"""Coded articles to and from Parquet: the shards workers hand back to the client.

One row per article: its fields, its warnings and its events as EVENTS.md records (JSON). Reading a
shard rebuilds ``CodedArticle`` objects and checks that every event keeps its ``event_id``.
"""
from __future__ import annotations

import io
import json
from dataclasses import fields

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import StoreError
from ..model import Actor, Article, Attribution, CodedArticle, Event, Place

SCHEMA = pa.schema([
    ("id", pa.string()), ("text", pa.string()), ("title", pa.string()), ("published", pa.date32()),
    ("outlet", pa.string()), ("url", pa.string()), ("source_path", pa.string()),
    ("published_basis", pa.string()), ("warnings", pa.list_(pa.string())), ("events", pa.string()),
    ("confidence", pa.list_(pa.float64())),  # unrounded: the record rounds it to 3 places, the store does not
])
_EVENT_FIELDS = {f.name for f in fields(Event)}


def to_table(coded: list[CodedArticle]) -> pa.Table:
    """An Arrow table of coded articles."""
    cols: dict[str, list] = {name: [] for name in SCHEMA.names}
    for c in coded:
        a = c.article
        for name in ("id", "text", "title", "published", "outlet", "url", "source_path", "published_basis"):
            cols[name].append(getattr(a, name))
        cols["warnings"].append(list(c.warnings))
        cols["events"].append(json.dumps([e.to_dict() for e in c.events], ensure_ascii=False))
        cols["confidence"].append([float(e.confidence) for e in c.events])
    return pa.table(cols, schema=SCHEMA)


def to_parquet(coded: list[CodedArticle], where: str | None = None) -> bytes | str:
    """Write a Parquet shard to the file ``where`` (returns it), or return its bytes."""
    table = to_table(coded)
    if where is not None:
        pq.write_table(table, where)
        return where
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def from_parquet(shard: bytes | str) -> list[CodedArticle]:
    """The coded articles of a Parquet shard (a file path or bytes)."""
    table = pq.read_table(io.BytesIO(shard) if isinstance(shard, bytes) else shard)
    out = []
    for row in table.to_pylist():
        art = Article(id=row["id"], text=row["text"], title=row["title"], published=row["published"],
                      outlet=row["outlet"], url=row["url"], source_path=row["source_path"],
                      published_basis=row["published_basis"])
        events = [event_from_dict(d) for d in json.loads(row["events"])]
        for ev, conf in zip(events, row["confidence"]):
            ev.confidence = conf
        out.append(CodedArticle(art, events, list(row["warnings"] or [])))
    return out


def _actor(d: dict | None) -> Actor | None:
    return Actor(**d) if d else None


def event_from_dict(d: dict) -> Event:
    """Rebuild an Event from its EVENTS.md record (``Event.to_dict``); StoreError if it does not round-trip."""
    kw, extra = {}, {}
    for k, v in d.items():
        if k == "event_id":
            continue
        (kw if k in _EVENT_FIELDS else extra)[k] = v
    kw["span"] = tuple(kw["span"])
    if kw.get("trigger_span") is not None:
        kw["trigger_span"] = tuple(kw["trigger_span"])
    kw["source"], kw["target"] = _actor(kw.get("source")), _actor(kw.get("target"))
    if kw.get("location"):
        kw["location"] = Place(**kw["location"])
    if kw.get("attribution"):
        at = kw["attribution"]
        kw["attribution"] = Attribution(text=at["text"], speaker=_actor(at.get("speaker")), outlet=at.get("outlet"))
    ev = Event(**kw, extra=extra)
    if ev.event_id != d["event_id"] or ev.to_dict() != d:
        raise StoreError(f"event {d['event_id']} does not survive the Parquet round trip (Event changed?)")
    return ev
