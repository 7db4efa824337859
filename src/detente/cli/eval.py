"""The eval command: score detente on the gold sets (a dev tool; reads gold data only when run)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import DetenteError
from . import _fail, app


@app.command("eval")
def eval_(
    sets: str = typer.Option("plv,conflibert,gsr,petr2,articles,corpus-dev,corpus-test", "--sets",
                             help="Comma-separated: plv, conflibert, gsr, petr2, articles, corpus-dev, "
                                  "corpus-test (sealed: aggregate figures only), actors, dates."),
    data: Path = typer.Option(Path("../shared/data"), "--data", help="The gold data directory."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the first N sentences (articles) per set."),
    report: Path = typer.Option(Path("eval_report.json"), "--report", help="Write the full JSON report here."),
) -> None:
    """Score event coding on the gold sets: types, QuadClass, actors, false events, articles."""
    import json

    from ..eval.report import render
    from ..eval.run import run_eval

    names = [s.strip() for s in sets.split(",") if s.strip()]
    try:
        rep = run_eval(names, data, limit=limit, log=lambda s: typer.echo(s, err=True))
    except DetenteError as e:
        _fail(e)
    report.write_text(json.dumps(rep, indent=1, default=str), encoding="utf-8")
    typer.echo(render(rep))
    typer.echo(f"report: {report}")
