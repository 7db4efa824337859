"""Server-side protections: request body limit, security headers, and the token for write endpoints."""
from __future__ import annotations

import hmac
import json

from fastapi import Header, Request

from ..errors import DetenteError

MAX_BODY = 2 * 1024 * 1024
# Vega compiles its expressions with Function(), hence 'unsafe-eval'; no inline script may run.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]


class Forbidden(DetenteError):
    """The request lacks the token a write endpoint needs."""

    status = 401


class TooLarge(DetenteError):
    """The request body is over the size limit."""

    status = 413


class BodyLimit:
    """ASGI middleware: refuse bodies over ``max_body`` bytes with 413 (declared or streamed); add headers."""

    def __init__(self, app, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = answered = False

        async def send_h(msg):
            nonlocal started
            if answered:
                return  # the 413 has gone out; drop what the app sends after it
            if msg["type"] == "http.response.start":
                started = True
                msg["headers"] = list(msg.get("headers", [])) + HEADERS
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
