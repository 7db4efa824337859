"""The command line: a thin layer over the Python API.

Exit status: 0 all coded, 1 some inputs failed, 2 usage error (or a store that cannot be opened or read),
3 the store is busy (another process writes it: try again when it is done).

Each module in this package adds its commands to ``app``; ``main`` imports them all.
"""
from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from ..config import Settings
from ..errors import DetenteError, InputError, StoreError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="detente: political event data from news text, with evidence.")


class Report:
    """Counts inputs and reports each failure and warning on stderr (above the progress bar, if one shows)."""

    def __init__(self):
        self.failed = 0
        self.progress: Progress | None = None

    def error(self, e: InputError, article=None) -> None:
        self.failed += 1
        self.echo(f"error: {e}")
        if self.progress is not None:
            self.progress.input_done(getattr(e, "path", None))

    def warn(self, article_id: str, message: str) -> None:
        self.echo(f"warning: {article_id}: {message}")

    def echo(self, line: str) -> None:
        if self.progress is not None and self.progress.live:
            self.progress.print(line)
        else:
            typer.echo(line, err=True)

    def inputs(self, paths: list[str]) -> int:
        """Count the input files under ``paths`` (as ``detente.ingest`` lists them), and warn of each folder
        that cannot be read, by its path: the files in it are not coded."""
        from ..ingest.readers import KNOWN_EXT

        n = 0
        for raw in paths:
            if str(raw) == "-":
                n += 1
                continue
            if not os.path.isdir(raw):
                n += os.path.exists(raw)
                continue

            def unreadable(e: OSError) -> None:
                self.warn(e.filename or str(raw), f"cannot read this folder ({e.strerror or e}); the files in it "
                                                  f"are skipped")

            for folder, dirs, files in os.walk(raw, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                n += sum(1 for f in files if not f.startswith(".") and os.path.splitext(f)[1].lower() in KNOWN_EXT)
        return n


class Progress:
    """A progress bar on stderr while articles are coded: articles, events, rate, and input files done out of
    all when there are several. Shown only on a terminal; silent in a pipe, in a file or with ``show=False``."""

    def __init__(self, report: Report, *, total: int = 0, show: bool | None = None):
        self.report = report
        self.total = total if total > 1 else None
        self.show = sys.stderr.isatty() if show is None else show
        self.live = False
        self.articles = self.events = 0
        self.done: set[str] = set()
        self.t0 = time.monotonic()
        self._bar = self._task = None

    def __enter__(self) -> "Progress":
        self.report.progress = self
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            cols = [SpinnerColumn(), TextColumn("{task.description}")]
            if self.total:
                cols += [BarColumn(), MofNCompleteColumn(), TextColumn("files")]
            cols += [TextColumn("{task.fields[counts]}"), TimeElapsedColumn()]
            self._bar = Bar(*cols, console=Console(stderr=True), transient=True, redirect_stdout=False,
                            redirect_stderr=False)
            self._task = self._bar.add_task("coding", total=self.total, counts=self._counts())
            self._bar.start()
            self.live = True
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
        self.live = False
        self.report.progress = None

    def _counts(self) -> str:
        rate = self.articles / max(time.monotonic() - self.t0, 1e-6)
        return f"{self.articles} articles, {self.events} events, {rate:.1f} articles/s"

    def read(self, articles):
        """Pass articles through, counting the input files they come from."""
        for a in articles:
            self.input_done(a.source_path)
            yield a

    def input_done(self, path: str | None) -> None:
        if path and path not in self.done:
            self.done.add(path)
            self._refresh()

    def coded(self, n_events: int, *, articles: int = 1) -> None:
        """Count coded articles and the events they gave."""
        self.articles += articles
        self.events += n_events
        self._refresh()

    def _refresh(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=min(len(self.done), self.total or 0), counts=self._counts())

    def print(self, line: str) -> None:
        """A line on stderr, above the bar."""
        self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)


def _date_opt(value: Optional[str], name: str) -> Optional[date]:
    if value is None:
        return None
    from ..ingest.readers import parse_date

    try:
        return parse_date(value)
    except InputError:
        raise typer.BadParameter(f"cannot read date {value!r}", param_hint=name) from None


def _settings(actors: list[Path] | None, patterns: list[Path] | None = None, **kw) -> Settings:
    return Settings(actor_files=tuple(str(p) for p in actors or ()),
                    pattern_files=tuple(str(p) for p in patterns or ()), **kw)


def _fail(e: DetenteError) -> None:
    """Report a DetenteError and exit: 1 for an input, 3 for a busy store (another process writes it), else 2."""
    typer.echo(f"error: {e}", err=True)
    if isinstance(e, InputError):
        raise typer.Exit(EXIT_FAILED)
    if isinstance(e, StoreError) and e.status == 503:
        raise typer.Exit(EXIT_BUSY)
    raise typer.Exit(EXIT_USAGE)


FORMAT_HELP = "Output format: table, jsonl, csv, or explain (each event with why it was coded so)."


_MAIN = False  # main() runs: the command line owns this process (not a test's CliRunner, not a library user)


def keep_loaded() -> None:
    """After loading the Coder, in a process the command line owns: ``pipeline.keep_loaded`` (exit 0.55 s sooner).
    Called before DuckDB is imported: frozen DuckDB objects outlive its module's teardown, and it then prints
    "nanobind: leaked ..." at exit."""
    if _MAIN:
        from ..pipeline import keep_loaded as keep

        keep()


def main() -> None:
    """Entry point: load every command module, run the CLI; usage errors exit 2."""
    import gc
    import importlib
    import pkgutil

    global _MAIN
    _MAIN = True
    # every command here loads the shipped spaCy model, which needs no torch: keep thinc from importing it
    # when it is installed (0.8 s of start-up, 0.3 s of exit)
    from ..nlp.no_torch import hide_from_thinc

    hide_from_thinc()
    # Start-up builds millions of objects that live as long as the process (spaCy's pipeline, the actor
    # dictionaries, the gazetteer). At Python's default thresholds the collector scans them again and again:
    # a fifth of the CPU time of `detente code` on one sentence. Collect young objects every 50,000
    # allocations rather than 700 (cycles are still collected; output is the same).
    gc.set_threshold(50_000, 10, 10)

    try:  # a bad user file read at import (DETENTE_WORDLISTS) is a usage error, not a traceback
        for mod in sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")):
            importlib.import_module(f"{__name__}.{mod}")
        app()
    except DetenteError as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(EXIT_USAGE)
