"""Merged events are a function of the articles stored: any batching, any order, and a replaced article
that held two events together parts them again (issue 19, item 4)."""
from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from datetime import date
from itertools import permutations

import pytest

from detente.model import Article
from detente.pipeline import CodedArticle
from detente.store import Filters, open_store
from tests.conftest import needs_shared
from tests.store.build import corpus, event

# Three reports of one strike: A and C share few words, B shares words with both, so only B links them.
A = "Israeli jets struck a Hamas training camp near the Gaza border on Tuesday."
B = "Israeli jets struck Hamas positions in Gaza on Tuesday, the Israeli army said, after rockets hit Sderot."
C = "After rockets hit Sderot, the army said, aircraft hit militant positions overnight."


def _merged(target: str, batches: list[list[CodedArticle]]) -> dict:
    """Store ``batches`` one transaction each; the merged events, their mentions and the reprint groups."""
    with open_store(target) as s:
        for b in batches:
            s.add(b)
        return {"events": s.query("SELECT * FROM events ORDER BY cluster_id"),
                "mentions": s.query("SELECT event_id, cluster_id FROM mentions ORDER BY event_id"),
                "copies": s.query("SELECT article_id, copy_of FROM articles ORDER BY article_id")}


def _batched(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _strike() -> list[CodedArticle]:
    def art(i, text, pub, outlet):
        return CodedArticle(Article(id=i, text=text, published=date.fromisoformat(pub), outlet=outlet),
                            [event(i, text, "ISRMIL", "PSEREB", "19", "2014-07-08")])

    return [art("sa", A, "2014-07-08", "AP"), art("sb", B, "2014-07-08", "Reuters"),
            art("sc", C, "2014-07-09", "AFP")]


def test_a_bridging_report_merges_in_any_order(tmp_path):
    from detente.store import dedup

    sig = {k: dedup.load(dedup.minhashes([dedup.evidence_tokens(t)], dedup.EVIDENCE_PERM)[0])
           for k, t in (("A", A), ("B", B), ("C", C))}
    assert dedup.jaccard(sig["A"], sig["C"]) < dedup.EVIDENCE_JACCARD  # the premise: A and C alone do not link
    assert min(dedup.jaccard(sig["A"], sig["B"]), dedup.jaccard(sig["B"], sig["C"])) >= dedup.EVIDENCE_JACCARD
    results = []
    for n, order in enumerate(permutations(_strike())):
        for size in (1, 3):
            results.append(_merged(str(tmp_path / f"o{n}-{size}.duckdb"), _batched(list(order), size)))
    assert all(r == results[0] for r in results)
    (ev,) = results[0]["events"]
    assert ev["n_mentions"] == 3 and ev["n_articles"] == 3
    assert ev["cluster_id"] == min(m["event_id"] for m in results[0]["mentions"])  # the smallest id names it


def test_replacing_the_bridge_parts_the_events(store_target):
    strike = _strike()
    with open_store(store_target) as s:
        s.add(strike)
        assert s.stats()["events"] == 1
        b2 = "Officials in Cairo met a delegation from Doha on trade."
        s.add([CodedArticle(Article(id="sb", text=b2, published=date(2014, 7, 8), outlet="Reuters"),
                            [event("sb", b2, "EGYGOV", "QATGOV", "04", "2014-07-08")])])
        got = s.query("SELECT cluster_id, n_mentions FROM events ORDER BY cluster_id")
        ids = {m["article_id"]: m["cluster_id"] for m in s.query("SELECT article_id, cluster_id FROM mentions")}
    # A and C no longer share an event, exactly as if B had never said what it first said
    assert len(got) == 3 and [g["n_mentions"] for g in got] == [1, 1, 1]
    assert len({ids["sa"], ids["sc"], ids["sb"]}) == 3


def test_undated_mentions_link_whatever_the_batch(tmp_path):
    """An undated mention links to nothing (issue 18: dates must agree at their precision), and the result is
    the same whatever the batches and their order."""
    def art(i, text, pub, when):
        return CodedArticle(Article(id=i, text=text, published=date.fromisoformat(pub) if pub else None),
                            [event(i, text, "ISRMIL", "PSEREB", "19", when)])

    arts = [art("old", A, "2010-01-05", "2010-01-05"),  # years before the rest
            art("undated", B, None, None),              # no date at all: links to neither
            art("new", C, "2014-07-09", "2014-07-09")]
    one = _merged(str(tmp_path / "one.duckdb"), [arts])
    assert len(one["events"]) == 3
    for n, order in enumerate(permutations(arts)):
        for size in (1, 2):
            assert _merged(str(tmp_path / f"u{n}-{size}.duckdb"), _batched(list(order), size)) == one


def test_reprint_groups_in_any_order(tmp_path):
    arts = corpus()  # a3 reprints a1
    base = _merged(str(tmp_path / "base.duckdb"), [arts])
    assert {r["article_id"]: r["copy_of"] for r in base["copies"]}["a3"] == "a1"
    rng = random.Random(19)
    for n in range(6):
        order = arts[:]
        rng.shuffle(order)
        assert _merged(str(tmp_path / f"r{n}.duckdb"), _batched(order, rng.choice([1, 2, 4]))) == base


@pytest.mark.parametrize("text,n", [("%", 1), ("_", 1), ("north%korea", 0), ("north_korea", 0),
                                    ("NORTH KOREA", 3), ("50%", 1), ("a_b", 1), ("\\", 1)])
def test_text_filter_is_literal(store_target, text, n):
    """``%`` and ``_`` in a text filter are characters, not LIKE wildcards (issue 19, item 8)."""
    extra = [CodedArticle(Article(id=i, text=t, published=date(2016, 3, 20), outlet="AP"),
                          [event(i, t, "USAGOV", "CHNGOV", "04", "2016-03-20")])
             for i, t in (("p1", "Tariffs rose 50% as the a_b talks began."), ("p2", "A back\\slash in the minutes."))]
    with open_store(store_target) as s:
        s.add(corpus() + extra)
        assert len(s.events(Filters(text=text))) == n
        assert len(s.events(Filters(text=text), merged=True)) <= n


def _allsides(days: int, undated: int) -> list[Article]:
    """Every article of the ``days`` busiest publication days of the allsides set, and ``undated`` undated ones."""
    from detente.ingest.readers import make_article

    rows = []
    with gzip.open(needs_shared("allsides_international_news.jsonl.gz"), "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    busiest = {d for d, _ in sorted(Counter(r["date"][:10] for r in rows if r["date"]).items(),
                                    key=lambda kv: (-kv[1], kv[0]))[:days]}
    pick = [r for r in rows if r["date"][:10] in busiest] + [r for r in rows if not r["date"]][:undated]
    return [make_article(id=r["ID"], text=r["content_original"], title=r["title"], outlet=r["source"],
                         published=date.fromisoformat(r["date"][:10]) if r["date"] else None, look_at_header=False)
            for r in pick]


