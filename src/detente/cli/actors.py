"""Actor resolution: `detente resolve-actor "TEXT" [--date DATE] [--actors FILE]`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..errors import DetenteError
from . import _date_opt, _fail, _settings, app


@app.command("resolve-actor")
def resolve_actor(
    text: str = typer.Argument(..., help="The text whose actors to resolve (use - for standard input)."),
    on: Optional[str] = typer.Option(None, "--date", help="The article's date: people's roles are taken on it."),
    actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary (YAML or CSV)."),
    format: str = typer.Option("table", "--format", "-f", help="Output format: table or jsonl."),
) -> None:
    """Resolve the actors a text names, with the reason for each (unresolved phrases show code null)."""
    import sys

    from ..actors import resolve_text

    if format not in ("table", "jsonl"):
        raise typer.BadParameter(f"{format!r}: choose table or jsonl", param_hint="--format")
    day = _date_opt(on, "--date")
    if text == "-":
        text = sys.stdin.read()
    try:
        got = resolve_text(text, day, settings=_settings(actors))
    except DetenteError as e:
        _fail(e)
    for r in got:
        if format == "jsonl":
            typer.echo(json.dumps(r.to_dict(), ensure_ascii=False))
            continue
        a = r.actor
        code = a.code if a and a.code else "null"
        name = f" ({a.name})" if a and a.name else ""
        why = a.reason if a else "no known actor: unresolved, text kept"
        typer.echo(f"{r.text!r} -> {code}{name}\n    {why}")
    if not got and format == "table":
        typer.echo("(no actor phrases found)")
