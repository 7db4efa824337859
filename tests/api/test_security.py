"""Hostile requests: SQL injection at every filter, oversized bodies, the write token, escaped HTML, headers."""
from __future__ import annotations

import shutil

import pytest

from detente.api.filters import FILTER_KEYS

from .helpers import HOSTILE_ID, PAYLOADS

INJECTIONS = ["' OR '1'='1", "'; DROP TABLE mentions; --", "\" OR \"\"=\"", "1) OR (1=1", "%", "_", "\\",
              "' UNION SELECT record, record FROM mentions --", "PRK' --", "2016-02-01' OR '1'='1",
              "\u0000", "𝕏'; DELETE FROM articles; --", "a" * 600]


@pytest.mark.parametrize("param", [*FILTER_KEYS, "limit", "offset", "merged"])
def test_injection_strings_at_every_filter(client, param):
    before = client.get("/api/stats").json()
    n_all = len(client.get("/api/events", params={"limit": 1000}).json()["events"])
    for bad in INJECTIONS:
        r = client.get("/api/events", params={param: bad, "limit": 1000} if param != "limit" else {param: bad})
        assert r.status_code in (200, 400, 422), (param, bad, r.status_code, r.text)
        assert r.headers["content-type"].startswith("application/json")
        if r.status_code == 200 and param not in ("modality",):
            got = r.json()["events"]
            # a string is matched as data: it never widens the result beyond what the filter allows
            assert len(got) <= n_all
            if param in ("text", "outlet", "article_id", "actor", "target") and bad not in ("%", "_", "\\"):
                assert got == [], (param, bad)
    for path in ("/api/dyad?a={}&b=PRK", "/api/aggregate?country={}", "/api/actors?text={}",
                 "/api/events/{}", "/api/articles/{}"):
        for bad in INJECTIONS[:4]:
            r = client.get(path.format(bad))
            assert r.status_code in (200, 400, 404, 422), (path, bad, r.text)
    assert client.get("/api/stats").json() == before


def test_body_limit_declared(client):
    r = client.post("/api/code", json={"text": "x " * (1024 * 1024 + 10)})
    assert r.status_code == 413
    assert r.json() == {"error": "TooLarge", "status": 413, "message": "request body over 2097152 bytes"}


def test_body_limit_streamed(client):
    def chunks():
        for _ in range(40):
            yield b"a" * 65536

    r = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_body_under_limit_is_read(client):
    r = client.post("/api/code", json={"text": "Pyongyang rejected the proposal by Seoul. " * 200})
    assert r.status_code == 200


def test_write_endpoint_disabled_without_token(client):
    r = client.post("/api/articles", json={"articles": [{"id": "x", "text": "Pyongyang rejected it."}]})
    assert r.status_code == 403 and "DETENTE_TOKEN" in r.json()["message"]


@pytest.fixture
def token_client(sample_db, tmp_path):
    from fastapi.testclient import TestClient

    from detente.api import create_app
    from detente.config import Settings

    db = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_db, db)
    with TestClient(create_app(Settings(db=str(db), token="s3cret-token"))) as c:
        yield c


def test_write_endpoint_needs_the_right_token(token_client):
    body = {"articles": [{"id": "posted-1", "text": "Pyongyang rejected the proposal by Seoul.",
                          "published": "2016-03-02"}]}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer s3cret-toke"},
                    {"X-Detente-Token": "S3CRET-TOKEN"}, {"Authorization": "Basic s3cret-token"}):
        r = token_client.post("/api/articles", json=body, headers=headers)
        assert r.status_code == 401, headers
        assert r.json()["error"] == "Forbidden"
    assert token_client.get("/api/articles/posted-1").status_code == 404
    r = token_client.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret-token"})
    assert r.status_code == 201 and r.json() == {"articles": 1, "events": 1}
    assert token_client.get("/api/articles/posted-1").json()["events"][0]["cameo_root"] == "12"
    r = token_client.post("/api/articles", json=body, headers={"X-Detente-Token": "s3cret-token"})
    assert r.json() == {"articles": 0, "events": 0}  # idempotent


def test_security_headers(client):
    for url in ("/", "/api/stats", "/static/app.js"):
        h = client.get(url).headers
        assert "script-src 'self'" in h["content-security-policy"] and "unsafe-inline" not in h[
            "content-security-policy"].split("style-src")[0]
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


def test_hostile_article_escaped_in_every_page(client):
    pages = [f"/article/{HOSTILE_ID}", f"/events?article_id={HOSTILE_ID}", "/events?since=2016-02-25",
             "/", "/network", "/map", "/dyad?a=PRK&b=KOR"]
    ev = client.get("/api/events", params={"article_id": HOSTILE_ID}).json()["events"]
    assert ev, "the hostile article should give events"
    pages.append(f"/event/{ev[0]['event_id']}")
    for url in pages:
        r = client.get(url, headers={"accept": "text/html"})
        assert r.status_code == 200, url
        for p in PAYLOADS + ["<script>window.__pwned=6", "<i onmouseover"]:
            assert p not in r.text, (url, p)
    page = client.get(f"/article/{HOSTILE_ID}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_code_form_escapes_posted_text(client):
    text = f"Pyongyang rejected the proposal by Seoul {PAYLOADS[1]}. {PAYLOADS[0]}"
    r = client.post("/code", data={"text": text})
    assert r.status_code == 200
    assert PAYLOADS[0] not in r.text and PAYLOADS[1] not in r.text
    assert "&lt;img src=x onerror=" in r.text


def test_html_errors_for_pages(client):
    r = client.get("/event/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "no event" in r.text and "<html" in r.text
    r = client.get("/events?quad_class=9", headers={"accept": "text/html"})
    assert r.status_code == 400 and "choose 1, 2, 3 or 4" in r.text
