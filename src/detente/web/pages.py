"""The web pages: timeline, events with evidence, event, article, dyad, network, map, and "code this text"."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Optional
from urllib.parse import parse_qsl, urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..api.filters import FILTER_KEYS, _CODE, make_filters, query_string
from ..api.routes import code_one, read_store
from ..api.table import DOWNLOADS, NO_PLACE, SORTS, listing
from ..errors import DetenteError, InputError
from ..events.cameo import CameoTable
from ..store.base import Filters
from .. import output
from . import TEMPLATES, charts, highlight

router = APIRouter(include_in_schema=False)
PAGE = 50
MAX_CHART_EVENTS = 200_000
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                          undefined=jinja2.StrictUndefined)
templates = Jinja2Templates(env=_env)


def web_url(value: object) -> str | None:
    """``value`` if it is an http(s) URL a page may link to, else None (``javascript:``, ``data:``, relative
    paths and the like are shown as text, never as a link)."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    try:
        u = urlsplit(v)
    except ValueError:
        return None
    return v if u.scheme.lower() in ("http", "https") and u.netloc and not any(c.isspace() for c in v) else None


_env.globals.update(quad_names=charts.QUAD, evidence=highlight.evidence, web_url=web_url, why=output.why)


class PageNotFound(DetenteError):
    """No such event or article."""

    status = 404


def _roots() -> list[tuple[str, str]]:
    t = CameoTable.load()
    return sorted({(c.root, c.name) for c in t if c.code == c.root})


def _filters(request: Request, **kw) -> Filters:
    return make_filters(request.query_params, **kw)


def _actor_list(request: Request) -> list[dict]:
    """The store's actors (code, name) for the actor pickers' autocomplete."""
    try:
        with read_store(request) as s:
            return s.query("SELECT code, name FROM actors ORDER BY code LIMIT 5000")
    except (DetenteError, NotImplementedError, AttributeError):
        return []


def _page(request: Request, name: str, f: Filters | None = None, **ctx) -> HTMLResponse:
    f = f or Filters()
    as_of = getattr(request.state, "detente_stale", None)  # read_store: the snapshot's time; None: the live store
    view = ctx.pop("view", {})
    base = {"f": f, "qs": query_string(f), "vqs": query_string(f, **view), "view": view, "roots": _roots(),
            "stale": as_of is not None, "as_of": as_of or None, "page": name.split(".")[0],
            "downloads": list(DOWNLOADS), "sorts": SORTS}
    if not name.startswith("_") and name not in ("error.html", "docs.html"):
        base["actor_list"] = _actor_list(request)
    else:
        base["actor_list"] = []
    return templates.TemplateResponse(request, name, {**base, **ctx})


def render_error(request: Request, status: int, kind: str, message: str) -> HTMLResponse:
    """The HTML page for an error (the API answers JSON instead); htmx requests get the fragment only."""
    name = "_error.html" if request.headers.get("hx-request") else "error.html"
    r = _page(request, name, status=status, kind=kind, message=message)
    r.status_code = status
    return r


def _records(request: Request, f: Filters) -> list[dict]:
    with read_store(request) as s:
        return s.events(f)


def _find(request: Request, event_id: str) -> dict | None:
    """A merged event with its mentions; falls back to the one mention with this id."""
    with read_store(request) as s:
        try:
            ev = s.event(event_id)
        except NotImplementedError:
            ev = None
            for r in s.events(Filters(modality="all")):
                if r["event_id"] == event_id:
                    ev = {"mentions": [r]}
                    break
    return ev


