"""Speakers in the merge rule (issue 18): mentions whose attributed speakers have two different codes are two
claims, never one event; a mention without a coded speaker conflicts with none. Merging stays a function of the
mentions stored, whatever the batching and order."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import permutations

from detente.model import Article, Attribution
from detente.pipeline import CodedArticle
from detente.store import dedup, open_store
from tests.store.build import actor, event

S_A = "North Korea rejected the proposal for nuclear talks from Washington on Monday."
S_B = "North Korea rejected the Washington proposal on nuclear talks on Monday, officials said."
S_C = "On Monday North Korea rejected the proposal from Washington for nuclear talks."


def _said(code: str | None) -> Attribution:
    return Attribution(text=f"{code or 'someone'} said", speaker=actor(code) if code else None)


def _art(i: str, sentence: str, speaker: str | None) -> CodedArticle:
    ev = event(i, sentence, "PRKGOV", "USAGOV", "12", "2016-02-22")
    return CodedArticle(Article(id=i, text=sentence, published=date(2016, 2, 23), outlet=f"outlet {i}"),
                        [replace(ev, attribution=_said(speaker))])


def _clusters(target: str, batches: list[list[CodedArticle]]) -> dict[str, str]:
    with open_store(target) as s:
        for b in batches:
            s.add(b)
        return {r["article_id"]: r["cluster_id"] for r in s.query("SELECT article_id, cluster_id FROM mentions")}


def test_speaker_code_of_a_record():
    assert dedup.speaker({"attribution": {"speaker": {"code": "USAGOV"}}}) == "USAGOV"
    assert dedup.speaker('{"attribution": {"text": "officials said", "speaker": null}}') is None
    assert dedup.speaker({"attribution": None}) is None
    assert dedup.speakers_agree("USAGOV", None) and dedup.speakers_agree("USAGOV", "USAGOV")
    assert not dedup.speakers_agree("USAGOV", "CHNGOV")


def test_different_speakers_do_not_merge(store_target):
    got = _clusters(store_target, [[_art("a1", S_A, "USAGOV"), _art("a2", S_B, "CHNGOV")]])
    assert got["a1"] != got["a2"]


def test_same_or_unknown_speaker_merges(store_target):
    got = _clusters(store_target, [[_art("a1", S_A, "USAGOV"), _art("a2", S_B, "USAGOV"), _art("a3", S_C, None)]])
    assert got["a1"] == got["a2"] == got["a3"]


def test_speaker_rule_independent_of_batches_and_order(tmp_path):
    arts = [_art("a1", S_A, "USAGOV"), _art("a2", S_B, "CHNGOV"), _art("a3", S_C, "USAGOV")]
    want = None
    for n, order in enumerate(permutations(arts)):
        for size in (1, 2, 3):
            batches = [list(order[i:i + size]) for i in range(0, 3, size)]
            got = _clusters(str(tmp_path / f"s{n}-{size}.duckdb"), batches)
            want = want or got
            assert got == want
    assert want["a1"] == want["a3"] != want["a2"]


def test_replacing_an_article_reclusters_with_speakers(store_target):
    with open_store(store_target) as s:
        s.add([_art("a1", S_A, "USAGOV"), _art("a2", S_B, "USAGOV")])
        first = {r["article_id"]: r["cluster_id"] for r in s.query("SELECT article_id, cluster_id FROM mentions")}
        assert first["a1"] == first["a2"]
        s.add([_art("a2", S_B + " Again.", "CHNGOV")])  # new text, another speaker: the event parts
        got = {r["article_id"]: r["cluster_id"] for r in s.query("SELECT article_id, cluster_id FROM mentions")}
    assert got["a1"] != got["a2"]
