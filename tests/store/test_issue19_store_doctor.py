"""`detente doctor` on a damaged store: a copy cut short or with 4 KB overwritten fails with a fix (issue 19,
item 2), wherever the damage lands; and the doctor checks the store DETENTE_DB names."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys

import pytest

from detente.cli.doctor import check_store
from detente.export import FORMATS, export
from detente.store import Filters, open_store
from tests.store.build import corpus

HEADERS = 3 * 4096  # a DuckDB file opens with three 4 KB headers, then its blocks


@pytest.fixture(scope="module")
def healthy(tmp_path_factory):
    p = tmp_path_factory.mktemp("doctor") / "healthy.duckdb"
    with open_store(str(p)) as s:
        s.add(corpus())
    return p


def _copy(src, dst, *, cut: int | None = None, at: int | None = None, seed: int = 0):
    shutil.copy(src, dst)
    with open(dst, "r+b") as f:
        if cut is not None:
            f.truncate(cut)
        if at is not None:
            f.seek(at)
            f.write(random.Random(seed).randbytes(4096))
    return str(dst)


def _reads_fail(db: str, out) -> bool:
    """Whether what users do with a store (events, merged events, stats, exports) fails on it."""
    try:
        with open_store(db, read_only=True) as s:
            s.events(Filters(modality="all"))
            s.events(Filters(modality="all", actor="USA"), merged=True)
            s.stats()
            for fmt in FORMATS:
                export(s, fmt, out / f"x.{fmt}", Filters(), merged=True)
        return False
    except Exception:  # noqa: BLE001
        return True


def test_healthy_store_passes(healthy):
    c = check_store(str(healthy))
    assert c.ok, c.detail
    assert "6 articles, 8 event mentions" in c.detail


def test_store_cut_in_half_fails(healthy, tmp_path):
    db = _copy(healthy, tmp_path / "half.duckdb", cut=os.path.getsize(healthy) // 2)
    assert _reads_fail(db, tmp_path)  # `events` and `export` fail on it ...
    c = check_store(db)               # ... and the doctor says so
    assert not c.ok and "half.duckdb" in c.detail
    assert "damaged" in c.fix and "half.duckdb" in c.fix


def test_4kb_overwritten_anywhere_fails(healthy, tmp_path):
    size = os.path.getsize(healthy)
    failing_reads = 0
    for n, at in enumerate(range(HEADERS, size - 4096, 64 * 1024)):
        db = _copy(healthy, tmp_path / f"over{n}.duckdb", at=at, seed=n)
        failing_reads += _reads_fail(db, tmp_path)
        c = check_store(db)
        assert not c.ok, f"4 KB overwritten at byte {at}: the doctor says {c.detail}"
        assert c.fix, at
        os.remove(db)
    assert failing_reads >= 3  # the damage the issue saw: reads fail where the doctor used to pass


def test_verify_names_the_block(healthy, tmp_path):
    from detente.store import StoreDamaged

    db = _copy(healthy, tmp_path / "block.duckdb", at=HEADERS + 5 * 262144 + 1000)
    with open_store(db, read_only=True) as s, pytest.raises(StoreDamaged, match="block 5"):
        s.verify()


def test_doctor_command_reads_detente_db(healthy, tmp_path):
    db = _copy(healthy, tmp_path / "env.duckdb", cut=os.path.getsize(healthy) // 2)
    env = {**os.environ, "DETENTE_DB": db}
    r = subprocess.run([sys.executable, "-m", "detente", "doctor"], capture_output=True, text=True, env=env)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "FAIL  store:" in r.stdout and "env.duckdb" in r.stdout
    assert f"fix: {db} is damaged" in r.stdout
