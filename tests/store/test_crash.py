"""A real `detente ingest`, killed with SIGKILL mid-way and run again, gives the store one clean run gives."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from detente.store import open_store

ACTORS = ["China", "Japan", "Russia", "the United States", "South Korea", "North Korea", "Iran", "France"]
ACTIONS = ["condemned", "praised", "met with", "criticized", "accused", "rejected a proposal by", "thanked",
           "threatened"]


def _corpus(n: int = 36) -> list[dict]:
    arts = []
    for i in range(n):
        a, b = ACTORS[i % len(ACTORS)], ACTORS[(i * 3 + 1) % len(ACTORS)]
        if a == b:
            b = ACTORS[(i + 2) % len(ACTORS)]
        act = ACTIONS[(i + i // 8) % len(ACTIONS)]  # no two articles alike
        text = (f"{a} {act} {b} on Monday over the border dispute, officials said. "
                f"{b} {ACTIONS[(i + 3) % len(ACTIONS)]} {a} a day later.")
        arts.append({"id": f"art{i:02d}", "text": text, "published": f"2016-03-{1 + i % 28:02d}",
                     "outlet": ["Reuters", "AP", "AFP"][i % 3]})
    arts.append(dict(arts[0], id="art-reprint", outlet="Yahoo"))  # a syndicated copy
    return arts


def _ingest(inp, db, kill_after: float | None = None) -> int | None:
    cmd = [sys.executable, "-m", "detente", "ingest", str(inp), "--db", db, "--batch", "2", "--quiet"]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is None:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()
        return None
    time.sleep(kill_after)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    return p.returncode


def _snapshot(db: str) -> dict:
    with open_store(db, read_only=True) as s:
        st = s.stats()
        arts = s.query("SELECT article_id, content_hash, copy_of, n_events, warnings FROM articles "
                       "ORDER BY article_id")
        men = s.query("SELECT event_id, article_id, cluster_id, record FROM mentions ORDER BY event_id")
        evs = s.query("SELECT * FROM events ORDER BY cluster_id")
        acts = s.query("SELECT * FROM actors ORDER BY code")
    return {"stats": st, "articles": arts, "mentions": men, "events": evs, "actors": acts}


def test_sigkill_then_rerun_equals_one_clean_run(tmp_path):
    arts = _corpus()
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps(a) + "\n" for a in arts))
    clean = str(tmp_path / "clean.duckdb")
    t0 = time.monotonic()
    _ingest(inp, clean)
    full = time.monotonic() - t0
    ref = _snapshot(clean)
    assert ref["stats"]["articles"] == len(arts) and ref["stats"]["copies"] == 1 and ref["stats"]["mentions"] > 30

    one = tmp_path / "one.jsonl"  # start-up alone (load, one article): the kills must land after it
    one.write_text(json.dumps(arts[0]) + "\n")
    t0 = time.monotonic()
    _ingest(one, str(tmp_path / "one.duckdb"))
    start = time.monotonic() - t0

    crashed = str(tmp_path / "crashed.duckdb")
    mid = False
    for frac in (0.3, 0.5, 0.7, 0.9):  # kill while coding and committing batches; resume each time
        if _ingest(inp, crashed, kill_after=start + max(full - start, 0.0) * frac) != -signal.SIGKILL:
            break  # what was left finished before the kill
        if os.path.exists(crashed):
            with open_store(crashed, read_only=True) as s:
                n = s.stats()["articles"]
            mid = mid or 0 < n < len(arts)
    _ingest(inp, crashed)
    assert _snapshot(crashed) == ref
    if not mid:
        pytest.skip("no kill landed between two commits on this machine; the rerun still matched")
    _ingest(inp, crashed)  # and once more: nothing changes
    assert _snapshot(crashed) == ref
