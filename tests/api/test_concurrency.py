"""The server keeps answering while `detente ingest` writes the store, and then sees the new data."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from .helpers import ROOT


def test_reads_during_an_ingest(sample_db, tmp_path):
    from fastapi.testclient import TestClient

    from detente.api import create_app
    from detente.config import Settings

    db = tmp_path / "live.duckdb"
    shutil.copyfile(sample_db, db)
    texts = [p.read_text() for p in sorted((ROOT / "samples").glob("*.txt"))]
    n_new = 24
    with open(tmp_path / "more.jsonl", "w") as f:
        for i in range(n_new):
            f.write(json.dumps({"id": f"more-{i}", "text": texts[i % len(texts)] + f"\n\n(copy {i})",
                                "published": "2016-03-01"}) + "\n")
    with TestClient(create_app(Settings(db=str(db)))) as client:
        before = client.get("/api/stats").json()
        proc = subprocess.Popen([sys.executable, "-m", "detente", "ingest", str(tmp_path / "more.jsonl"),
                                 "--db", str(db), "--batch", "4", "--quiet"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        statuses, stale = [], 0
        while proc.poll() is None:
            for url in ("/api/stats", "/api/events?limit=5", "/events"):
                r = client.get(url)
                statuses.append(r.status_code)
                stale += client.app.state.source.stale
        err = proc.stderr.read().decode()
        assert proc.returncode == 0, err
        assert statuses and set(statuses) == {200}, statuses
        after = client.get("/api/stats").json()
        assert not client.app.state.source.stale
    assert stale > 0, "no read happened while the writer held the store"
    assert after["articles"] == before["articles"] + n_new
    print(f"{len(statuses)} reads during the ingest, all 200; {stale} answered from the snapshot")


def test_locked_store_is_read_from_a_fresh_copy(sample_db, tmp_path):
    """A store held by a writer (an ingest) is served from a copy, and the answers say so (issue 19)."""
    from fastapi.testclient import TestClient

    from detente.api import create_app
    from detente.config import Settings

    db = tmp_path / "locked.duckdb"
    shutil.copyfile(sample_db, db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with TestClient(create_app(Settings(db=str(db)))) as client:
            r = client.get("/api/stats")
            assert r.status_code == 200 and r.json()["stale"] is True
            assert r.headers["X-Detente-Stale"] == "true"
            r = client.get("/", headers={"accept": "text/html"})
            assert r.status_code == 200
    finally:
        holder.kill()
        holder.wait()