@router.get("/", response_class=HTMLResponse)
def timeline_page(request: Request):
    """The timeline of events by QuadClass, with a brushable date range."""
    f = _filters(request)
    recs = _records(request, f)
    df = charts.frame(recs)
    lo = hi = None
    off = 0
    d = df["day"].dropna()
    if not (f.since or f.until) and len(d) > 50 and (d.max() - d.min()).days > 3 * 365:
        lo, hi = d.quantile(0.01).normalize(), d.quantile(0.99).normalize()  # a few stray dates stretch the axis
        off = int(((d < lo) | (d > hi)).sum())
    shown = df[df["day"].isna() | df["day"].between(lo, hi)] if off else df
    spec, by = charts.timeline(shown)
    table = charts.timeline_table(shown, by)
    with read_store(request) as s:
        try:
            stats = s.stats()
        except NotImplementedError:
            stats = {}
    top = charts.country_counts(df).head(10).to_dict(orient="records")
    undated = int(df["day"].isna().sum())
    return _page(request, "timeline.html", f, spec=spec, by=by, table=table, n=len(df), stats=stats, top=top,
                 undated=undated, off=off, lo=lo.date().isoformat() if off else None, hi=hi.date().isoformat() if off else None,
                 articles=df["article_id"].nunique())


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, offset: int = Query(0, ge=0, le=10**9),
                sort: str = Query("-date", max_length=20), merged: Optional[str] = Query(None, max_length=5),
                speaker: Optional[str] = Query(None, max_length=60), either: Optional[str] = Query(None, max_length=5),
                place: Optional[str] = Query(None, max_length=200)):
    """The event table, newest first: sortable, counted, with outlet and speaker facets and downloads; each row
    opens to its evidence. ``place`` keeps the events that happened there (the map links here)."""
    f = _filters(request)
    is_merged, is_either = merged in ("1", "true", "on"), either in ("1", "true", "on")
    place = (place or "").strip() or None
    with read_store(request) as s:
        got = listing(s, f, merged=is_merged, speaker=speaker, either=is_either, sort=sort, place=place)
    view = {"sort": sort if sort != "-date" else None, "merged": "1" if is_merged else None,
            "speaker": speaker or None, "either": "1" if is_either else None, "place": place}
    recs = got.rows[offset:offset + PAGE]
    more = offset + PAGE < got.total
    return _page(request, "events.html", f, events=recs, offset=offset, more=more, per=PAGE, total=got.total,
                 outlets=got.outlets, speakers=got.speakers, sort=sort, merged=is_merged, either=is_either,
                 speaker=speaker or "", place=place or "", view=view, sort_qs=query_string(f, **{**view, "sort": None}),
                 mentions_qs=query_string(f, **{**view, "merged": None}),
                 merged_qs=query_string(f, **{**view, "merged": "1"}))


