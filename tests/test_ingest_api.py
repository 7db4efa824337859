"""``detente.ingest_files``: the ingest loop as a library function (the CLI's ``ingest`` calls it)."""
from __future__ import annotations

import json
import logging

import pytest

import detente
from detente.store import Filters
from tests.conftest import SEED, python_ok

JAPAN = "Japan condemned North Korea's missile launch on Monday and lodged a protest with Pyongyang."
RUSSIA = "Russia condemned the launch by North Korea."


@pytest.fixture
def corpus(tmp_path):
    """Two good text files, one text file with a byte that is not UTF-8 (read with a warning), one empty
    file and a JSONL file with one good line and one broken one."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "seed.txt").write_text("Sunday, February 21, 2016\n\n" + SEED + "\n", encoding="utf-8")
    (d / "japan.txt").write_text("Monday, May 29, 2017\n\n" + JAPAN + "\n", encoding="utf-8")
    (d / "quote.txt").write_bytes(b"Tuesday, May 30, 2017\n\nChina urged North Korea\x92s leaders to exercise "
                                  b"restraint.\n")
    (d / "empty.txt").write_bytes(b"")
    (d / "feed.jsonl").write_text(json.dumps({"id": "r1", "published": "2017-05-29", "text": RUSSIA}) + "\n"
                                  + '{"id": "r2", "text": \n', encoding="utf-8")
    return d


class Progress:
    """A progress display that remembers what it was told."""

    def __init__(self):
        self.reads: list[str] = []
        self.codes: list[tuple[str, int]] = []

    def read(self, article) -> None:
        self.reads.append(article.id)

    def coded(self, coded) -> None:
        self.codes.append((coded.article.id, len(coded.events)))


def test_ingest_codes_stores_and_reports_the_broken_inputs(corpus, tmp_path, coder):
    db = tmp_path / "events.duckdb"
    errors, warnings, progress = [], [], Progress()
    result = detente.ingest_files([corpus], db, on_error=errors.append,
                                  on_warning=lambda where, msg: warnings.append((where, msg)), progress=progress)

    assert isinstance(result, detente.IngestResult)
    assert sorted((e.path.rsplit("/", 1)[-1], e.line) for e in errors) == [("empty.txt", None), ("feed.jsonl", 2)]
    assert str(errors[0]).endswith("empty.txt: empty file")
    assert [w[0].rsplit("/", 1)[-1] for w in warnings] == ["quote.txt"]
    assert (result.inputs, result.coded, result.skipped, result.failed, result.articles) == (5, 4, 0, 2, 4)
    assert result.mentions > 0 and result.seconds > 0 and result.rate > 0
    assert sorted(progress.reads) == ["japan", "quote", "r1", "seed"]
    assert sorted(a for a, _ in progress.codes) == sorted(progress.reads)
    assert sum(n for _, n in progress.codes) >= result.mentions

    with detente.open_store(str(db), read_only=True) as store:
        events = store.events(Filters(modality=None))
        assert len(events) == result.mentions
        assert {e["article_id"] for e in events} >= {"seed", "japan", "r1"}
        assert store.stats()["articles"] == 4
        assert any(e["article_id"] == "seed" and e["cameo_root"] == "12" for e in events)


def test_second_run_skips_stored_articles(corpus, tmp_path, coder):
    db = tmp_path / "events.duckdb"
    first = detente.ingest_files([corpus], str(db), on_error=lambda e: None)
    with detente.open_store(str(db)) as store:
        before = store.events(Filters(modality=None))
        again = detente.ingest_files([corpus], store, on_error=lambda e: None, batch=1)
        assert store.stats()["articles"] == 4  # the store given is left open
        assert store.events(Filters(modality=None)) == before
    assert first.articles == 4 and first.skipped == 0
    assert (again.coded, again.skipped, again.articles, again.mentions, again.failed) == (0, 4, 0, 0, 2)


def test_errors_are_logged_without_on_error(corpus, tmp_path, coder, caplog):
    with caplog.at_level(logging.WARNING, logger="detente.ingest"):
        result = detente.ingest_files([corpus / "empty.txt", corpus / "missing.txt"], tmp_path / "x.duckdb")
    assert (result.failed, result.articles) == (2, 0)
    assert sorted(r.getMessage().rsplit("/", 1)[-1] for r in caplog.records) == [
        "empty.txt: empty file", "missing.txt: no such file or directory"]


def test_opening_a_store_does_not_load_spacy(tmp_path):
    python_ok("import sys, detente.store\n"
              f"store = detente.store.open_store({str(tmp_path / 'x.duckdb')!r})\n"
              "store.close()\n"
              "import detente\n"
              f"detente.open_store({str(tmp_path / 'x.duckdb')!r}, read_only=True).close()\n"
              "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')"
              " or m == 'detente.pipeline')\n"
              "assert not loaded, loaded\n"
              "assert detente.Coder.__module__ == 'detente.pipeline'  # still there, loaded on first use\n")
