"""The JSON API under /api: read events, articles, series and aggregates; code a posted text."""
from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from ..errors import DetenteError, InputError
from ..store.base import Filters
from .filters import MAX_LIMIT, filter_params, query_string
from .security import require_token

router = APIRouter(prefix="/api", tags=["api"])


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


@contextmanager
def read_store(request: Request) -> Iterator:
    """The store for one request, read-only; notes on the request whether it is a snapshot taken during an
    ingest (the X-Detente-Stale header and the ``stale`` field of the answers say so)."""
    with request.app.state.source.open() as s:
        served = s.served
        if served.stale:
            request.state.detente_stale = served.as_of.isoformat() if served.as_of else ""
        elif not hasattr(request.state, "detente_stale"):
            request.state.detente_stale = None
        yield s


def freshness(request: Request) -> dict:
    """``stale`` (the answer comes from a copy made while an ingest writes the store) and ``as_of`` (when the
    copied data was written), for the answers that carry metadata."""
    as_of = getattr(request.state, "detente_stale", None)
    return {"stale": as_of is not None, "as_of": as_of or None}


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


async def code_one(request: Request, art) -> Any:
    """Code one Article in the server's coding worker (bounded: see ``api/coding.py``)."""
    return (await request.app.state.coder.code([art]))[0]


PLACE_HELP = ("Where the event happened: the name of its location (any case), or (no place known) for events "
              "whose text names no place.")
SORT_HELP = ("Sort column: date, source, target, action, goldstein, outlet, speaker or mentions; a leading - "
             "sorts descending (-date: newest first).")


@router.get("/events", summary="Events (mentions or merged events) matching the filters, sorted, paged, counted")
def list_events(request: Request, f: Filters = Depends(filter_params),
                limit: int = Query(100, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=10**9),
                merged: bool = Query(False, description="One record per merged event (its representative "
                                     "mention, with n_mentions, n_articles, n_outlets) instead of every mention."),
                speaker: Optional[str] = Query(None, max_length=60, description="Attributed speaker: an actor "
                                               "code prefix, (unresolved) or (none stated)."),
                either: bool = Query(False, description="Actor and target in either direction."),
                sort: str = Query("date", max_length=20, description=SORT_HELP),
                facets: bool = Query(False, description="Also count the events per outlet and per speaker."),
                place: Optional[str] = Query(None, max_length=200, description=PLACE_HELP)) -> dict:
    from .table import listing

    with read_store(request) as s:
        got = listing(s, f, merged=merged, speaker=speaker, either=either, sort=sort, place=place)
    page = got.rows[offset:offset + limit]
    more = offset + limit < got.total
    keep = dict(merged="true" if merged else None, speaker=speaker, either="true" if either else None, sort=sort,
                place=place)
    nxt = f"/api/events?{query_string(f, limit=limit, offset=offset + limit, **keep)}" if more else None
    out = {"events": page, "total": got.total, "limit": limit, "offset": offset, "next": nxt, **freshness(request)}
    if facets:
        out["outlets"] = [{"outlet": o, "events": n} for o, n in got.outlets]
        out["speakers"] = [{"speaker": o, "events": n} for o, n in got.speakers]
    return out


@router.get("/download", summary="Download the events matching the filters: csv, jsonl, plover, gdelt or icews",
            response_class=Response)
def download_events(request: Request, f: Filters = Depends(filter_params),
                    format: str = Query("csv", description="csv, jsonl (EVENTS.md records), plover, gdelt, icews."),
                    merged: bool = Query(False, description="One row per merged event."),
                    speaker: Optional[str] = Query(None, max_length=60), either: bool = Query(False),
                    sort: str = Query("-date", max_length=20, description=SORT_HELP),
                    place: Optional[str] = Query(None, max_length=200, description=PLACE_HELP)) -> Response:
    from .table import download, listing

    with read_store(request) as s:
        got = listing(s, f, merged=merged, speaker=speaker, either=either, sort=sort, place=place)
    body, media, suffix = download(got.rows, format)
    name = f"detente-{'events' if merged else 'mentions'}.{suffix}"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                     "X-Detente-Total": str(got.total)})


@router.get("/events/{event_id}", summary="One merged event (or mention) with all its mentions and evidence")
def get_event(request: Request, event_id: str = Path(..., max_length=200)) -> dict:
    with read_store(request) as s:
        ev = s.event(event_id)
    if ev is None:
        raise NotFound(f"no event {event_id!r}")
    return ev


@router.get("/articles/{article_id}", summary="One article: its text, metadata, events and warnings")
def get_article(request: Request, article_id: str = Path(..., max_length=500)) -> dict:
    with read_store(request) as s:
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
    with read_store(request) as s:
        frame = s.dyad(a.upper(), b.upper(), by=by, filters=f)
    return {"a": a.upper(), "b": b.upper(), "by": by, "series": rows(frame), **freshness(request)}


@router.get("/aggregate", summary="Event counts and Goldstein by country-month, dyad-month or actor-year")
def get_aggregate(request: Request, unit: Literal["country-month", "dyad-month", "actor-year"] = "country-month",
                  f: Filters = Depends(filter_params)) -> dict:
    with read_store(request) as s:
        frame = s.aggregate(unit, filters=f)
    return {"unit": unit, "rows": rows(frame), **freshness(request)}


@router.get("/actors", summary="The most active actors with their counts")
def get_actors(request: Request, f: Filters = Depends(filter_params),
               limit: int = Query(50, ge=1, le=MAX_LIMIT)) -> dict:
    with read_store(request) as s:
        frame = s.actors(f, limit=limit)
    return {"actors": rows(frame), **freshness(request)}


@router.get("/stats", summary="What the store holds")
def get_stats(request: Request) -> dict:
    with read_store(request) as s:
        st = s.stats()
    return {**{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in st.items()}, **freshness(request)}


BUSY = {413: {"description": "The text is over the server's limit (DETENTE_CODE_MAX_CHARS)."},
        503: {"description": "The coder's queue is full, or coding took longer than the server's time limit; "
                             "the Retry-After header says when to try again."}}


@router.post("/code", summary="Code a posted article and return its events (nothing is stored)", responses=BUSY)
async def post_code(request: Request, body: CodeIn) -> dict:
    coded = await code_one(request, await run_in_threadpool(_article, body))
    evs = [e.to_dict() for e in coded.events if body.all_modalities or e.modality == "asserted"]
    return {"article_id": body.id, "events": evs, "warnings": list(coded.warnings)}


@router.post("/articles", summary="Code and store articles (needs the server's token)", status_code=201,
             dependencies=[Depends(require_token)], responses=BUSY)
async def post_articles(request: Request, body: IngestIn) -> dict:
    source = request.app.state.source
    arts = await run_in_threadpool(lambda: [_article(a) for a in body.articles])
    await run_in_threadpool(source.check_writable)  # an ingest is writing: 503 now, before any coding
    coded = await request.app.state.coder.code(arts)

    def store() -> tuple[int, int]:
        with source.open_for_write() as s:
            return s.add(coded)

    n_art, n_men = await run_in_threadpool(store)
    return {"articles": n_art, "events": n_men}
