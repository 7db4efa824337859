"""The JSON API under /api: read events, articles, series and aggregates; code a posted text."""
from __future__ import annotations

import math
import threading
from datetime import date
from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from ..errors import DetenteError, InputError
from ..store.base import Filters
from .filters import MAX_LIMIT, filter_params, query_string
from .security import require_token

router = APIRouter(prefix="/api", tags=["api"])
_coder_lock = threading.Lock()  # the Coder is not thread-safe; the server codes one text at a time


class NotFound(DetenteError):
    """No such event, article or page."""

    status = 404


def rows(frame) -> list[dict]:
    """JSON-safe records from a DataFrame (dates as ISO strings, NaN as null)."""
    out = []
    for r in frame.to_dict(orient="records"):
        d = {}
        for k, v in r.items():
            if hasattr(v, "isoformat"):
                v = v.isoformat()[:10] if type(v).__name__ in ("Timestamp", "date", "datetime") else v.isoformat()
            elif isinstance(v, float) and math.isnan(v):
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            d[str(k)] = v
        out.append(d)
    return out


def _store(request: Request):
    return request.app.state.source.open()


class ArticleIn(BaseModel):
    """An article to code."""

    text: str = Field(..., min_length=1, description="The article text.")
    published: Optional[date] = Field(None, description="Publication date: relative dates are reckoned from it.")
    title: Optional[str] = Field(None, max_length=2000)
    id: str = Field("posted", max_length=200, description="An id for the article (used in event ids).")
    outlet: Optional[str] = Field(None, max_length=200)
    url: Optional[str] = Field(None, max_length=2000)


class CodeIn(ArticleIn):
    all_modalities: bool = Field(False, description="Also return negated, hypothetical, intended, demanded "
                                 "and believed events.")


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(..., min_length=1, max_length=500)


def _article(a: ArticleIn):
    from ..ingest.readers import make_article

    return make_article(id=a.id, text=a.text, published=a.published, title=a.title, outlet=a.outlet, url=a.url)


def code_one(request: Request, art) -> Any:
    """Code one Article with the app's coder (serialised)."""
    from .. import get_coder

    with _coder_lock:
        return get_coder(request.app.state.settings).code_article(art)


@router.get("/events", summary="Events (mentions) matching the filters, oldest first, paged")
def list_events(request: Request, f: Filters = Depends(filter_params),
                limit: int = Query(100, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10**9),
                merged: bool = Query(False, description="One record per merged event (its representative "
                                     "mention, with n_mentions, n_articles, n_outlets) instead of every mention.")
                ) -> dict:
    f.limit, f.offset = limit + 1, offset
    with _store(request) as s:
        recs = s.events(f, merged=merged)
    more = len(recs) > limit
    nxt = (f"/api/events?{query_string(f, limit=limit, offset=offset + limit, merged='true' if merged else None)}"
           if more else None)
    return {"events": recs[:limit], "limit": limit, "offset": offset, "next": nxt}


@router.get("/events/{event_id}", summary="One merged event (or mention) with all its mentions and evidence")
def get_event(request: Request, event_id: str = Path(..., max_length=200)) -> dict:
    with _store(request) as s:
        ev = s.event(event_id)
    if ev is None:
        raise NotFound(f"no event {event_id!r}")
    return ev


@router.get("/articles/{article_id}", summary="One article: its text, metadata, events and warnings")
def get_article(request: Request, article_id: str = Path(..., max_length=500)) -> dict:
    with _store(request) as s:
        art = s.article(article_id)
    if art is None:
        raise NotFound(f"no article {article_id!r}")
    return art


@router.get("/dyad", summary="Counts per QuadClass and Goldstein per period, A to B and B to A")
def get_dyad(request: Request, a: str = Query(..., max_length=30, description="Actor code prefix (USA)."),
             b: str = Query(..., max_length=30, description="Actor code prefix (PRK)."),
             by: Literal["day", "week", "month", "year"] = "month", f: Filters = Depends(filter_params)) -> dict:
    from .filters import _CODE

    for k, v in (("a", a), ("b", b)):
        if not _CODE.match(v):
            raise InputError(f"{k}={v!r}: expected an actor code such as USA or PRKGOV")
    with _store(request) as s:
        frame = s.dyad(a.upper(), b.upper(), by=by, filters=f)
    return {"a": a.upper(), "b": b.upper(), "by": by, "series": rows(frame)}


@router.get("/aggregate", summary="Event counts and Goldstein by country-month, dyad-month or actor-year")
def get_aggregate(request: Request, unit: Literal["country-month", "dyad-month", "actor-year"] = "country-month",
                  f: Filters = Depends(filter_params)) -> dict:
    with _store(request) as s:
        frame = s.aggregate(unit, filters=f)
    return {"unit": unit, "rows": rows(frame)}


@router.get("/actors", summary="The most active actors with their counts")
def get_actors(request: Request, f: Filters = Depends(filter_params),
               limit: int = Query(50, ge=1, le=MAX_LIMIT)) -> dict:
    with _store(request) as s:
        frame = s.actors(f, limit=limit)
    return {"actors": rows(frame)}


@router.get("/stats", summary="What the store holds")
def get_stats(request: Request) -> dict:
    with _store(request) as s:
        st = s.stats()
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in st.items()}


@router.post("/code", summary="Code a posted article and return its events (nothing is stored)")
def post_code(request: Request, body: CodeIn) -> dict:
    coded = code_one(request, _article(body))
    evs = [e.to_dict() for e in coded.events if body.all_modalities or e.modality == "asserted"]
    return {"article_id": body.id, "events": evs, "warnings": list(coded.warnings)}


@router.post("/articles", summary="Code and store articles (needs the server's token)", status_code=201,
             dependencies=[Depends(require_token)])
def post_articles(request: Request, body: IngestIn) -> dict:
    arts = [_article(a) for a in body.articles]
    from .. import get_coder

    with _coder_lock:
        coded = list(get_coder(request.app.state.settings).code_articles(arts))
    with request.app.state.source.open_for_write() as s:
        n_art, n_men = s.add(coded)
    return {"articles": n_art, "events": n_men}
