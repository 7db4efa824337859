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


def network(df: pd.DataFrame, top: int = 24) -> tuple[dict | None, pd.DataFrame]:
    """Who acts on whom: the ``top`` actors on a circle, one arrow per direction, width by count, colour by
    mean Goldstein. Also returns the edge table (source, target, events, goldstein)."""
    edges = pairs(df)
    if edges.empty:
        return None, edges
    deg = pd.concat([edges.groupby("source")["events"].sum(), edges.groupby("target")["events"].sum()])
    deg = deg.groupby(level=0).sum().sort_values(ascending=False)
    keep = sorted(deg.index[:top], key=lambda c: (c[:3], c))  # codes of a country side by side
    pos = {c: (math.cos(2 * math.pi * i / len(keep) + math.pi / 2), math.sin(2 * math.pi * i / len(keep) + math.pi / 2))
           for i, c in enumerate(keep)}
    e = edges[edges["source"].isin(pos) & edges["target"].isin(pos)]
    lines, heads = [], []
    for r in e.itertuples():
        (x1, y1), (x2, y2) = pos[r.source], pos[r.target]
        dx, dy = x2 - x1, y2 - y1
        n = math.hypot(dx, dy) or 1
        ox, oy = -dy / n * 0.025, dx / n * 0.025  # shift each direction to its own side
        sx, sy, tx, ty = x1 + ox + dx * 0.06, y1 + oy + dy * 0.06, x1 + ox + dx * 0.92, y1 + oy + dy * 0.92
        base = {"source": r.source, "target": r.target, "events": int(r.events), "goldstein": round(r.goldstein, 2)}
        lines.append({**base, "x": sx, "y": sy, "x2": tx, "y2": ty})
        heads.append({**base, "x": tx, "y": ty, "angle": math.degrees(math.atan2(dx, dy))})
    nodes = [{"actor": c, "x": x * 1.1, "y": y * 1.1, "events": int(deg[c])} for c, (x, y) in pos.items()]
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    sc = alt.Scale(domain=[-1.25, 1.25])
    gold = alt.Color("goldstein:Q", title="mean Goldstein", scale=alt.Scale(scheme="redblue", domain=[-10, 10]))
    tip = ["source:N", "target:N", "events:Q", alt.Tooltip("goldstein:Q", format=".2f")]
    el = alt.Chart(alt.Data(values=lines)).mark_rule(opacity=0.75).encode(
        x=alt.X("x:Q", axis=axis, scale=sc), y=alt.Y("y:Q", axis=axis, scale=sc), x2="x2:Q", y2="y2:Q",
        color=gold, strokeWidth=alt.StrokeWidth("events:Q", title="events", scale=alt.Scale(range=[1, 8])),
        tooltip=tip)
    eh = alt.Chart(alt.Data(values=heads)).mark_point(shape="triangle-up", filled=True, opacity=0.9).encode(
        x=alt.X("x:Q", scale=sc), y=alt.Y("y:Q", scale=sc), angle=alt.Angle("angle:Q", scale=None),
        color=gold, size=alt.value(60), tooltip=tip)
    nc = alt.Chart(alt.Data(values=nodes)).mark_circle(color="#333", opacity=0.85).encode(
        x=alt.X("x:Q", scale=sc), y=alt.Y("y:Q", scale=sc), size=alt.Size("events:Q", legend=None,
                                                                            scale=alt.Scale(range=[30, 400])),
        tooltip=["actor:N", "events:Q"])
    nt = alt.Chart(alt.Data(values=nodes)).mark_text(fontSize=12, fontWeight="bold", dy=-12).encode(
        x=alt.X("x:Q", scale=sc), y=alt.Y("y:Q", scale=sc), text="actor:N")
    chart = (el + eh + nc + nt).properties(width=620, height=620).configure_view(stroke=None)
    return chart.to_dict(), edges


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


def world_map(counts: pd.DataFrame) -> dict | None:
    """A choropleth of events per country (ISO alpha-3 codes mapped to world-atlas' numeric ids)."""
    num = _numeric()
    vals = [{"id": num[c][0], "country": num[c][1], "code": c, "events": int(n)}
            for c, n in zip(counts["country"], counts["events"]) if c in num]
    if not vals:
        return None
    geo = alt.Data(url=WORLD, format=alt.DataFormat(type="topojson", feature="countries"))
    base = alt.Chart(geo).mark_geoshape(fill="#eee", stroke="#fff", strokeWidth=0.5)
    filled = alt.Chart(geo).mark_geoshape(stroke="#fff", strokeWidth=0.5).transform_lookup(
        lookup="id", from_=alt.LookupData(alt.Data(values=vals), "id", ["country", "code", "events"])
    ).transform_filter("isValid(datum.events)").encode(
        color=alt.Color("events:Q", title="events", scale=alt.Scale(type="sqrt", scheme="orangered")),
        tooltip=["country:N", "code:N", "events:Q"])
    chart = (base + filled).project("equalEarth").properties(width="container", height=420)
    return chart.to_dict()
