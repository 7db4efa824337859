"""Issue 19, the server: honest errors during an ingest, stale answers said so, committed batches seen while an
ingest runs, allowed Host names, cross-site writes, and coding limits that answer at once."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from .helpers import HOSTILE_ID

NO_PATH = re.compile(r"(/tmp/|/usr/|/home/|\.duckdb|python3|\bPID\b)", re.IGNORECASE)


def app_client(db, *, env: dict | None = None, **settings):
    """A TestClient over ``db``; ``env`` (DETENTE_... variables) is in force while the Settings are read."""
    from fastapi.testclient import TestClient

    from detente.api import create_app
    from detente.config import Settings

    saved = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})
    try:
        conf = Settings(db=str(db), **settings)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return TestClient(create_app(conf))


class Writer:
    """Another process that holds the store for writing (as `detente ingest` does) and commits a batch of copied
    articles each time it is told to, without letting go of the store in between."""

    SCRIPT = """
import duckdb, sys
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
n = 0
for line in sys.stdin:
    if line.strip() != "commit":
        break
    n += 1
    con.execute("INSERT INTO articles SELECT * REPLACE (article_id || '-copy-' || ? AS article_id) FROM articles "
                "WHERE article_id NOT LIKE '%-copy-%' ORDER BY article_id LIMIT 2", [str(n)])
    print("committed", flush=True)
con.close()
"""

    def __init__(self, db):
        self.proc = subprocess.Popen([sys.executable, "-c", self.SCRIPT, str(db)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "held"

    def commit(self) -> None:
        self.proc.stdin.write("commit\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "committed"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(20)


@pytest.fixture
def live_db(sample_db, tmp_path):
    db = tmp_path / "live.duckdb"
    shutil.copyfile(sample_db, db)
    return db


def test_server_started_during_an_ingest_sees_each_committed_batch(live_db):
    """Item 9: before, a server started while a writer held the store answered 503 until the writer let go."""
    writer = Writer(live_db)
    try:
        with app_client(live_db) as client:
            r = client.get("/api/stats")
            assert r.status_code == 200, r.text
            base = r.json()["articles"]
            assert r.json()["stale"] is True and r.headers["x-detente-stale"] == "true"
            for i in range(1, 4):
                writer.commit()
                r = client.get("/api/stats")
                assert r.status_code == 200 and r.json()["articles"] == base + 2 * i, (i, r.text)
                r = client.get("/api/events", params={"article_id": f"2016-02-21-journal-report-copy-{i}"})
                assert r.status_code == 200 and r.json()["stale"] is True
                page = client.get("/", headers={"accept": "text/html"})
                assert page.status_code == 200 and "ingest is running" in page.text
            writer.stop()
            r = client.get("/api/stats")
            assert r.json()["articles"] == base + 6
            assert r.json()["stale"] is False and r.headers["x-detente-stale"] == "false"
            assert "x-detente-as-of" not in r.headers
    finally:
        writer.stop()


def test_stale_answers_say_so_in_a_header_and_a_field(live_db):
    """Item 8: before, the JSON API answered from the copy without a word about it."""
    with app_client(live_db) as client:
        assert client.get("/api/stats").json()["stale"] is False
        writer = Writer(live_db)
        try:
            for url, field in (("/api/stats", "articles"), ("/api/events?limit=3", "events"),
                               ("/api/actors", "actors"), ("/api/aggregate", "rows"),
                               ("/api/dyad?a=USA&b=PRK", "series")):
                r = client.get(url)
                assert r.status_code == 200, (url, r.text)
                body = r.json()
                assert field in body and body["stale"] is True, url
                assert r.headers["x-detente-stale"] == "true" and r.headers["x-detente-as-of"] == body["as_of"]
                assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$", body["as_of"])
            r = client.get(f"/api/articles/{HOSTILE_ID}")
            assert r.status_code == 200 and r.headers["x-detente-stale"] == "true"
        finally:
            writer.stop()
        r = client.get("/api/events?limit=3")
        assert r.json()["stale"] is False and r.json()["as_of"] is None
        assert "x-detente-stale" not in client.get("/static/app.js").headers


def test_write_during_an_ingest_is_503_at_once_without_paths(live_db):
    """Item 8: before, POST /api/articles during an ingest took 12.6 s and answered 500 naming the
    interpreter's path and PID."""
    writer = Writer(live_db)
    try:
        with app_client(live_db, token="s3cret") as client:
            t0 = time.monotonic()
            r = client.post("/api/articles", headers={"Authorization": "Bearer s3cret"},
                            json={"articles": [{"id": "w1", "text": "Pyongyang rejected the proposal by Seoul."}]})
            took = time.monotonic() - t0
    finally:
        writer.stop()
    assert r.status_code == 503, r.text
    assert took < 3, took
    assert int(r.headers["retry-after"]) > 0
    assert "detente ingest" in r.json()["message"] and not NO_PATH.search(r.text), r.text


