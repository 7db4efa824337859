"""The dense corpus: its files are valid, its evidence is in the articles, its splits hold; the scorer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.eval.corpus import (CORPUS_DIR, Article, check_code, check_date, load_corpus, read_index, validate,
                                 validate_article)
from detente.eval.corpus_score import agreement, align, head, score, sentence_of
from tests.conftest import SHARED, needs_shared

CODES = {"01", "010", "05", "051", "11", "112", "12", "19", "190", "04", "042", "10", "16", "163"}


def ev(i, evidence, src, tgt, cameo, *, roots=None, modality="asserted", required=False, date="2019-10-27",
       attribution="-"):
    return {"id": f"e{i}", "evidence": evidence, "source": {"text": src, "code": src} if src else None,
            "target": {"text": tgt, "code": tgt} if tgt else None, "cameo": cameo,
            "roots": roots or [cameo[:2]], "modality": modality, "date": date, "attribution": attribution,
            "required": required}


def out(sentence, src, tgt, cameo, *, modality="asserted", date="2019-10-27", attribution=None, article="a"):
    return {"article_id": article, "sentence": sentence, "source": {"code": src, "country": src[:3]} if src else None,
            "target": {"code": tgt, "country": tgt[:3]} if tgt else None, "cameo": cameo, "cameo_root": cameo[:2],
            "modality": modality, "date": date, "attribution": attribution}


# ---- the schema, on hand-built codings

TEXT = "Russia condemned the strike on Monday. China did not sign the deal."


def test_valid_article_has_no_problems():
    spec = {"published": "2019-10-27", "coders": ["c1"],
            "events": [ev(1, "Russia condemned the strike", "RUSGOV", "USA", "112"),
                       ev(2, "China did not sign the deal", "CHN", None, "05", modality="negated")]}
    assert validate_article("a", spec, TEXT, CODES) == []


@pytest.mark.parametrize("change,message", [
    ({"evidence": "Russia praised the strike"}, "evidence not found"),
    ({"cameo": "999"}, "no CAMEO code"),
    ({"roots": ["11", "1"]}, "two-digit CAMEO roots"),
    ({"roots": ["05"]}, "must include the root"),
    ({"modality": "maybe"}, "modality 'maybe'"),
    ({"date": "last week"}, "is not YYYY"),
    ({"source": {"text": "Russia", "code": "RUSGOVX"}}, "three letters"),
    ({"source": {"text": "Russia", "code": "QQQ"}}, "no country or organisation"),
    ({"source": {"text": "Russia", "code": "RUSABC"}}, "unknown sector ABC"),
    ({"source": None, "target": None}, "neither source nor target"),
    ({"required": "yes"}, "true or false"),
    ({"colour": "red"}, "unknown keys"),
])
def test_invalid_event_is_named(change, message):
    e = {**ev(1, "Russia condemned the strike", "RUSGOV", "USA", "112"), **change}
    problems = validate_article("a", {"published": None, "coders": ["c1"], "events": [e]}, TEXT, CODES)
    assert any(message in p for p in problems), problems


def test_codes_and_dates():
    assert check_code("IMGMUSINS") == [] and check_code("NATO") == [] and check_code("UNOGOV") == []
    assert check_code("XYZ")
    assert check_date("2019-09-14/2019-09-19") and check_date("-") and check_date("2019")
    assert not check_date("2019/09/14/x") and not check_date("Sunday")


def test_head_of_codes():
    assert head("USAGOV") == "USA" and head("NATOMIL") == "NATO" and head("IMGMUSINS") == "IMG" and head(None) is None


# ---- the corpus in the repository

def test_corpus_files_are_valid_and_evidence_is_in_the_articles():
    needs_shared("allsides_international_news.jsonl.gz")
    files = sorted((CORPUS_DIR / "batches").glob("*.yaml")) + sorted((CORPUS_DIR / "double").glob("*.yaml"))
    assert files
    assert validate(files, SHARED) == []


def test_splits_are_by_article_and_exclude_the_dev_articles():
    index = read_index()
    assert {r["split"] for r in index.values()} == {"train", "dev", "test"}
    dev_path = SHARED / "dev_articles" / "articles.jsonl"
    if dev_path.exists():
        dev_ids = {json.loads(line)["id"] for line in dev_path.open(encoding="utf-8")}
        assert not dev_ids & set(index)
    groups = {r["group"] for r in index.values()}
    for split in ("dev", "test"):
        assert {r["group"] for r in index.values() if r["split"] == split} == groups  # stratified by topic
    nk = sum(r["group"] == "north_korea" for r in index.values())
    assert nk <= len(index) / 5
    corpus = load_corpus()
    assert set(corpus) <= set(index)
    counts = {s: sum(a.split == s for a in corpus.values()) for s in ("train", "dev", "test")}
    assert counts["train"] >= 200 and counts["dev"] >= 50 and counts["test"] >= 50, counts


def test_no_article_text_in_the_repo():
    """Evidence strings are short extracts; no file of the corpus carries a whole paragraph."""
    for a in load_corpus().values():
        assert all(len(e["evidence"]) <= 300 for e in a.events), a.id
    for p in (CORPUS_DIR / "batches").glob("*.yaml"):
        assert p.stat().st_size < 2_000_000


# ---- scoring

def _corpus(events, group="world"):
    return {"a": Article(id="a", published="2019-10-27", coders=["c1"], events=events, file="x", split="dev",
                         group=group)}


S1 = "Russia condemned the US strike on Monday, officials said."
S2 = "China did not sign the deal with Japan."


def test_precision_recall_and_one_to_one():
    gold = _corpus([ev(1, "Russia condemned the US strike", "RUSGOV", "USA", "112", required=True),
                    ev(2, "China did not sign the deal", "CHN", "JPN", "057", roots=["05"], modality="negated")])
    outs = {"a": [out(S1, "RUSGOV", "USAGOV", "111"), out(S1, "RUS", "USA", "110"),  # same event twice
                  out(S2, "CHN", "JPN", "057")]}                                       # negated, output asserted
    r = score(gold, outs, sealed=False)
    assert r["matched"] == 1 and r["events_out"] == 3 and r["gold_events"] == 1
    assert r["precision"] == pytest.approx(0.333, abs=1e-3) and r["recall"] == 1.0 and r["required_recall"] == 1.0
    assert r["asserted_but_not"] == 1
    assert r["modality_confusion"]["negated"] == {"asserted": 1}
    assert r["modality_confusion"]["asserted"] == {"asserted": 1}
    assert len(r["unmatched"]) == 2 and r["misses"] == []
    assert r["by_root"]["11"]["gold"] == 1 and r["by_topic"]["world"]["gold"] == 1


def test_null_target_must_meet_null_and_pair_accuracy():
    gold = _corpus([ev(1, "Russia condemned the US strike", "RUSGOV", None, "11")])
    r = score(gold, {"a": [out(S1, "RUS", "USA", "112")]}, sealed=False)
    assert r["matched"] == 0 and r["pair_accuracy"] == 0.0 and r["misses"][0]["id"] == "e1"
    r = score(gold, {"a": [out(S1, "RUS", None, "112")]}, sealed=False)
    assert r["matched"] == 1 and r["pair_accuracy"] == 1.0 and r["root_accuracy"] == 1.0


def test_wrong_root_counts_against_root_accuracy():
    gold = _corpus([ev(1, "Russia condemned the US strike", "RUS", "USA", "11")])
    r = score(gold, {"a": [out(S1, "RUS", "USA", "190")]}, sealed=False)
    assert r["matched"] == 0 and r["root_accuracy"] == 0.0 and r["pair_accuracy"] is None


def test_dates_and_attribution_on_matched_events():
    gold = _corpus([ev(1, "Russia condemned the US strike", "RUS", "USA", "11", date="2019-10-21",
                       attribution="officials")])
    r = score(gold, {"a": [out(S1, "RUS", "USA", "112", date="2019-10-21",
                               attribution={"text": "officials said"})]}, sealed=False)
    assert r["dates"] == "1/1" and r["attribution"] == "1/1"
    r = score(gold, {"a": [out(S1, "RUS", "USA", "112", date="2019-10-27")]}, sealed=False)
    assert r["dates"] == "0/1" and r["attribution"] == "0/1"


def test_sealed_split_reports_aggregates_only():
    gold = _corpus([ev(1, "Russia condemned the US strike", "RUS", "USA", "11")])
    r = score(gold, {"a": [out(S2, "CHN", "JPN", "057")]}, sealed=True)
    assert r["recall"] == 0.0 and r["precision"] == 0.0
    for key in ("misses", "unmatched", "by_root", "by_topic", "wrong_by_kind"):
        assert key not in r
    assert S2 not in json.dumps(r) and "Russia" not in json.dumps(r)


def test_wrong_events_by_kind():
    """Each unmatched asserted output event is counted under why it is wrong, against its sentence's gold."""
    gold = _corpus([ev(1, "Russia condemned the US strike", "RUSGOV", "USA", "11"),
                    ev(2, "China did not sign the deal", "CHN", "JPN", "057", roots=["05"], modality="negated")])
    s3 = "Talks went on in Geneva."
    outs = {"a": [out(S1, "RUS", "USA", "190"),    # the pair right, the root wrong
                  out(S1, "USA", "RUS", "111"),    # reversed
                  out(S1, "RUS", None, "111"),     # null where the gold names a target
                  out(S1, "RUS", "CHN", "111"),    # another country
                  out(S1, "RUS", "RUS", "111"),    # the source's own country, where the gold's is another
                  out(S1, "CHN", "USA", "111"),    # the source wrong
                  out(S1, "CHN", "JPN", "040"),    # both wrong
                  out(S2, "CHN", "JPN", "057"),    # only a negated event there
                  out(s3, "CHE", None, "040")]}    # no gold event in the sentence
    r = score(gold, outs, sealed=False)
    assert r["wrong_by_kind"] == {"no gold event in the sentence": 1, "the sentence's gold events are not asserted": 1,
                                  "root wrong": 1, "reversed": 1, "target wrong: null where the gold names one": 1,
                                  "target wrong: another country": 2, "source wrong": 1, "pair wrong": 1}
    gold = _corpus([ev(1, "Russia condemned the US strike", "RUS", "RUS", "11"),
                    ev(2, "China did not sign the deal", "CHN", None, "11")])
    r = score(gold, {"a": [out(S1, "RUS", "USA", "111"), out(S2, "CHN", "JPN", "111")]}, sealed=False)
    assert r["wrong_by_kind"] == {"target wrong: named where the gold has none": 1,
                                  "target wrong: another country where the gold's is the source's own": 1}


