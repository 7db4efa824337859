"""The CLI: JSONL contract field by field, exit codes, idempotent ingest, CLI/API symmetry."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, SEED

DETENTE = [sys.executable, "-m", "detente"]
ACTOR_KEYS = {"code", "country", "sector", "name", "text"}


def run(*args, input=None, cwd=None):
    return subprocess.run(DETENTE + list(args), capture_output=True, text=True, input=input, cwd=cwd)


@pytest.fixture(scope="module")
def mixed_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("mixed")
    (d / "seed.txt").write_text("Sunday, February 21, 2016\n\n" + SEED + "\n")
    (d / "page.html").write_text("<html><body><article><p>" + "Japan condemned North Korea's missile launch "
                                 "on Monday and lodged a protest with Pyongyang. " * 3 + "</p></article></body></html>")
    (d / "batch.jsonl").write_text(json.dumps({"id": "j1", "published": "2017-05-29",
                                               "text": "Russia condemned the launch by North Korea."}) + "\n")
    (d / "table.csv").write_text('id,text,published\nc1,"China urged North Korea to exercise restraint.",2017-05-29\n')
    return d


def test_jsonl_contract(mixed_dir):
    r = run("code", str(mixed_dir), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(l) for l in r.stdout.splitlines()]
    assert all(l.startswith("{") for l in r.stdout.splitlines())
    assert {rec["article_id"] for rec in recs} >= {"seed", "j1", "c1"}
    for rec in recs:
        for k in ("event_id", "article_id", "sentence", "trigger", "cameo", "cameo_root", "plover", "rule",
                  "modality", "date_basis"):
            assert isinstance(rec[k], str) and rec[k], k
        assert isinstance(rec["span"], list) and len(rec["span"]) == 2 and all(isinstance(x, int) for x in rec["span"])
        assert len(rec["cameo_root"]) == 2 and rec["cameo"].startswith(rec["cameo_root"])
        assert rec["quad_class"] in (1, 2, 3, 4)
        assert isinstance(rec["goldstein"], (int, float)) and -10 <= rec["goldstein"] <= 10
        assert 0 <= rec["confidence"] <= 1
        assert rec["modality"] == "asserted"
        assert rec["date_precision"] in ("day", "month", "year", "span", None)
        assert rec["date_basis"] in ("explicit", "relative", "publication")
        for side in ("source", "target"):
            assert rec[side] is None or set(rec[side]) == ACTOR_KEYS
        assert rec["location"] is None or {"name", "country", "admin1", "lat", "lon", "text"} == set(rec["location"])
        att = rec["attribution"]
        assert att is None or ({"text", "speaker", "outlet"} == set(att))
    seed = [r for r in recs if r["article_id"] == "seed"]
    pairs = {(r["source"]["country"], r["target"]["country"] if r["target"] else None, r["cameo_root"]) for r in seed}
    assert ("USA", "PRK", "02") in pairs or ("USA", "PRK", "10") in pairs
    assert ("PRK", "USA", "12") in pairs
    rej = next(r for r in seed if r["cameo_root"] == "12")
    assert rej["attribution"]["outlet"] == "The Wall Street Journal"
    assert "told the Journal" in rej["attribution"]["text"]
    assert rej["date"] == "2016-02-21" and rej["date_basis"] == "publication"


def test_exit_status_1_when_some_inputs_fail(tmp_path):
    (tmp_path / "good.txt").write_text(SEED)
    (tmp_path / "bad.jsonl").write_text('{"id": 1, "text": "Iran met Iraq."}\n{oops\n')
    r = run("code", str(tmp_path), "--format", "jsonl", "--published", "2016-02-21")
    assert r.returncode == 1
    assert "bad.jsonl:2" in r.stderr and "malformed JSON" in r.stderr
    assert any(json.loads(l)["article_id"] == "good" for l in r.stdout.splitlines())


def test_usage_error_exit_2():
    r = run("code", "samples", "--format", "xml")
    assert r.returncode == 2
    r = run("nonsense-command")
    assert r.returncode == 2


def test_missing_path_is_named(tmp_path):
    r = run("code", str(tmp_path / "missing.txt"))
    assert r.returncode == 1 and "missing.txt" in r.stderr


def test_stdin():
    r = run("code", "-", "--format", "jsonl", "--published", "2016-02-21", input=SEED)
    assert r.returncode == 0
    assert {json.loads(l)["cameo_root"] for l in r.stdout.splitlines()} >= {"12"}


def test_ingest_idempotent_and_events(tmp_path):
    db = str(tmp_path / "s.duckdb")
    r1 = run("ingest", str(SAMPLES), "--db", db)
    assert r1.returncode == 0, r1.stderr
    first = run("events", "--db", db, "--format", "jsonl").stdout
    r2 = run("ingest", str(SAMPLES), "--db", db)
    assert r2.returncode == 0 and "stored 0 new articles" in r2.stderr
    # the loaded Coder is frozen out of the garbage collector's sight (exit 0.55 s sooner) before DuckDB is
    # imported: frozen DuckDB objects would outlive its module and it would print "nanobind: leaked ..." at exit
    assert "leaked" not in r1.stderr + r2.stderr
    assert run("events", "--db", db, "--format", "jsonl").stdout == first
    rej = [json.loads(l) for l in run("events", "--db", db, "--root", "12", "--actor", "PRK",
                                      "--format", "jsonl").stdout.splitlines()]
    assert rej and all(r["cameo_root"] == "12" and r["source"]["code"].startswith("PRK") for r in rej)
    csv_out = run("events", "--db", db, "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("event_id,article_id")


def test_cli_and_api_agree(mixed_dir):
    import detente

    r = run("code", str(mixed_dir), "--format", "jsonl")
    cli = sorted(json.loads(l)["event_id"] for l in r.stdout.splitlines())
    api = sorted(e.event_id for e in detente.code(detente.read_articles(str(mixed_dir))))
    assert cli == api and cli
