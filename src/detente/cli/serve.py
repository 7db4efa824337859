"""`detente serve`: the HTTP API and web UI over a store."""
from __future__ import annotations

import typer

from . import app


@app.command()
def serve(
    db: str = typer.Option("detente.duckdb", "--db", envvar="DETENTE_DB", help="DuckDB file or postgresql:// URL."),
    host: str = typer.Option("127.0.0.1", help="Address to bind (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the JSON API (/api, documented at /docs) and the web UI over the store, read-only.

    Write endpoints (POST /api/articles) need DETENTE_TOKEN set on the server and sent as a Bearer token.
    """
    import dataclasses
    import socket

    import uvicorn

    from ..api import create_app
    from ..config import Settings

    settings = Settings(db=db)
    # the Host names it answers to: DETENTE_ALLOWED_HOSTS (default localhost, 127.0.0.1, [::1]) and the address
    # bound; on every interface, this machine's name too (others: DETENTE_ALLOWED_HOSTS)
    extra = [socket.gethostname().lower()] if host in ("0.0.0.0", "::", "") else [host.lower()]
    settings = dataclasses.replace(settings, allowed_hosts=tuple(dict.fromkeys((*settings.allowed_hosts, *extra))))
    typer.echo(f"detente: serving {db} at http://{host}:{port}/ (API docs at /docs)", err=True)
    if host in ("0.0.0.0", "::", "") and "*" not in settings.allowed_hosts:
        typer.echo(f"detente: answering to the Host names {', '.join(settings.allowed_hosts)} and this machine's "
                   f"addresses; allow others with DETENTE_ALLOWED_HOSTS=name1,name2", err=True)
    uvicorn.run(create_app(settings, db=db), host=host, port=port, log_level="warning", server_header=False)
