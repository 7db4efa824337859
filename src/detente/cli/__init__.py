"""The command line: a thin layer over the Python API. Exit 0 all coded, 1 some inputs failed, 2 usage.

Each module in this package adds its commands to ``app``; ``main`` imports them all.
"""
from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from ..config import Settings
from ..errors import DetenteError, InputError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="detente: political event data from news text, with evidence.")


class Report:
    """Counts inputs and reports each failure on stderr."""

    def __init__(self):
        self.failed = 0

    def error(self, e: InputError, article=None) -> None:
        self.failed += 1
        typer.echo(f"error: {e}", err=True)

    def warn(self, article_id: str, message: str) -> None:
        typer.echo(f"warning: {article_id}: {message}", err=True)


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
    typer.echo(f"error: {e}", err=True)
    raise typer.Exit(2 if not isinstance(e, InputError) else 1)


FORMAT_HELP = "Output format: table, jsonl, csv, or explain (each event with why it was coded so)."


def main() -> None:
    """Entry point: load every command module, run the CLI; usage errors exit 2."""
    import importlib
    import pkgutil

    for mod in sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")):
        importlib.import_module(f"{__name__}.{mod}")
    app()
