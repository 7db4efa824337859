"""Vega-Lite specs (built with Altair) for the web pages, from a frame of event records."""
from __future__ import annotations

import math
from functools import lru_cache

import altair as alt
import pandas as pd

QUAD = {1: "1 verbal cooperation", 2: "2 material cooperation", 3: "3 verbal conflict", 4: "4 material conflict"}
QUAD_COLORS = ["#6baed6", "#08519c", "#fd8d3c", "#a50f15"]
WORLD = "/static/vendor/world-atlas-2.0.2-countries-110m.json"
COLUMNS = ["event_id", "article_id", "day", "quad_class", "goldstein", "cameo_root", "plover",
           "source_code", "source_country", "target_code", "target_country"]


def frame(records: list[dict]) -> pd.DataFrame:
    """One row per event record, with the columns the charts use."""
    rows = []
    for r in records:
        s, t = r.get("source") or {}, r.get("target") or {}
        d = (r.get("date") or "").split("/")[0]
        d = d + "-01-01" if len(d) == 4 else d + "-01" if len(d) == 7 else d[:10]
        rows.append([r.get("event_id"), r.get("article_id"), d or None, r.get("quad_class"), r.get("goldstein"),
                     r.get("cameo_root"), r.get("plover"), s.get("code"), s.get("country"), t.get("code"),
                     t.get("country")])
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["day"] = pd.to_datetime(df["day"], errors="coerce")
    return df


def _values(df: pd.DataFrame) -> list[dict]:
    out = []
    for r in df.to_dict(orient="records"):
        out.append({k: (v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else
                        None if isinstance(v, float) and math.isnan(v) else
                        v.item() if hasattr(v, "item") else v) for k, v in r.items()})
    return out


def bucket(df: pd.DataFrame) -> str:
    """day, week or month, by the time the frame covers."""
    d = df["day"].dropna()
    if d.empty:
        return "month"
    days = (d.max() - d.min()).days
    return "day" if days <= 120 else "week" if days <= 3 * 365 else "month"


def _period(days: pd.Series, by: str) -> pd.Series:
    if by == "day":
        return days.dt.normalize()
    if by == "year":
        return days.dt.to_period("Y").dt.start_time
    return days.dt.to_period("W" if by == "week" else "M").dt.start_time


def _quad_color():
    return alt.Color("quad:N", title="QuadClass", scale=alt.Scale(domain=list(QUAD.values()), range=QUAD_COLORS),
                     legend=alt.Legend(orient="top"))


def timeline(df: pd.DataFrame) -> tuple[dict | None, str]:
    """Stacked counts per period by QuadClass, with an x brush named ``brush``; and the period used."""
    d = df.dropna(subset=["day"])
    if d.empty:
        return None, "month"
    by = bucket(d)
    g = (d.assign(period=_period(d["day"], by), quad=d["quad_class"].map(QUAD))
         .groupby(["period", "quad"]).size().reset_index(name="events"))
    brush = alt.selection_interval(encodings=["x"], name="brush")
    chart = alt.Chart(alt.Data(values=_values(g))).mark_bar().encode(
        x=alt.X("period:T", title=f"event date (per {by})"),
        y=alt.Y("events:Q", title="events", stack=True),
        color=_quad_color(),
        tooltip=[alt.Tooltip("period:T", title=by), "quad:N", "events:Q"],
    ).add_params(brush).properties(width="container", height=260)
    return chart.to_dict(), by


def timeline_table(df: pd.DataFrame, by: str) -> list[dict]:
    """The timeline's numbers (its text alternative): per period, the events of each QuadClass and in all."""
    d = df.dropna(subset=["day"])
    if d.empty:
        return []
    fmt = "%Y-%m" if by == "month" else "%Y-%m-%d"
    g = d.assign(period=_period(d["day"], by)).groupby(["period", "quad_class"]).size().unstack(fill_value=0)
    out = []
    for period, r in g.sort_index().iterrows():
        q = {f"q{k}": int(r.get(k, 0)) for k in (1, 2, 3, 4)}
        out.append({"period": period.strftime(fmt), **q, "events": sum(q.values())})
    return out


