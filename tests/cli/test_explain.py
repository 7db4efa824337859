"""`detente explain` and the trace it prints: every event says which stage and pattern typed it, how its actors
were reached (in words, and the typed strategy), the modality cue, the date expression and the attribution cue."""
from __future__ import annotations

import json
import subprocess
import sys

from detente.output import explain, why
from tests.conftest import SEED

DETENTE = [sys.executable, "-m", "detente"]


def test_why_reads_every_part_of_a_hand_built_trace():
    rec = {"source": {"code": "USAGOV"}, "target": {"code": "PRK"}, "cameo": "111", "plover": "ACCUSE",
           "modality": "asserted", "date": "2019-05-05", "rule": "detente.rules.v1:verb.disapprove.criticize",
           "sentence": "The United States strongly criticized.", "trigger": "criticized",
           "trace": {"type": {"stage": "rules", "pattern": "verb.disapprove.criticize", "variant": None,
                              "trigger": "criticized"},
                     "scorer": {"stage": "scorer", "decision": "kept", "p_root": 0.4},
                     "source": {"text": "The United States", "code": "USA", "how": "'United States' is a country",
                                "entity": "country"},
                     "target": {"text": "North Korea", "code": "PRK", "how": "the article's main other actor",
                                "via": "guessed"},
                     "modality": {"value": "asserted", "cue": None},
                     "date": {"basis": "relative", "expression": "on Sunday", "note": None},
                     "attribution": {"cue": "officials said"}}}
    got = dict(why(rec))
    assert got["type"].startswith("pattern verb.disapprove.criticize on 'criticized'")
    assert got["scorer"] == "decision kept, p_root 0.4"
    assert got["source"] == "'The United States' -> USA ('United States' is a country)"
    assert got["target"].endswith("(the article's main other actor; reached: guessed)")
    assert got["date"] == "2019-05-05 relative from 'on Sunday'" and got["attribution"] == "'officials said'"
    assert explain(rec).splitlines()[0] == "USAGOV -> PRK  111 ACCUSE  [asserted]  2019-05-05"


def test_explain_command_shows_the_trace_of_real_coding():
    text = "North Korea fired a missile on Sunday. The United States strongly criticized."
    r = subprocess.run(DETENTE + ["explain", text, "--published", "2019-05-06"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "sentence: North Korea fired a missile on Sunday." in r.stdout
    assert "date: 2019-05-05 relative from 'on Sunday'" in r.stdout
    # the target the rules only guessed says so, in words and as the typed strategy
    assert "main other actor" in r.stdout and "reached: guessed" in r.stdout


def test_code_jsonl_carries_the_trace_and_explain_format_prints_it():
    r = subprocess.run(DETENTE + ["code", "-", "--format", "jsonl", "--published", "2016-02-21"], input=SEED,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    assert recs and all(rec["trace"]["type"]["pattern"] and rec["trace"]["source"]["how"] for rec in recs)
    assert all(rec["trace"]["source"].get("entity") for rec in recs)  # Washington, Pyongyang: named metonyms
    r = subprocess.run(DETENTE + ["code", "-", "--explain", "--published", "2016-02-21"], input=SEED,
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.count("  type: pattern") == len(recs)
