"""Faults during `detente ingest`: repeated SIGKILL at random points, a full disk, a read-only store.
After each, the store is whole, and a re-run leaves exactly what one clean run leaves."""
from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from .corpus import paragraphs
from .faults import read_only, tiny_disk

INGEST = [sys.executable, "-m", "detente", "ingest"]
KILLS = int(os.environ.get("DETENTE_KILLS", "10"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """800 short articles in eight JSONL files and 40 text files."""
    root = tmp_path_factory.mktemp("corpus")
    texts = paragraphs(840, seed=3)
    for f in range(8):
        recs = [{"id": f"k{f}-{i}", "text": t, "published": "2019-06-14"} for i, t in enumerate(texts[f * 100:f * 100 + 100])]
        (root / f"part{f}.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    for i, t in enumerate(texts[800:]):
        (root / f"story{i:02d}.txt").write_text("Friday, June 14, 2019\n\n" + t)
    return root


def snapshot(db: Path) -> dict:
    """What a store holds: article ids with their text hash, and every event record by id."""
    con = duckdb.connect(str(db))
    try:
        arts = dict(con.execute("SELECT article_id, content_hash FROM articles").fetchall())
        rows = con.execute("SELECT event_id, article_id, record FROM mentions").fetchall()
    finally:
        con.close()
    events = {e: (a, r) for e, a, r in rows}
    assert len(events) == len(rows)
    return {"articles": arts, "events": events}


def ingest(src: Path, db: Path, *extra: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(INGEST + [str(src), "--db", str(db), "-q", *extra], capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    t0 = time.monotonic()
    r = ingest(corpus, db)
    assert r.returncode == 0, r.stderr[-2000:]
    snap = snapshot(db)
    assert len(snap["articles"]) == 840 and snap["events"]
    snap["seconds"] = time.monotonic() - t0
    return snap


def consistent_with(part: dict, whole: dict) -> None:
    """A store after a fault holds whole articles of the clean run: no stray, partial or doubled ones."""
    assert set(part["articles"]) <= set(whole["articles"])
    for aid, h in part["articles"].items():
        assert whole["articles"][aid] == h
    mine = {e: v for e, v in whole["events"].items() if v[0] in part["articles"]}
    assert part["events"] == mine


@pytest.mark.slow
def test_repeated_sigkill_then_rerun_equals_clean_run(corpus, clean, tmp_path):
    rng = random.Random(int(os.environ.get("DETENTE_KILL_SEED", "5")))
    db = tmp_path / "killed.duckdb"
    wal = Path(str(db) + ".wal")
    landed, progress = 0, []
    for attempt in range(KILLS * 3):
        if landed >= KILLS:
            break
        proc = subprocess.Popen(INGEST + [str(corpus), "--db", str(db), "-q", "--batch", "8"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if attempt % 2:  # during or just after the n-th write (a commit of 8 articles)
            seen, writes = (wal.stat().st_mtime_ns if wal.exists() else 0), rng.randint(1, 6)
            deadline = time.monotonic() + 120
            while proc.poll() is None and writes and time.monotonic() < deadline:
                now = wal.stat().st_mtime_ns if wal.exists() else 0
                if now != seen:
                    seen, writes = now, writes - 1
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.2))
        else:  # at any moment: loading the model, reading, coding or writing
            time.sleep(rng.uniform(0.5, 6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            landed += 1
        proc.wait()
        proc.stderr.close()
        if db.exists():
            snap = snapshot(db)
            consistent_with(snap, clean)
            progress.append(len(snap["articles"]))
    assert landed >= KILLS, f"only {landed} kills landed before the ingest finished (stored: {progress})"
    r = ingest(corpus, db)
    assert r.returncode == 0, r.stderr[-2000:]
    final = snapshot(db)
    assert final["articles"] == clean["articles"]
    assert final["events"] == clean["events"]
    print(f"{landed} SIGKILLs survived; articles stored after each: {progress}; final "
          f"{len(final['articles'])} articles, {len(final['events'])} events, equal to the clean run")


def _tail_error(r: subprocess.CompletedProcess, db: Path) -> str:
    assert r.returncode not in (0, -9) and "Traceback" not in r.stderr, r.stderr[-3000:]
    errs = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert errs and str(db) in errs[-1], r.stderr[-3000:]
    print(f"exit {r.returncode}: {errs[-1]}")
    return errs[-1]


def _after_full_disk(corpus: Path, db: Path, clean: dict, tmp_path: Path) -> None:
    """The half-written store, moved to a roomy disk, is whole; a re-run completes it."""
    roomy = tmp_path / "roomy"
    roomy.mkdir(exist_ok=True)
    for f in db.parent.glob(db.name + "*"):
        shutil.copy(f, roomy / f.name)
    moved = roomy / db.name
    if moved.exists():
        consistent_with(snapshot(moved), clean)
    r = ingest(corpus, moved)
    assert r.returncode == 0, r.stderr[-2000:]
    again = snapshot(moved)
    assert again["articles"] == clean["articles"] and again["events"] == clean["events"]


@pytest.mark.slow
def test_full_disk_tmpfs(corpus, clean, tmp_path):
    with tiny_disk(tmp_path / "disk", "600k") as disk:
        db = disk / "full.duckdb"
        r = ingest(corpus, db, "--batch", "16")
        msg = _tail_error(r, db)
        assert "No space left" in msg or "space" in msg.lower(), msg
        _after_full_disk(corpus, db, clean, tmp_path)


@pytest.mark.slow
def test_full_disk_file_size_limit(corpus, clean, tmp_path):
    db = tmp_path / "limited.duckdb"

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))

    r = ingest(corpus, db, "--batch", "16", preexec_fn=limit)
    msg = _tail_error(r, db)
    assert "too large" in msg.lower() or "space" in msg.lower(), msg
    _after_full_disk(corpus, db, clean, tmp_path)


@pytest.mark.slow
def test_read_only_store(corpus, tmp_path):
    db = tmp_path / "ro.duckdb"
    first = tmp_path / "first"
    first.mkdir()
    for p in sorted(corpus.glob("story0*.txt")):
        shutil.copy(p, first / p.name)
    assert ingest(first, db).returncode == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with read_only(db):
        r = ingest(corpus, db)
        msg = _tail_error(r, db)
    assert "cannot open" in msg or "read-only" in msg or "ermission" in msg, msg
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert len(snapshot(db)["articles"]) == 10