def dyad(df: pd.DataFrame, a: str, b: str, by: str = "month") -> tuple[dict | None, dict | None, int]:
    """Counts per period by QuadClass in each direction, and summed Goldstein per direction; and the count."""
    src, tgt = df["source_code"].fillna(""), df["target_code"].fillna("")
    ab = df[src.str.startswith(a) & tgt.str.startswith(b)].assign(direction=f"{a} → {b}")
    ba = df[src.str.startswith(b) & tgt.str.startswith(a)].assign(direction=f"{b} → {a}")
    d = pd.concat([ab, ba]).dropna(subset=["day"])
    if d.empty:
        return None, None, 0
    d = d.assign(period=_period(d["day"], by), quad=d["quad_class"].map(QUAD))
    counts = d.groupby(["direction", "period", "quad"]).size().reset_index(name="events")
    gold = d.groupby(["direction", "period"])["goldstein"].agg(["sum", "mean", "size"]).reset_index()
    gold.columns = ["direction", "period", "goldstein", "mean_goldstein", "events"]
    order = [f"{a} → {b}", f"{b} → {a}"]
    c1 = alt.Chart(alt.Data(values=_values(counts))).mark_bar().encode(
        x=alt.X("period:T", title=f"event date (per {by})"), y=alt.Y("events:Q", title="events"),
        color=_quad_color(), row=alt.Row("direction:N", sort=order, title=None),
        tooltip=[alt.Tooltip("period:T", title=by), "direction:N", "quad:N", "events:Q"],
    ).properties(width=640, height=140)
    c2 = alt.Chart(alt.Data(values=_values(gold))).mark_line(point=True).encode(
        x=alt.X("period:T", title=f"event date (per {by})"),
        y=alt.Y("goldstein:Q", title="summed Goldstein"),
        color=alt.Color("direction:N", sort=order, scale=alt.Scale(range=["#1b9e77", "#7570b3"]),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("period:T", title=by), "direction:N", "events:Q",
                 alt.Tooltip("goldstein:Q", format=".1f"), alt.Tooltip("mean_goldstein:Q", format=".2f")],
    ).properties(width=640, height=200)
    return c1.to_dict(), c2.to_dict(), len(d)


def dyad_series(series: pd.DataFrame, a: str, b: str, by: str = "month") -> tuple[dict | None, dict | None, list]:
    """The dyad charts from the store's dyad series (``Store.dyad``: the same counts as /api/dyad), every period
    between the first and last present in both directions: an empty period shows no bar and breaks the
    Goldstein line. Also returns the rows (the charts' text alternative)."""
    if series.empty:
        return None, None, []
    fmt = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[by]
    start = pd.to_datetime(series["period"]).min()
    end = pd.to_datetime(series["period"]).max()
    freq = {"day": "D", "week": "W-MON", "month": "MS", "year": "YS"}[by]
    periods = [p.strftime(fmt) for p in pd.date_range(start, end, freq=freq)] or sorted(set(series["period"]))
    names = {f"{a}>{b}": f"{a} → {b}", f"{b}>{a}": f"{b} → {a}"}
    have = {(r["period"], r["direction"]): r for r in series.to_dict(orient="records")}
    rows, counts, gold = [], [], []
    for p in periods:
        for d, label in names.items():
            r = have.get((p, d))
            n = int(r["n"]) if r else 0
            rows.append({"period": p, "direction": label, "events": n,
                         **{f"q{q}": int(r[f"q{q}"]) if r else 0 for q in (1, 2, 3, 4)},
                         "goldstein": round(float(r["goldstein_sum"]), 1) if r else None,
                         "mean_goldstein": round(float(r["goldstein_mean"]), 2) if r else None})
            for q in (1, 2, 3, 4):
                if r and int(r[f"q{q}"]):
                    counts.append({"period": p, "direction": label, "quad": QUAD[q], "events": int(r[f"q{q}"])})
            gold.append({"period": p, "direction": label, "events": n, "goldstein": rows[-1]["goldstein"],
                         "mean_goldstein": rows[-1]["mean_goldstein"]})
    order = list(names.values())
    unit = {"day": "yearmonthdate", "week": "yearmonthdate", "month": "yearmonth", "year": "year"}[by]
    x = alt.X(f"{unit}(period):T", title=f"event date (per {by})",
              scale=alt.Scale(domain=[periods[0], periods[-1]]) if len(periods) > 1 else alt.Undefined)
    c1 = alt.Chart(alt.Data(values=counts)).mark_bar().encode(
        x=x, y=alt.Y("events:Q", title="events"), color=_quad_color(),
        row=alt.Row("direction:N", sort=order, title=None),
        tooltip=[alt.Tooltip("period:N", title=by), "direction:N", "quad:N", "events:Q"],
    ).properties(width=640, height=140)
    c2 = alt.Chart(alt.Data(values=gold)).mark_line(point=True, invalid="break-paths-show-domains").encode(
        x=x, y=alt.Y("goldstein:Q", title="summed Goldstein"),
        color=alt.Color("direction:N", sort=order, scale=alt.Scale(domain=order, range=["#1b9e77", "#7570b3"]),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("period:N", title=by), "direction:N", "events:Q",
                 alt.Tooltip("goldstein:Q", format=".1f"), alt.Tooltip("mean_goldstein:Q", format=".2f")],
    ).properties(width=640, height=200)
    return c1.to_dict(), c2.to_dict(), rows


