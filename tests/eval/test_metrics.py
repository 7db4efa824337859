"""Metric functions on tiny hand-built inputs, exact values."""
from __future__ import annotations

import pytest

from detente.eval.gold import GoldActor
from detente.eval.labels import penta_of_root, plv_type
from detente.eval.match import actor_matches
from detente.eval.metrics import accuracy, prf, rate
from detente.eval.overlap import find_overlaps
from detente.model import Actor


def test_prf_single_label_exact():
    gold = ["A", "A", "B", "B", "C"]
    pred = ["A", "B", "B", "NONE", "A"]
    r = prf(gold, pred, ignore=["NONE"])
    a, b, c = r["labels"]["A"], r["labels"]["B"], r["labels"]["C"]
    assert (a["tp"], a["fp"], a["fn"]) == (1, 1, 1) and a["p"] == 0.5 and a["r"] == 0.5 and a["f1"] == 0.5
    assert b["p"] == 0.5 and b["r"] == 0.5 and b["f1"] == 0.5
    assert c == {"p": 0.0, "r": 0.0, "f1": 0.0, "support": 1, "tp": 0, "fp": 0, "fn": 1}
    assert r["macro"]["f1"] == pytest.approx(1 / 3)
    assert r["micro"]["p"] == pytest.approx(2 / 4) and r["micro"]["r"] == pytest.approx(2 / 5)
    assert "NONE" not in r["labels"]


def test_prf_sets_and_macro_over_gold_labels_only():
    r = prf([{"04", "17"}, set()], [{"04", "11"}, {"19"}])
    assert r["labels"]["04"]["f1"] == 1.0
    assert r["labels"]["17"]["r"] == 0.0 and r["labels"]["11"]["support"] == 0
    assert r["macro"]["f1"] == pytest.approx(0.5)  # 04 and 17 have support; 11 and 19 do not
    assert r["micro"]["p"] == pytest.approx(1 / 3) and r["micro"]["r"] == pytest.approx(1 / 2)


def test_prf_length_mismatch():
    with pytest.raises(ValueError, match="gold has 1 items, pred 2"):
        prf(["A"], ["A", "B"])


def test_accuracy_and_rate():
    assert accuracy([1, 2, 3, 4], [1, 2, 0, 4]) == 0.75
    assert accuracy([], []) == 0.0
    assert rate(3, 4) == 0.75 and rate(1, 0) == 0.0


@pytest.mark.parametrize("root,penta", [("01", 0), ("02", 0), ("03", 1), ("05", 1), ("06", 2), ("08", 2),
                                        ("09", 3), ("13", 3), ("14", 4), ("20", 4), (None, 0)])
def test_penta_of_root(root, penta):
    assert penta_of_root(root) == penta


def test_conflibert_puts_reduced_relations_in_verbal_conflict():
    assert penta_of_root("163", "conflibert") == 3 and penta_of_root("163") == 4
    assert penta_of_root("190", "conflibert") == 4 and penta_of_root("112", "conflibert") == 3


def test_plv_type_merges_yield():
    assert plv_type("CONCEDE") == plv_type("RETREAT") == "YIELD" and plv_type("REJECT") == "REJECT"


def _actor(text, country):
    return Actor(code=country, country=country, sector=None, name=None, text=text)


def test_actor_match_by_country_words_or_wildcard():
    assert actor_matches(_actor("Tehran", "IRN"), [GoldActor("Iranian Foreign Minister", frozenset({"IRN"}))])
    assert actor_matches(_actor("Zarif", None), [GoldActor("Iranian Foreign Minister Mohammad Javad Zarif")])
    assert not actor_matches(_actor("US officials", "USA"), [GoldActor("Iranian officials", frozenset({"IRN"}))])
    assert actor_matches(_actor("rebels", None), [GoldActor("", frozenset({"*"}))])
    assert not actor_matches(None, [GoldActor("", frozenset({"*"}))])


def test_overlap_finds_edited_repeats_across_sets_only():
    sets = {"a": [("a:1", "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate."),
                  ("a:2", "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate closely.")],
            "b": [("b:1", "Senior Hungarian and Romanian officials agreed on Tuesday to cooperate."),
                  ("b:2", "Rebels shelled the city.")]}
    ov = find_overlaps(sets)
    assert ov["a:1"] == {"b"} and ov["b:1"] == {"a"} and "b:2" not in ov
