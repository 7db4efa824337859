"""The FastAPI application: JSON API, web pages, static files, one exception handler."""
from __future__ import annotations

import logging
import re
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from .. import __version__
from ..config import Settings
from ..errors import DetenteError
from .coding import CodingWorker
from .security import MAX_BODY, BodyLimit, Guard
from .source import Source

log = logging.getLogger("detente.serve")
# what an error must never tell a client: file system paths (the store's, the interpreter's) and process ids
_PATH = re.compile(r"(?<![\w/.:])(?:[A-Za-z]:\\|~?/)(?:[^\s/\\'\"`<>()]+[/\\])+[^\s/\\'\"`<>(),;:]*")
_PID = re.compile(r"\(?\bpid[ =:]*\d+\)?", re.IGNORECASE)


def scrub(message: str) -> str:
    """``message`` without file system paths or process ids (they go to the server's log, not the client)."""
    return _PID.sub("", _PATH.sub("…", message)).replace("  ", " ").strip()


def _message(exc: Exception) -> tuple[int, str, str]:
    if isinstance(exc, DetenteError):
        return exc.status, type(exc).__name__, str(exc)
    if isinstance(exc, RequestValidationError):
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
            parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return 422, "InvalidRequest", "; ".join(parts) or "invalid request"
    if isinstance(exc, HTTPException):
        names = {404: "NotFound", 405: "MethodNotAllowed"}
        msg = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return exc.status_code, names.get(exc.status_code, "HTTPError"), msg
    log.error("internal error: %r", exc, exc_info=exc)
    return 500, "InternalError", "internal error"


async def handle_error(request: Request, exc: Exception):
    """Render every error: JSON under /api, an HTML page elsewhere; Retry-After when the error has one."""
    status, kind, message = _message(exc)
    message = scrub(message)
    retry = getattr(exc, "retry_after", None)
    headers = {"Retry-After": str(int(retry))} if retry else None
    html = "text/html" in request.headers.get("accept", "") or request.headers.get("hx-request") == "true"
    if request.url.path.startswith("/api") or not html:
        return JSONResponse({"error": kind, "status": status, "message": message}, status_code=status,
                            headers=headers)
    from ..web.pages import render_error

    r = render_error(request, status, kind, message)
    if headers:
        r.headers.update(headers)
    return r


def create_app(settings: Settings | None = None, *, db: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The detente server over the store ``db`` (default: settings.db), read-only except token-protected writes."""
    from fastapi.staticfiles import StaticFiles

    from ..web import STATIC
    from ..web.pages import router as pages
    from .routes import router as api

    settings = settings or Settings()
    source = Source(db or settings.db)
    coder = CodingWorker(settings)

    @asynccontextmanager
    async def lifespan(app):
        yield
        coder.close()
        source.close()

    app = FastAPI(title="detente", version=__version__, lifespan=lifespan,
                  description="Political event data with its evidence. Every event record follows EVENTS.md.",
                  docs_url=None, redoc_url=None)  # /docs is a page of ours: it works offline (web/pages.py)
    app.state.settings = settings
    app.state.source = source
    app.state.coder = coder
    for exc in (DetenteError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(exc, handle_error)
    app.include_router(api)
    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_middleware(Guard, allowed=settings.allowed_hosts, on_error=handle_error)
    app.add_middleware(BodyLimit, max_body=max_body)  # outermost: its headers go on every answer
    return app