def pairs(df: pd.DataFrame) -> pd.DataFrame:
    """Directed actor pairs (source, target) with their event count and mean Goldstein, busiest first."""
    d = df.dropna(subset=["source_code", "target_code"])
    d = d[d["source_code"] != d["target_code"]]
    return (d.groupby(["source_code", "target_code"])["goldstein"].agg(["size", "mean"]).reset_index()
            .rename(columns={"source_code": "source", "target_code": "target", "size": "events", "mean": "goldstein"})
            .sort_values(["events", "source", "target"], ascending=[False, True, True]))


GROUPS = ("country", "actor")


def grouped(df: pd.DataFrame, group: str = "country") -> pd.DataFrame:
    """The frame with source and target codes at the level of ``group``: "country" (USA and USAGOV are one
    node, USA: an actor's country, else the first three letters of its code) or "actor" (split by sector)."""
    if group == "actor":
        return df
    out = df.copy()
    for side in ("source", "target"):
        code = out[f"{side}_code"]
        out[f"{side}_code"] = out[f"{side}_country"].where(out[f"{side}_country"].notna(), code.str[:3])
        out.loc[code.isna(), f"{side}_code"] = None
    return out


def network(df: pd.DataFrame, top: int = 30, group: str = "country") -> tuple[dict | None, pd.DataFrame, dict]:
    """Who acts on whom: the ``top`` actors (by events, at the ``group`` level: see ``grouped``) on a circle,
    one arrow per direction, width by count, colour by mean Goldstein; labels stand outside the circle along
    its radius, so 80 actors stay readable. Returns the spec, the edge table among the actors shown (source,
    target, events, goldstein) and what was shown and left out: ``nodes`` (actor, events), ``actors`` (in
    all), ``left_out`` (actors), ``edges_left_out``."""
    edges = pairs(grouped(df, group))
    info = {"nodes": [], "actors": 0, "left_out": 0, "edges_left_out": 0}
    if edges.empty:
        return None, edges, info
    deg = pd.concat([edges.groupby("source")["events"].sum(), edges.groupby("target")["events"].sum()])
    deg = deg.groupby(level=0).sum()
    deg = deg.iloc[sorted(range(len(deg)), key=lambda i: (-deg.iloc[i], deg.index[i]))]  # busiest, then by code
    keep = sorted(deg.index[:top], key=lambda c: (c[:3], c))  # codes of a country side by side
    n = len(keep)
    pos = {c: (math.cos(2 * math.pi * i / n + math.pi / 2), math.sin(2 * math.pi * i / n + math.pi / 2))
           for i, c in enumerate(keep)}
    e = edges[edges["source"].isin(pos) & edges["target"].isin(pos)]
    info.update(nodes=[{"actor": c, "events": int(deg[c])} for c in deg.index[:top]], actors=len(deg),
                left_out=max(0, len(deg) - n), edges_left_out=len(edges) - len(e))
    lines, heads = [], []
    for r in e.itertuples():
        (x1, y1), (x2, y2) = pos[r.source], pos[r.target]
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1
        ox, oy = -dy / d * 0.02, dx / d * 0.02  # shift each direction to its own side
        sx, sy, tx, ty = x1 + ox + dx * 0.05, y1 + oy + dy * 0.05, x1 + ox + dx * 0.94, y1 + oy + dy * 0.94
        base = {"source": r.source, "target": r.target, "events": int(r.events), "goldstein": round(r.goldstein, 2)}
        lines.append({**base, "x": sx, "y": sy, "x2": tx, "y2": ty})
        heads.append({**base, "x": tx, "y": ty, "angle": math.degrees(math.atan2(dx, dy))})
    nodes = []
    for c, (x, y) in pos.items():
        ang = math.degrees(math.atan2(y, x))
        left = x < -1e-9
        nodes.append({"actor": c, "x": x, "y": y, "lx": x * 1.05, "ly": y * 1.05, "events": int(deg[c]),
                      "angle": -(ang - 180 if left else ang), "align": "right" if left else "left"})
    size = max(620, min(1000, 12 * n))
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    sc = alt.Scale(domain=[-1.45, 1.45])
    gold = alt.Color("goldstein:Q", title="mean Goldstein", scale=alt.Scale(scheme="redblue", domain=[-10, 10]))
    tip = ["source:N", "target:N", "events:Q", alt.Tooltip("goldstein:Q", format=".2f")]
    el = alt.Chart(alt.Data(values=lines)).mark_rule(opacity=0.7).encode(
        x=alt.X("x:Q", axis=axis, scale=sc), y=alt.Y("y:Q", axis=axis, scale=sc), x2="x2:Q", y2="y2:Q",
        color=gold, strokeWidth=alt.StrokeWidth("events:Q", title="events", scale=alt.Scale(range=[1, 8])),
        tooltip=tip)
    eh = alt.Chart(alt.Data(values=heads)).mark_point(shape="triangle-up", filled=True, opacity=0.9).encode(
        x=alt.X("x:Q", scale=sc), y=alt.Y("y:Q", scale=sc), angle=alt.Angle("angle:Q", scale=None),
        color=gold, size=alt.value(50), tooltip=tip)
    nc = alt.Chart(alt.Data(values=nodes)).mark_circle(color="#333", opacity=0.85).encode(
        x=alt.X("x:Q", scale=sc), y=alt.Y("y:Q", scale=sc), size=alt.Size("events:Q", legend=None,
                                                                            scale=alt.Scale(range=[20, 300])),
        tooltip=["actor:N", "events:Q"])
    text = []
    for align in ("left", "right"):
        part = [nd for nd in nodes if nd["align"] == align]
        if part:
            text.append(alt.Chart(alt.Data(values=part)).mark_text(fontSize=12, align=align, baseline="middle")
                        .encode(x=alt.X("lx:Q", scale=sc), y=alt.Y("ly:Q", scale=sc), text="actor:N",
                                angle=alt.Angle("angle:Q", scale=None)))
    chart = alt.layer(el, eh, nc, *text).properties(width=size, height=size).configure_view(stroke=None)
    return chart.to_dict(), e, info


