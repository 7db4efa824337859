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
    import uvicorn

    from ..api import create_app
    from ..config import Settings

    settings = Settings(db=db)
    typer.echo(f"detente: serving {db} at http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(create_app(settings, db=db), host=host, port=port, log_level="warning", server_header=False)
