"""Query parameters -> store Filters, checked; the same rules for the JSON API and the web pages."""
from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date
from typing import Optional

from fastapi import Query

from ..errors import InputError
from ..model import MODALITIES
from ..store.base import Filters, date_bases

MAX_LIMIT = 1000
FILTER_KEYS = ("actor", "target", "country", "sector", "root", "cameo", "plover", "quad_class", "modality",
               "since", "until", "date_basis", "outlet", "text", "article_id")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_CODE = re.compile(r"^[A-Za-z0-9]{1,30}$")


def _date(value: str, name: str, *, end: bool) -> str:
    m = _DATE.match(value)
    if not m:
        raise InputError(f"{name}={value!r}: give a date as YYYY-MM-DD, YYYY-MM or YYYY")
    y, mo, d = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    try:
        day = int(d) if d else (calendar.monthrange(y, mo)[1] if end else 1)
        return date(y, mo, day).isoformat()
    except ValueError:
        raise InputError(f"{name}={value!r}: no such date") from None


def make_filters(params: Mapping[str, object], *, limit: int | None = None, offset: int = 0) -> Filters:
    """Checked Filters from query parameters (empty values are absent); raises InputError (400)."""
    v = {k: (str(params[k]).strip() if params.get(k) not in (None, "") else None) for k in FILTER_KEYS}
    v = {k: (x or None) for k, x in v.items()}
    for k in ("actor", "target", "country", "sector", "plover"):
        if v[k] is not None and not _CODE.match(v[k]):
            raise InputError(f"{k}={v[k]!r}: expected a code of letters and digits, such as USA or USAGOV")
    for k, n in (("root", 2), ("cameo", 4)):
        if v[k] is not None and not (v[k].isdigit() and len(v[k]) <= n and v[k].isascii()):
            raise InputError(f"{k}={v[k]!r}: expected a CAMEO code of at most {n} digits")
    q = None
    if v["quad_class"] is not None:
        if v["quad_class"] not in ("1", "2", "3", "4"):
            raise InputError(f"quad_class={v['quad_class']!r}: choose 1, 2, 3 or 4")
        q = int(v["quad_class"])
    mod = v["modality"] or "asserted"
    if mod not in (*MODALITIES, "all"):
        raise InputError(f"modality={mod!r}: choose one of {', '.join(MODALITIES)} or all")
    since = _date(v["since"], "since", end=False) if v["since"] else None
    until = _date(v["until"], "until", end=True) if v["until"] else None
    for k in ("outlet", "text", "article_id"):
        if v[k] is not None and len(v[k]) > 500:
            raise InputError(f"{k}: at most 500 characters")
    return Filters(actor=v["actor"], target=v["target"], country=v["country"], sector=v["sector"],
                   root=v["root"], cameo=v["cameo"], plover=v["plover"], quad_class=q, modality=mod,
                   since=since, until=until, date_basis=date_bases(v["date_basis"]), outlet=v["outlet"],
                   text=v["text"], article_id=v["article_id"], limit=limit, offset=offset)


def filter_params(
    actor: Optional[str] = Query(None, description="Source actor code prefix (USA, USAGOV)."),
    target: Optional[str] = Query(None, description="Target actor code prefix."),
    country: Optional[str] = Query(None, description="Source or target country (ISO alpha-3 or IGO code)."),
    sector: Optional[str] = Query(None, description="Source or target sector (GOV, MIL ...)."),
    root: Optional[str] = Query(None, description="CAMEO root, two digits (12)."),
    cameo: Optional[str] = Query(None, description="CAMEO code prefix (163)."),
    plover: Optional[str] = Query(None, description="PLOVER type (REJECT)."),
    quad_class: Optional[str] = Query(None, description="QuadClass 1-4."),
    modality: Optional[str] = Query("asserted", description="asserted, negated, hypothetical, intended, "
                                    "demanded, believed, or all."),
    since: Optional[str] = Query(None, description="Events on or after this date (YYYY-MM-DD, YYYY-MM, YYYY)."),
    until: Optional[str] = Query(None, description="Events on or before this date."),
    date_basis: Optional[str] = Query(None, description="How the date was found, comma-separated: explicit, "
                                      "relative, inferred, publication (default: all)."),
    outlet: Optional[str] = Query(None, description="Outlet of the article (exact)."),
    text: Optional[str] = Query(None, description="Words in the evidence sentence."),
    article_id: Optional[str] = Query(None, description="Events of this article."),
) -> Filters:
    """FastAPI dependency: the event filters of `detente events`, checked."""
    return make_filters(dict(actor=actor, target=target, country=country, sector=sector, root=root, cameo=cameo,
                             plover=plover, quad_class=quad_class, modality=modality, since=since, until=until,
                             date_basis=date_basis, outlet=outlet, text=text, article_id=article_id))


def query_string(f: Filters, **extra) -> str:
    """The URL query that reproduces ``f`` (for links that keep the filters)."""
    from urllib.parse import urlencode

    d = {k: getattr(f, k) for k in FILTER_KEYS if getattr(f, k) not in (None, "")}
    if d.get("modality") == "asserted":
        d.pop("modality")
    d.update({k: v for k, v in extra.items() if v not in (None, "")})
    return urlencode(d)