@lru_cache(maxsize=1)
def _numeric() -> dict[str, tuple[str, str]]:
    import pycountry

    return {c.alpha_3: (c.numeric, c.name) for c in pycountry.countries}


def country_counts(df: pd.DataFrame, role: str = "either") -> pd.DataFrame:
    """Events per country code: as source, as target, or either (an event counts once per country)."""
    cols = {"source": ["source_country"], "target": ["target_country"]}.get(role, ["source_country", "target_country"])
    long = df.melt(id_vars=["event_id"], value_vars=cols, value_name="country").dropna(subset=["country"])
    long = long.drop_duplicates(["event_id", "country"])
    return long.groupby("country").size().reset_index(name="events").sort_values("events", ascending=False)


NO_LOCATION_TITLE = "by actor country: no location known"


def places(records: list[dict]) -> pd.DataFrame:
    """Events per place where they happened (name, country, lat, lon), busiest first; records without a
    located place are left out (see ``unplaced``)."""
    n: dict[tuple, int] = {}
    for r in records:
        loc = r.get("location") or {}
        name = (loc.get("name") or "").strip()
        lat, lon = loc.get("lat"), loc.get("lon")
        if name and isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
            key = (name, loc.get("country"), round(float(lat), 4), round(float(lon), 4))
            n[key] = n.get(key, 0) + 1
    rows = [{"place": k[0], "country": k[1], "lat": k[2], "lon": k[3], "events": v} for k, v in n.items()]
    df = pd.DataFrame(rows, columns=["place", "country", "lat", "lon", "events"])
    return df.sort_values(["events", "place"], ascending=[False, True]).reset_index(drop=True)


