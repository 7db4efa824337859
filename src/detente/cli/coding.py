"""Commands that code and store articles: code, ingest."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import DetenteError
from . import FORMAT_HELP, Progress, Report, _date_opt, _fail, _settings, app, keep_loaded


def _lang_opt(lang: str) -> None:
    """Check --lang and hand it to the coder (DETENTE_LANG, which ``Coder.check`` reads)."""
    from ..nlp.language import LANG_CHOICES, LANG_ENV

    if lang.strip().lower() not in LANG_CHOICES:
        raise typer.BadParameter(f"{lang!r}: choose {' or '.join(LANG_CHOICES)}", param_hint="--lang")
    os.environ[LANG_ENV] = lang.strip().lower()


@app.command()
def code(
    paths: list[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    format: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    published: Optional[str] = typer.Option(None, help="Publication date for every article (overrides metadata)."),
    all_modalities: bool = typer.Option(False, "--all-modalities", help="Also write negated, hypothetical, "
                                        "intended, demanded and believed events."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
    actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary (YAML or CSV)."),
    patterns: Optional[list[Path]] = typer.Option(None, "--patterns", help="Extra event patterns (YAML)."),
    explain: bool = typer.Option(False, "--explain", help="Show why each event was coded (same as -f explain)."),
    lang: str = typer.Option("en", "--lang", envvar="DETENTE_LANG", help="Which articles to code: en (refuse "
                             "articles not in English) or any (no language check)."),
) -> None:
    """Code articles and write their events; nothing is stored."""
    if explain:
        format = "explain"
    from .. import output
    from ..ingest import iter_articles
    from ..pipeline import Coder

    if format not in output.FORMATS:
        raise typer.BadParameter(f"{format!r}: choose table, jsonl, csv or explain", param_hint="--format")
    pub = _date_opt(published, "--published")
    _lang_opt(lang)
    rep = Report()
    n_inputs = rep.inputs(paths)
    try:
        coder = Coder(_settings(actors, patterns))
        keep_loaded()
        arts = iter_articles(paths, published=pub, on_error=rep.error, on_warning=rep.warn)
    except DetenteError as e:
        _fail(e)
    stream = open(out, "w", encoding="utf-8") if out else sys.stdout

    def records():
        for coded in coder.code_articles(bar.read(arts), on_error=rep.error):
            bar.coded(len(coded.events))
            for w in coded.warnings:
                rep.warn(coded.article.id, w)
            for ev in coded.events:
                if all_modalities or ev.modality == "asserted":
                    yield ev.to_dict()

    show = sys.stderr.isatty() and (out is not None or not sys.stdout.isatty())  # a bar, but not over the events
    try:
        with Progress(rep, total=n_inputs, show=show) as bar:
            output.write(records(), format, stream)
    finally:
        if out:
            stream.close()
    raise typer.Exit(1 if rep.failed else 0)


@app.command("explain")
def explain_cmd(
    text: str = typer.Argument(..., help="The text to code (a sentence or more), or - for standard input."),
    published: Optional[str] = typer.Option(None, help="Publication date of the text (YYYY-MM-DD)."),
) -> None:
    """Code a text and show, for every event (all modalities), why it was coded so: the trace."""
    from .. import output
    from ..ingest.readers import make_article
    from ..pipeline import Coder

    pub = _date_opt(published, "--published")
    if text == "-":
        text = sys.stdin.read()
    try:
        coder = Coder(_settings(None))
        keep_loaded()
        coded = coder.code_article(make_article(id="text", text=text, published=pub))
    except DetenteError as e:
        _fail(e)
    if not coded.events:
        typer.echo("no events")
    output.write((e.to_dict() for e in coded.events), "explain", sys.stdout)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    db: str = typer.Option("detente.duckdb", "--db", envvar="DETENTE_DB", help="DuckDB file or postgresql:// URL."),
    published: Optional[str] = typer.Option(None, help="Publication date for every article."),
    batch: int = typer.Option(64, help="Articles per transaction."),
    actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary (YAML or CSV)."),
    patterns: Optional[list[Path]] = typer.Option(None, "--patterns", help="Extra event patterns (YAML)."),
    dask_workers: Optional[int] = typer.Option(None, "--dask-workers", help="Code on a local Dask cluster "
                                               "with this many worker processes."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Code on a running Dask cluster "
                                            "(tcp://HOST:PORT)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    lang: str = typer.Option("en", "--lang", envvar="DETENTE_LANG", help="Which articles to code: en (refuse "
                             "articles not in English) or any (no language check)."),
) -> None:
    """Code articles and store them (idempotent: an article already stored is skipped)."""
    from .. import get_coder, ingest_files
    from ..store import open_store

    pub = _date_opt(published, "--published")
    _lang_opt(lang)
    rep = Report()
    n_inputs = rep.inputs(paths)
    settings = _settings(actors, patterns)
    if dask_workers or scheduler:
        from ..scale.dask_ingest import ingest_with_dask

        try:
            stats = ingest_with_dask(paths, db=db, published=pub, settings=settings,
                                     workers=dask_workers, scheduler=scheduler, on_error=rep.error)
        except DetenteError as e:
            _fail(e)
        typer.echo(f"stored {stats['articles']} articles, {stats['mentions']} events "
                   f"({stats['failed']} inputs failed; {stats['seconds']:.1f} s, of which storing and merging "
                   f"{stats['store_seconds']:.1f} s)", err=True)
        raise typer.Exit(1 if rep.failed or stats["failed"] else 0)
    try:
        get_coder(settings)  # loaded before the bar shows
        keep_loaded()  # before the store: DuckDB's objects must stay in the collector's sight (see keep_loaded)
        store = open_store(db)
    except DetenteError as e:
        _fail(e)
    try:
        with Progress(rep, total=n_inputs, show=not quiet and sys.stderr.isatty()) as bar:
            result = ingest_files(paths, store, settings=settings, published=pub, batch=batch,
                                  on_error=rep.error, on_warning=rep.warn, progress=_BarProgress(bar))
    except DetenteError as e:
        _fail(e)
    finally:
        store.close()
    typer.echo(f"stored {result.articles} new articles, {result.mentions} events in {db} ({result.coded} coded, "
               f"{rep.failed} inputs failed, {result.rate:.1f} articles/s; {result.seconds:.1f} s, of which storing "
               f"and merging {result.store_seconds:.1f} s)", err=True)
    raise typer.Exit(1 if rep.failed else 0)


class _BarProgress:
    """``ingest_files`` progress on the CLI's bar: input files done, articles and events coded."""

    def __init__(self, bar: Progress):
        self.bar = bar

    def read(self, article) -> None:
        self.bar.input_done(article.source_path)

    def coded(self, coded) -> None:
        self.bar.coded(len(coded.events))
