"""The store commands on the command line, over a hand-built DuckDB store."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from detente.store import open_store
from tests.store.build import corpus


def run(*args):
    return subprocess.run([sys.executable, "-m", "detente", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    p = str(tmp_path_factory.mktemp("cli") / "s.duckdb")
    with open_store(p) as s:
        s.add(corpus())
    return p


def test_events_and_dyad(db):
    r = run("events", "--db", db, "--format", "jsonl", "--root", "12", "--merged")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(recs) == 1 and recs[0]["n_mentions"] == 3
    r = run("dyad", "USA", "PRK", "--db", db, "--by", "month", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "period,direction,n,q1,q2,q3,q4,goldstein_sum,goldstein_mean"
    assert len(r.stdout.splitlines()) == 4


def test_aggregate_actors_stats(db):
    r = run("aggregate", "--db", db, "--unit", "actor-year", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    assert {json.loads(x)["actor"] for x in r.stdout.splitlines()} == {"CHNGOV", "PRKGOV", "PRKMIL", "USAGOV",
                                                                       "USAMIL"}
    r = run("actors", "--db", db, "--limit", "1")
    assert r.returncode == 0 and "PRKGOV" in r.stdout
    r = run("stats", "--db", db, "--format", "json")
    assert json.loads(r.stdout)["events"] == 5
    assert run("aggregate", "--db", db, "--unit", "galaxy").returncode == 2


def test_export(db, tmp_path):
    out = tmp_path / "e.parquet"
    r = run("export", "--db", db, "--format", "parquet", "--out", str(out), "--actor", "USA")
    assert r.returncode == 0, r.stderr
    assert len(pd.read_parquet(out)) == 2
    assert run("export", "--db", db, "--format", "xml", "--out", str(out)).returncode == 2
    assert run("events", "--db", str(tmp_path / "missing.duckdb")).returncode == 2