@router.get("/event/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str = Path(..., max_length=200)):
    """One event with every mention's evidence."""
    ev = _find(request, event_id)
    if ev is None:
        raise PageNotFound(f"no event {event_id!r}")
    mentions = ev.get("mentions") or [ev]
    articles: dict[str, dict] = {}
    for m in mentions:
        articles.setdefault(m.get("article_id"), m)
    by_outlet: dict[str, list[dict]] = {}
    for a in articles.values():
        by_outlet.setdefault(a.get("outlet") or "unknown outlet", []).append(a)
    return _page(request, "event.html", ev=ev, mentions=mentions, articles=list(articles),
                 outlets=sorted(by_outlet.items()))


@router.get("/article/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    """The whole article with every coded event highlighted in place."""
    with read_store(request) as s:
        art = s.article(article_id)
    if art is None:
        raise PageNotFound(f"no article {article_id!r}")
    recs = art.get("events") or []
    return _page(request, "article.html", art=art, events=recs, pieces=highlight.article(art.get("text") or "", recs))


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request, a: Optional[str] = Query(None, max_length=30),
              b: Optional[str] = Query(None, max_length=30), by: str = Query("month")):
    """A to B and B to A over time: counts by QuadClass and Goldstein."""
    f = _filters(request)
    if by not in ("day", "week", "month", "year"):
        raise InputError(f"by={by!r}: choose day, week, month or year")
    df = charts.frame(_records(request, f))
    pairs = charts.pairs(df).head(12).to_dict(orient="records")
    a, b = (a or "").strip().upper(), (b or "").strip().upper()
    for k, v in (("a", a), ("b", b)):
        if v and not _CODE.match(v):
            raise InputError(f"{k}={v!r}: expected an actor code such as USA or PRKGOV")
    if not (a and b) and pairs:
        a, b = a or pairs[0]["source"][:3], b or pairs[0]["target"][:3]  # the busiest pair's countries
    counts = gold = None
    table: list[dict] = []
    n = 0
    if a and b:
        with read_store(request) as s:  # the store's dyad query: the same counts as /api/dyad
            series = s.dyad(a, b, by=by, filters=f)
        counts, gold, table = charts.dyad_series(series, a, b, by)
        n = int(series["n"].sum()) if len(series) else 0
    return _page(request, "dyad.html", f, a=a, b=b, by=by, counts=counts, gold=gold, n=n, pairs=pairs, table=table,
                 ab_qs=query_string(replace(f, actor=a, target=b)), ba_qs=query_string(replace(f, actor=b, target=a)),
                 either_qs=query_string(replace(f, actor=a, target=b), either="1"))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, top: int = Query(30, ge=2, le=200),
                 group: str = Query("country", max_length=10)):
    """Who acts on whom, weighted by the number of events: countries (USA and USAGOV one node) or, split by
    sector, actor codes; the ``top`` busiest, saying how many were left out."""
    if group not in charts.GROUPS:
        raise InputError(f"group={group!r}: choose {' or '.join(charts.GROUPS)}")
    f = _filters(request)
    df = charts.frame(_records(request, f))
    spec, edges, info = charts.network(df, top=top, group=group)
    return _page(request, "network.html", f, spec=spec, edges=edges.to_dict(orient="records"), top=top,
                 group=group, info=info, keep=parse_qsl(query_string(f)), view={"top": top if top != 30 else None,
                                               "group": group if group != "country" else None})


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, role: str = Query("either")):
    """Where events happened: a point per place, sized by its events, each linking to its events; events with
    no known place are shaded on their actors' countries (``role``: either side, the source or the target),
    labelled as such. Both are also given as tables."""
    if role not in ("either", "source", "target"):
        raise InputError(f"role={role!r}: choose either, source or target")
    f = _filters(request)
    recs = _records(request, f)
    points = charts.places(recs)
    rest = charts.unplaced(recs)
    counts = charts.country_counts(charts.frame(rest), role)
    qs = query_string(f)
    key = {"either": "country", "source": "actor", "target": "target"}[role]

    def place_href(name: str) -> str:
        return "/events?" + "&".join(x for x in (qs, urlencode({"place": name})) if x)

    def country_href(code: str) -> str:
        extra = {key: code, "place": NO_PLACE}
        return "/events?" + urlencode({**dict(parse_qsl(qs)), **extra})

    spec = charts.world_map(points, counts, place_href=place_href, country_href=country_href)
    num = charts._numeric()
    rows = [{"code": c, "name": num[c][1] if c in num else "(organisation or unplaced)", "events": int(n),
             "href": country_href(c)} for c, n in zip(counts["country"], counts["events"])]
    place_rows = [{**r, "href": place_href(r["place"])} for r in points.to_dict(orient="records")]
    return _page(request, "map.html", f, spec=spec, rows=rows, places=place_rows, role=role,
                 n_placed=int(points["events"].sum()) if len(points) else 0, n_unplaced=len(rest), n=len(recs))


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """The HTTP API's reference, from the app's own OpenAPI schema: no script, nothing from a CDN (works
    offline and under the app's content-security policy; the schema itself is at /openapi.json)."""
    schema = request.app.openapi()
    ops = []
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            params = [{"name": p.get("name"), "in": p.get("in"), "required": bool(p.get("required")),
                       "description": p.get("description") or (p.get("schema") or {}).get("description") or "",
                       "default": (p.get("schema") or {}).get("default")} for p in op.get("parameters", [])]
            body = (op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema", {})
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary") or "",
                        "description": op.get("description") or "", "params": params,
                        "body": (body.get("$ref") or "").rsplit("/", 1)[-1] or None,
                        "try": method == "get" and "{" not in path and not any(p["required"] for p in params)})
    return _page(request, "docs.html", ops=ops, info=schema.get("info", {}))


@router.get("/code", response_class=HTMLResponse)
def code_form(request: Request):
    """Paste an article and see its events."""
    return _page(request, "code.html", text="", published="", coded=None)


@router.post("/code", response_class=HTMLResponse)
async def code_submit(request: Request, text: str = Form(..., max_length=1_000_000),
                      published: Optional[str] = Form(None), title: Optional[str] = Form(None, max_length=2000),
                      all_modalities: Optional[str] = Form(None)):
    """Code the pasted article (nothing is stored); htmx requests get the result fragment only. The server's
    coding worker bounds the work (413 for a text over its limit, 503 when busy; see ``api/coding.py``), and
    posts from other sites' pages are refused (``api/security.Guard``)."""
    from ..ingest.readers import make_article

    pub = None
    if published and published.strip():
        try:
            pub = date.fromisoformat(published.strip())
        except ValueError:
            raise InputError(f"published={published!r}: give a date as YYYY-MM-DD") from None
    art = await run_in_threadpool(lambda: make_article(id="pasted", text=text, published=pub, title=title or None))
    coded = await code_one(request, art)
    evs = [e.to_dict() for e in coded.events if all_modalities or e.modality == "asserted"]
    ctx = dict(coded={"events": evs, "warnings": coded.warnings,
                      "pieces": highlight.article(art.text, evs), "published": art.published},
               text=text, published=published or "", all_modalities=bool(all_modalities))
    if request.headers.get("hx-request"):
        return _page(request, "_coded.html", **ctx)
    return _page(request, "code.html", **ctx)


__all__ = ["router", "render_error", "FILTER_KEYS"]