def test_errors_name_no_paths(tmp_path):
    """Item 8: before, the error for a missing store quoted its path."""
    with app_client(tmp_path / "secret-folder" / "missing.duckdb") as client:
        r = client.get("/api/stats")
        assert r.status_code == 500 and "detente ingest" in r.json()["message"]
        assert not NO_PATH.search(r.text) and "secret-folder" not in r.text, r.text
        r = client.get("/", headers={"accept": "text/html"})
        assert "secret-folder" not in r.text and not NO_PATH.search(r.text.split("<main>")[1])


@pytest.mark.parametrize("host,status", [
    ("localhost:8000", 200), ("127.0.0.1", 200), ("[::1]:8000", 200), ("LOCALHOST", 200), ("testserver", 200),
    ("evil.example", 400), ("evil.example:8000", 400), ("localhost.evil.example", 400), ("", 400)])
def test_host_header_is_checked(client, host, status):
    """Item 8: before, any Host was answered (a DNS-rebinding page could read the API)."""
    r = client.get("/api/stats", headers={"host": host})
    assert r.status_code == status, (host, r.text)
    if status == 400:
        assert r.json()["error"] == "BadHost" and "DETENTE_ALLOWED_HOSTS" in r.json()["message"]


def test_allowed_hosts_setting(sample_db):
    with app_client(sample_db, env={"DETENTE_ALLOWED_HOSTS": "events.example.org"}) as client:
        assert client.get("/api/stats", headers={"host": "events.example.org"}).status_code == 200
        assert client.get("/api/stats", headers={"host": "localhost"}).status_code == 400
    with app_client(sample_db, env={"DETENTE_ALLOWED_HOSTS": "*"}) as client:
        assert client.get("/api/stats", headers={"host": "anything.example"}).status_code == 200


@pytest.mark.parametrize("headers,status", [
    ({"origin": "https://evil.example"}, 403),
    ({"origin": "null"}, 403),
    ({"origin": "http://testserver.evil.example"}, 403),
    ({"origin": "http://testserver:8080"}, 403),
    ({"referer": "https://evil.example/form.html"}, 403),
    ({"origin": "http://testserver"}, 413),  # same origin: passes the check, then meets the size limit
    ({"referer": "http://testserver/code"}, 413),
    ({}, 413),  # a program (no Origin, no Referer): no cross-site page can send this
])
def test_cross_site_posts_are_refused(sample_db, headers, status):
    """Item 8: before, a form on another site could post to /code (and /api/code) and be answered."""
    with app_client(sample_db, env={"DETENTE_CODE_MAX_CHARS": "50"}) as client:
        for url, kw in (("/code", {"data": {"text": "Pyongyang rejected the proposal by Seoul. " * 3}}),
                        ("/api/code", {"json": {"text": "Pyongyang rejected the proposal by Seoul. " * 3}})):
            r = client.post(url, headers=headers, **kw)
            assert r.status_code == status, (url, headers, r.text)
            if status == 403:
                assert "another site" in r.text


def test_text_over_the_limit_is_413_before_any_coding(sample_db):
    """Item 5: before, the server coded whatever fitted in 2 MB (174 s for 1.96 MB)."""
    with app_client(sample_db, env={"DETENTE_CODE_MAX_CHARS": "1000"}) as client:
        t0 = time.monotonic()
        r = client.post("/api/code", json={"text": "Pyongyang rejected the proposal by Seoul. " * 40})
        assert r.status_code == 413 and time.monotonic() - t0 < 2
        assert "at most 1000" in r.json()["message"] and "DETENTE_CODE_MAX_CHARS" in r.json()["message"]
        r = client.post("/code", data={"text": "Pyongyang rejected the proposal by Seoul. " * 40},
                        headers={"accept": "text/html"})
        assert r.status_code == 413 and "at most 1000" in r.text
        r = client.post("/api/articles", json={"articles": [{"id": "a", "text": "x" * 600},
                                                           {"id": "b", "text": "y" * 600}]})
        assert r.status_code == 403  # the token check comes first
        assert client.app.state.coder._proc is None  # no coder was even started