def test_agreement_between_two_codings():
    a = _corpus([ev(1, "Russia condemned the US strike", "RUSGOV", "USA", "112"),
                 ev(2, "China did not sign the deal", "CHN", "JPN", "057", roots=["05"], modality="negated")])
    b = _corpus([ev(1, "condemned the US strike on Monday", "RUS", "USA", "111", roots=["11"]),
                 ev(2, "did not sign the deal with Japan", "CHN", "JPN", "05", modality="asserted"),
                 ev(3, "officials said", "USA", None, "010")])
    for texts in (None, {"a": f"{S1} {S2}"}):
        r = agreement(a, b, texts)
        assert r["matched"] == 2 and r["event_f1"] == pytest.approx(0.8)
        assert r["root_agreement"] == 1.0 and r["cameo_agreement"] == 0.0
        assert r["actor_code_agreement"] == 0.5 and r["modality_agreement"] == 0.5


def test_sentence_of():
    text = "He said “no.” Then Russia left. U.S. officials spoke.\nChina agreed."
    assert sentence_of(text, "He said") == 0 and sentence_of(text, "Russia left") == 1
    assert sentence_of(text, "officials spoke") == 2 and sentence_of(text, "China agreed") == 3
    assert sentence_of(text, "absent") is None


def test_align_respects_modality():
    g = [ev(1, "China did not sign the deal", "CHN", "JPN", "057", roots=["05"], modality="negated")]
    o = [out(S2, "CHN", "JPN", "057", modality="negated")]
    assert align(g, o) == [(0, 0)]
    assert align(g, [out(S2, "CHN", "JPN", "057")]) == []
