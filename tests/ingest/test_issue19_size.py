"""Issue 19, item 6: an article over the size limit (default 1 MB, DETENTE_MAX_ARTICLE_MB, ``max_article_mb``)
is an InputError naming its file (and line); the inputs after it are still read and coded."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from detente.errors import ArticleTooLargeError, ConfigError, InputError
from detente.ingest import iter_articles
from detente.ingest.readers import MAX_ARTICLE_ENV, max_article_bytes

SENTENCE = "Iran rejected the proposal by Iraq on Monday. "


def collect(*paths, **kw):
    errors = []
    arts = list(iter_articles(paths, on_error=errors.append, **kw))
    return arts, errors


@pytest.fixture
def files(tmp_path):
    big = tmp_path / "a_big.txt"
    big.write_text(SENTENCE * 40)  # 1,840 bytes
    good = tmp_path / "b_good.txt"
    good.write_text(SENTENCE)
    return big, good


def test_article_over_the_limit_is_named_and_the_next_is_read(files):
    big, good = files
    arts, (e,) = collect(big, good, max_article_mb=0.001)
    assert [a.id for a in arts] == ["b_good"]
    assert isinstance(e, ArticleTooLargeError) and isinstance(e, InputError) and e.path == str(big)
    assert str(e) == (f"{big}: article too large: 0.00184 MB of text, over the limit of 0.001 MB per article "
                      f"({MAX_ARTICLE_ENV}=MB changes it, 0 for no limit)")


def test_limit_from_the_environment(files, monkeypatch):
    big, good = files
    monkeypatch.setenv(MAX_ARTICLE_ENV, "0.001")
    arts, errs = collect(big, good)
    assert [a.id for a in arts] == ["b_good"] and len(errs) == 1
    monkeypatch.setenv(MAX_ARTICLE_ENV, "0")  # no limit
    arts, errs = collect(big, good)
    assert len(arts) == 2 and errs == []


def test_default_is_one_megabyte(tmp_path, monkeypatch):
    monkeypatch.delenv(MAX_ARTICLE_ENV, raising=False)
    assert max_article_bytes() == 1_000_000
    over, under = tmp_path / "over.txt", tmp_path / "under.txt"
    over.write_text("a" * 1_000_001)
    under.write_text("a" * 999_999)
    arts, (e,) = collect(over, under)
    assert [a.id for a in arts] == ["under"] and e.path == str(over) and "1 MB per article" in str(e)


def test_a_record_over_the_limit_is_named_by_line(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(json.dumps({"id": f"r{i}", "text": SENTENCE * (40 if i == 2 else 1)})
                           for i in range(1, 4)) + "\n")
    arts, (e,) = collect(p, max_article_mb=0.001)
    assert [a.id for a in arts] == ["r1", "r3"] and e.line == 2 and str(e).startswith(f"{p}:2: article too large")


def test_the_limit_counts_utf8_bytes(tmp_path):
    p = tmp_path / "ru.txt"
    p.write_text("Иран" * 200)  # 800 characters, 1,600 bytes
    assert collect(p, max_article_mb=0.001)[1] and not collect(p, max_article_mb=0.002)[1]


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "1MB"])
def test_bad_setting_is_a_config_error_before_reading(monkeypatch, value):
    monkeypatch.setenv(MAX_ARTICLE_ENV, value)
    with pytest.raises(ConfigError, match=MAX_ARTICLE_ENV if value in ("abc", "1MB") else "0 \\(no limit\\)"):
        iter_articles(["does-not-matter.txt"])


@pytest.mark.slow
def test_20_mb_article_refused_and_the_next_file_coded(tmp_path):
    """Before: a 20 MB article ran for 50 minutes (2.8 GB and rising) and the file after it was never coded."""
    big = tmp_path / "a_big.txt"
    big.write_text(SENTENCE * (20_000_000 // len(SENTENCE)))
    good = tmp_path / "b_good.txt"
    good.write_text(SENTENCE)
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "detente", "code", str(big), str(good), "-f", "jsonl"],
                       capture_output=True, text=True, timeout=600)
    assert time.monotonic() - t0 < 300
    assert r.returncode == 1, r.stderr[-2000:]
    assert f"error: {big}: article too large: 20 MB of text, over the limit of 1 MB per article" in r.stderr
    assert [json.loads(ln)["article_id"] for ln in r.stdout.splitlines()] == ["b_good"]