@pytest.mark.slow
def test_real_articles_any_batching_and_order(coder, tmp_path):
    """A few dozen real articles (three busy news days, some undated), stored in several batchings and orders:
    one set of merged events. Before issue 19: 3,658 merged events with the default batch and 3,671 with
    --batch 1 on the whole allsides set."""
    coded = list(coder.code_articles(_allsides(days=3, undated=6)))
    assert len(coded) >= 30 and sum(len(c.events) for c in coded) >= 300
    base = _merged(str(tmp_path / "base.duckdb"), [coded])
    merged_some = sum(1 for e in base["events"] if e["n_mentions"] > 1)
    # the stricter merge rule of issue 18 (dates agree at their precision, more words shared) merges far less
    # than the rule this test was written for (10 or more here); one merge still exercises the ordering
    assert merged_some >= 1, merged_some
    rng = random.Random(4)
    runs = [(coded, 1), (coded, 7), (coded[::-1], 64)]
    for _ in range(3):
        order = coded[:]
        rng.shuffle(order)
        runs.append((order, rng.choice([1, 5, 16])))
    for n, (order, size) in enumerate(runs):
        got = _merged(str(tmp_path / f"run{n}.duckdb"), _batched(order, size))
        assert len(got["events"]) == len(base["events"]), (n, size)
        assert got == base, (n, size)