def unplaced(records: list[dict]) -> list[dict]:
    """The records the map cannot put where they happened (no place, or a place without coordinates)."""
    out = []
    for r in records:
        loc = r.get("location") or {}
        if not ((loc.get("name") or "").strip() and isinstance(loc.get("lat"), (int, float))
                and isinstance(loc.get("lon"), (int, float))):
            out.append(r)
    return out


def world_map(points: pd.DataFrame, counts: pd.DataFrame, *, place_href=None, country_href=None) -> dict | None:
    """Where things happened: a point per place, sized by its events; events with no known place are shaded on
    their actors' countries instead, as a separate, lighter layer whose legend says so (ISO alpha-3 codes
    mapped to world-atlas' numeric ids). ``place_href(name)`` and ``country_href(code)`` give each mark the
    link a click follows (the events there)."""
    num = _numeric()
    vals = [{"id": num[c][0], "country": num[c][1], "code": c, "events": int(n),
             "href": country_href(c) if country_href else None}
            for c, n in zip(counts["country"], counts["events"]) if c in num]
    pts = [{"place": r.place, "country": r.country, "lat": r.lat, "lon": r.lon, "events": int(r.events),
            "href": place_href(r.place) if place_href else None} for r in points.itertuples()]
    if not vals and not pts:
        return None
    geo = alt.Data(url=WORLD, format=alt.DataFormat(type="topojson", feature="countries"))
    layers = [alt.Chart(geo).mark_geoshape(fill="#eee", stroke="#fff", strokeWidth=0.5)]
    if vals:
        layers.append(alt.Chart(geo).mark_geoshape(stroke="#fff", strokeWidth=0.5, cursor="pointer").transform_lookup(
            lookup="id", from_=alt.LookupData(alt.Data(values=vals), "id", ["country", "code", "events", "href"])
        ).transform_filter("isValid(datum.events)").encode(
            color=alt.Color("events:Q", title=NO_LOCATION_TITLE,
                            scale=alt.Scale(type="sqrt", scheme="purples", domainMin=0),
                            legend=alt.Legend(orient="bottom-left", gradientLength=120, titleLimit=400)),
            tooltip=[alt.Tooltip("country:N", title="actor country"), "code:N",
                     alt.Tooltip("events:Q", title="events, no location known")]))
    if pts:
        layers.append(alt.Chart(alt.Data(values=pts)).mark_circle(
            color="#d94801", opacity=0.8, stroke="#fff", strokeWidth=1, cursor="pointer").encode(
            longitude="lon:Q", latitude="lat:Q",
            size=alt.Size("events:Q", title="events where they happened", scale=alt.Scale(range=[60, 1200]),
                          legend=alt.Legend(orient="bottom-right", titleLimit=400)),
            tooltip=["place:N", "country:N", "events:Q"]))
    chart = alt.layer(*layers).project("equalEarth").properties(width="container", height=440)
    return chart.to_dict()
