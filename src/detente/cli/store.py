"""Commands that read the store: events, dyad, aggregate, actors, stats, export."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import DetenteError
from . import FORMAT_HELP, _date_opt, _fail, app

DB = typer.Option("detente.duckdb", "--db", envvar="DETENTE_DB", help="DuckDB file or postgresql:// URL.")
ACTOR = typer.Option(None, help="Source actor code prefix (USA, USAGOV).")
TARGET = typer.Option(None, help="Target actor code prefix.")
COUNTRY = typer.Option(None, help="Source or target country.")
SECTOR = typer.Option(None, help="Source or target sector (GOV, MIL ...).")
ROOT = typer.Option(None, help="CAMEO root, two digits (12).")
CAMEO = typer.Option(None, help="CAMEO code prefix (163).")
PLOVER = typer.Option(None, help="PLOVER type (REJECT).")
QUAD = typer.Option(None, "--quad-class", help="QuadClass 1-4.")
MODALITY = typer.Option("asserted", help="asserted, negated, hypothetical, intended, demanded, believed, or all.")
SINCE = typer.Option(None, help="Events on or after this date.")
UNTIL = typer.Option(None, help="Events on or before this date.")
DATE_BASIS = typer.Option(None, "--date-basis", help="How the date was found, comma-separated: explicit (named with "
                          "its year), relative (reckoned from the article's date), inferred (from the date the text "
                          "was written, the article's own missing or ruled out), publication (the article's date for "
                          "want of any). Default: all.")
OUTLET = typer.Option(None, help="Outlet of the article.")
TEXT = typer.Option(None, help="Words in the evidence sentence.")
LIMIT = typer.Option(None, help="At most this many rows.")
FORMAT = typer.Option("table", "--format", "-f", help=FORMAT_HELP)
OUT = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout.")
COUNT = typer.Option("events", help="Count merged events (events) or every mention (mentions).")


def _filters(**kw):
    from ..store import Filters

    for name in ("since", "until"):
        _date_opt(kw.get(name), f"--{name}")
    try:
        return Filters(**kw)
    except DetenteError as e:
        raise typer.BadParameter(str(e).split(": ", 1)[-1], param_hint="--date-basis") from None


def _open(db: str):
    from ..store import open_store

    return open_store(db, read_only=not db.startswith("postgres"))


def _check_format(format: str) -> None:
    from .. import output

    if format not in output.FORMATS:
        raise typer.BadParameter(f"{format!r}: choose table, jsonl or csv", param_hint="--format")


def _write_frame(df, format: str, out: Optional[Path]) -> None:
    if format == "jsonl":
        text = df.to_json(orient="records", lines=True, date_format="iso", force_ascii=False) if len(df) else ""
    elif format == "csv":
        text = df.to_csv(index=False)
    else:
        text = df.to_string(index=False) + "\n" if len(df) else "(nothing matches)\n"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@app.command()
def events(
    db: str = DB, actor: Optional[str] = ACTOR, target: Optional[str] = TARGET, country: Optional[str] = COUNTRY,
    sector: Optional[str] = SECTOR, root: Optional[str] = ROOT, cameo: Optional[str] = CAMEO,
    plover: Optional[str] = PLOVER, quad_class: Optional[int] = QUAD, modality: str = MODALITY,
    since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
    date_basis: Optional[str] = DATE_BASIS, outlet: Optional[str] = OUTLET,
    text: Optional[str] = TEXT, limit: Optional[int] = LIMIT, format: str = FORMAT, out: Optional[Path] = OUT,
    merged: bool = typer.Option(False, "--merged", help="One row per merged event (its representative mention) "
                                "with its mention, article and outlet counts."),
) -> None:
    """Read events back from the store (every mention, or merged events with --merged)."""
    from .. import output

    _check_format(format)
    f = _filters(actor=actor, target=target, country=country, sector=sector, root=root, cameo=cameo, plover=plover,
                 quad_class=quad_class, modality=modality, since=since, until=until,
                 date_basis=date_basis, outlet=outlet, text=text,
                 limit=limit)
    try:
        with _open(db) as store:
            recs = store.events(f, merged=merged)
    except DetenteError as e:
        _fail(e)
    stream = open(out, "w", encoding="utf-8") if out else sys.stdout
    try:
        output.write(recs, format, stream)
    finally:
        if out:
            stream.close()


@app.command()
def dyad(
    a: str = typer.Argument(..., help="Actor code prefix (USA, PRKGOV)."),
    b: str = typer.Argument(..., help="The other actor code prefix."),
    by: str = typer.Option("month", help="Period: day, week, month or year."),
    db: str = DB, root: Optional[str] = ROOT, cameo: Optional[str] = CAMEO, plover: Optional[str] = PLOVER,
    quad_class: Optional[int] = QUAD, modality: str = MODALITY, since: Optional[str] = SINCE,
    until: Optional[str] = UNTIL, outlet: Optional[str] = OUTLET, text: Optional[str] = TEXT, count: str = COUNT,
    format: str = FORMAT, out: Optional[Path] = OUT,
) -> None:
    """Events between two actors per period, both directions: counts per QuadClass, summed and mean Goldstein."""
    _check_format(format)
    f = _filters(root=root, cameo=cameo, plover=plover, quad_class=quad_class, modality=modality, since=since,
                 until=until, outlet=outlet, text=text)
    try:
        with _open(db) as store:
            df = store.dyad(a, b, by=by, filters=f, count=count)
    except DetenteError as e:
        _fail(e)
    _write_frame(df, format, out)


@app.command()
def aggregate(
    unit: str = typer.Option("country-month", help="country-month, dyad-month or actor-year."),
    db: str = DB, actor: Optional[str] = ACTOR, target: Optional[str] = TARGET, country: Optional[str] = COUNTRY,
    sector: Optional[str] = SECTOR, root: Optional[str] = ROOT, cameo: Optional[str] = CAMEO,
    plover: Optional[str] = PLOVER, quad_class: Optional[int] = QUAD, modality: str = MODALITY,
    since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
    date_basis: Optional[str] = DATE_BASIS, outlet: Optional[str] = OUTLET,
    text: Optional[str] = TEXT, count: str = COUNT, format: str = FORMAT, out: Optional[Path] = OUT,
) -> None:
    """Event counts per QuadClass and Goldstein by country-month, dyad-month or actor-year."""
    _check_format(format)
    f = _filters(actor=actor, target=target, country=country, sector=sector, root=root, cameo=cameo, plover=plover,
                 quad_class=quad_class, modality=modality, since=since, until=until,
                 date_basis=date_basis, outlet=outlet, text=text)
    try:
        with _open(db) as store:
            df = store.aggregate(unit, f, count=count)
    except DetenteError as e:
        _fail(e)
    _write_frame(df, format, out)


@app.command()
def actors(
    db: str = DB, country: Optional[str] = COUNTRY, sector: Optional[str] = SECTOR, root: Optional[str] = ROOT,
    cameo: Optional[str] = CAMEO, plover: Optional[str] = PLOVER, quad_class: Optional[int] = QUAD,
    modality: str = MODALITY, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
    date_basis: Optional[str] = DATE_BASIS,
    outlet: Optional[str] = OUTLET, text: Optional[str] = TEXT, count: str = COUNT,
    limit: int = typer.Option(50, help="How many actors."), format: str = FORMAT, out: Optional[Path] = OUT,
) -> None:
    """The most active actors, with their event counts as source and target."""
    _check_format(format)
    f = _filters(country=country, sector=sector, root=root, cameo=cameo, plover=plover, quad_class=quad_class,
                 modality=modality, since=since, until=until, date_basis=date_basis, outlet=outlet, text=text)
    try:
        with _open(db) as store:
            df = store.actors(f, limit=limit, count=count)
    except DetenteError as e:
        _fail(e)
    _write_frame(df, format, out)


@app.command()
def stats(db: str = DB, format: str = typer.Option("table", "--format", "-f", help="table or json.")) -> None:
    """What the store holds: articles, copies, mentions, events, outlets, actors, dates, warnings."""
    import json

    try:
        with _open(db) as store:
            st = store.stats()
    except DetenteError as e:
        _fail(e)
    if format == "json":
        typer.echo(json.dumps(st))
    else:
        w = max(len(k) for k in st)
        for k, v in st.items():
            typer.echo(f"{k.replace('_', ' '):<{w}}  {'' if v is None else v}")


@app.command()
def export(
    format: str = typer.Option(..., "--format", "-f", help="plover, gdelt, icews, parquet or csv."),
    out: Path = typer.Option(..., "--out", "-o", help="The file to write."),
    db: str = DB, actor: Optional[str] = ACTOR, target: Optional[str] = TARGET, country: Optional[str] = COUNTRY,
    sector: Optional[str] = SECTOR, root: Optional[str] = ROOT, cameo: Optional[str] = CAMEO,
    plover: Optional[str] = PLOVER, quad_class: Optional[int] = QUAD, modality: str = MODALITY,
    since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
    date_basis: Optional[str] = DATE_BASIS, outlet: Optional[str] = OUTLET,
    text: Optional[str] = TEXT, limit: Optional[int] = LIMIT,
    mentions: bool = typer.Option(False, "--mentions", help="One row per mention instead of per merged event."),
) -> None:
    """Export events as PLOVER JSON Lines, a GDELT 2.0 event table, ICEWS TSV, Parquet or CSV."""
    from ..export import FORMATS
    from ..export import export as run_export

    if format not in FORMATS:
        raise typer.BadParameter(f"{format!r}: choose {', '.join(FORMATS)}", param_hint="--format")
    f = _filters(actor=actor, target=target, country=country, sector=sector, root=root, cameo=cameo, plover=plover,
                 quad_class=quad_class, modality=modality, since=since, until=until,
                 date_basis=date_basis, outlet=outlet, text=text,
                 limit=limit)
    try:
        with _open(db) as store:
            n = run_export(store, format, out, f, merged=not mentions)
    except DetenteError as e:
        _fail(e)
    typer.echo(f"wrote {n} {'mentions' if mentions else 'events'} to {out}", err=True)
