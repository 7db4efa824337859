"""The date-basis filter (issue 17): events dated by the text, by an inferred date, or by the article's date alone,
on every backend, on the command line, in the API and on the events page."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from detente.errors import InputError
from detente.store import Filters, open_store
from tests.store.build import corpus

BASES = ["explicit", "relative", "inferred", "publication", "explicit", "relative", "inferred", "publication"]


def based_corpus():
    """The hand-built corpus with its eight events' bases set in turn (the last is negated)."""
    out, k = [], 0
    for c in corpus():
        evs = []
        for e in c.events:
            evs.append(replace(e, date_basis=BASES[k]))
            k += 1
        out.append(replace(c, events=evs))
    return out


@pytest.fixture
def store(store_target):
    with open_store(store_target) as s:
        s.add(based_corpus())
        yield s


def test_filter_by_how_the_date_was_found(store):
    def bases(**kw):
        return sorted(r["date_basis"] for r in store.events(Filters(modality="all", **kw)))

    assert bases() == sorted(BASES)
    assert bases(date_basis="inferred") == ["inferred", "inferred"]
    assert bases(date_basis="relative, explicit") == ["explicit", "explicit", "relative", "relative"]
    assert set(bases(date_basis="explicit,relative,inferred")) == {"explicit", "relative", "inferred"}
    # with the other filters: inferred dates are in a period like any other
    got = store.events(Filters(date_basis="inferred", since="2016-02-21", until="2016-03-31"))
    assert [r["date_basis"] for r in got] == ["inferred"] * len(got) and got
    assert len(store.clusters(Filters(date_basis="publication"))) >= 1


def test_an_unknown_basis_is_named():
    with pytest.raises(InputError, match=r"date_basis='explicit,guessed': guessed unknown; choose from explicit, "):
        Filters(date_basis="explicit,guessed")
    assert Filters(date_basis=" ").date_basis is None


def test_the_command_line_option(tmp_path):
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as s:
        s.add(based_corpus())

    def run(*args):
        return subprocess.run([sys.executable, "-m", "detente", "events", "--db", db, *args], capture_output=True,
                              text=True)

    r = run("--date-basis", "inferred", "--format", "jsonl", "--modality", "all")
    assert r.returncode == 0, r.stderr
    assert [json.loads(x)["date_basis"] for x in r.stdout.splitlines()] == ["inferred", "inferred"]
    r = run("--date-basis", "guessed")
    assert r.returncode != 0 and "--date-basis" in r.stderr and "guessed unknown" in r.stderr


def test_the_api_and_the_events_page(tmp_path):
    from fastapi.testclient import TestClient

    from detente.api import create_app
    from detente.config import Settings

    db = str(tmp_path / "s.duckdb")
    with open_store(db) as s:
        s.add(based_corpus())
    with TestClient(create_app(Settings(db=db, token=None))) as c:
        r = c.get("/api/events", params={"date_basis": "inferred", "modality": "all"})
        assert r.status_code == 200, r.text
        body = r.json()
        recs = body["events"] if isinstance(body, dict) else body
        assert recs and {e["date_basis"] for e in recs} == {"inferred"}
        r = c.get("/api/events", params={"date_basis": "guessed"})
        assert r.status_code == 400 and "guessed unknown" in r.text
        page = c.get("/events", params={"date_basis": "explicit,relative,inferred"})
        assert page.status_code == 200
        assert '<option value="explicit,relative,inferred" selected>the text or an inferred date</option>' in page.text
