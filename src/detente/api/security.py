"""Server-side protections: request body limit, security headers, allowed Host names, same-origin writes,
and the token for write endpoints."""
from __future__ import annotations

import hmac
import json
from urllib.parse import urlsplit

from fastapi import Header, Request

from ..errors import DetenteError

MAX_BODY = 2 * 1024 * 1024
# Vega compiles its expressions with Function(), hence 'unsafe-eval'; no inline script may run.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]


class Forbidden(DetenteError):
    """The request lacks the token a write endpoint needs."""

    status = 401


class TooLarge(DetenteError):
    """The request body is over the size limit."""

    status = 413


class BadHost(DetenteError):
    """The request names a Host this server does not answer to (a DNS-rebinding page, a wrong address)."""

    status = 400


class CrossSite(DetenteError):
    """A write request sent by a page of another site (its Origin or Referer is not this server)."""

    status = 403


class BodyLimit:
    """ASGI middleware: refuse bodies over ``max_body`` bytes with 413 (declared or streamed); add headers."""

    def __init__(self, app, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        scope.setdefault("state", {})  # request.state: the routes note there whether they read a snapshot
        started = answered = False

        async def send_h(msg):
            nonlocal started
            if answered:
                return  # the 413 has gone out; drop what the app sends after it
            if msg["type"] == "http.response.start":
                started = True
                msg["headers"] = list(msg.get("headers", [])) + HEADERS + _stale_headers(scope)
            await send(msg)

        for k, v in scope.get("headers", []):
            if k == b"content-length" and v.isdigit() and int(v) > self.max_body:
                return await self._413(send_h)
        seen = 0

        async def receive_c():
            nonlocal seen, answered
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_body:  # a streamed body over the limit: answer now, tell the app we are gone
                    if not started:
                        await self._413(send_h)
                    answered = True
                    return {"type": "http.disconnect"}
            return msg

        await self.app(scope, receive_c, send_h)

    async def _413(self, send):
        body = json.dumps({"error": "TooLarge", "status": 413,
                           "message": f"request body over {self.max_body} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _stale_headers(scope) -> list[tuple[bytes, bytes]]:
    """X-Detente-Stale (and X-Detente-As-Of) on answers that read the store: true when read from a copy made
    while an ingest writes it (see ``routes.read_store``)."""
    state = scope.get("state") or {}
    if "detente_stale" not in state:
        return []
    as_of = state["detente_stale"]
    if as_of is None:
        return [(b"x-detente-stale", b"false")]
    return [(b"x-detente-stale", b"true")] + ([(b"x-detente-as-of", as_of.encode())] if as_of else [])


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
DEFAULT_PORTS = {"http": 80, "https": 443}


def _split_host(value: str) -> tuple[str, int | None]:
    """``("example.org", 8000)`` from a Host header or authority; IPv6 stays in brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        name, rest = value[:end + 1], value[end + 1:]
    else:
        name, _, port = value.partition(":")
        rest = f":{port}" if port else ""
    port = rest[1:] if rest.startswith(":") else ""
    return name.rstrip("."), (int(port) if port.isdigit() else None)


def _bracket(addr: str) -> str:
    return f"[{addr}]" if ":" in addr and not addr.startswith("[") else addr.lower()


class Guard:
    """ASGI middleware: answer only requests whose Host is allowed (400), and refuse writes (POST ...) whose
    Origin or Referer is another site (403). ``on_error(request, exc)`` renders the refusal.

    Allowed hosts: ``allowed`` (Settings.allowed_hosts, "*" for any) plus the address the server is bound to.
    A write with neither Origin nor Referer is let through: browsers send an Origin with every cross-site POST,
    so such a request comes from a program (curl, a script), which a cross-site page cannot make.
    """

    def __init__(self, app, *, allowed: tuple[str, ...], on_error):
        self.app = app
        self.any_host = "*" in allowed
        self.allowed = {_bracket(h.strip()) for h in allowed if h.strip() and h != "*"}
        self.on_error = on_error

    def host_ok(self, scope, host: str | None) -> bool:
        if self.any_host:
            return True
        if not host:
            return False
        name, _ = _split_host(host)
        server = scope.get("server")
        bound = {_bracket(server[0])} if server and server[0] not in ("0.0.0.0", "::", "") else set()
        return name in self.allowed or name in bound

    @staticmethod
    def same_origin(host: str | None, origin: str | None, referer: str | None) -> bool:
        src = origin if origin is not None else referer
        if src is None:
            return True
        if not host:
            return False
        try:
            u = urlsplit(src.strip())
            port = u.port
        except ValueError:
            return False
        if u.scheme not in DEFAULT_PORTS or not u.hostname:
            return False  # "null" (a sandboxed frame, a file), or no web page at all
        name, host_port = _split_host(host)
        default = DEFAULT_PORTS[u.scheme]
        return _bracket(u.hostname) == name and (port or default) == (host_port or default)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        h = {}
        for k, v in scope.get("headers", []):
            if k in (b"host", b"origin", b"referer"):
                h.setdefault(k.decode(), v.decode("latin-1"))
        err = None
        if not self.host_ok(scope, h.get("host")):
            err = BadHost("this server does not answer to that Host name; the server's operator can allow it "
                          "with DETENTE_ALLOWED_HOSTS")
        elif scope.get("method", "GET") not in SAFE_METHODS and not self.same_origin(
                h.get("host"), h.get("origin"), h.get("referer")):
            err = CrossSite("a write from another site's page is refused: post from this server's own pages, "
                            "or from a program without an Origin header")
        if err is None:
            return await self.app(scope, receive, send)
        from starlette.requests import Request as StarletteRequest

        response = await self.on_error(StarletteRequest(scope, receive), err)
        await response(scope, receive, send)


def require_token(request: Request, authorization: str | None = Header(None, description="Bearer TOKEN"),
                  x_detente_token: str | None = Header(None, description="TOKEN (alternative header)")) -> None:
    """FastAPI dependency for write endpoints: the configured token, compared in constant time."""
    want = request.app.state.settings.token
    if not want:
        e = Forbidden("write endpoints are disabled: set DETENTE_TOKEN (Settings.token) on the server to enable them")
        e.status = 403
        raise e
    got = x_detente_token or ""
    if authorization and authorization.lower().startswith("bearer "):
        got = authorization[7:].strip()
    if not hmac.compare_digest(got.encode("utf-8"), want.encode("utf-8")):
        raise Forbidden("missing or wrong token: send 'Authorization: Bearer TOKEN'")
