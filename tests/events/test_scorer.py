"""The scorer stage: candidates, decisions (keep, drop, retype, add) and traces, with a scorer built by hand;
then the shipped ONNX weights, loaded offline."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from detente.events.scorer import ROOTS, candidate_text
from detente.events.scorer.stage import ScorerStage
from detente.ingest.readers import make_article


class HandScorer:
    """Answers from a table: (source country, target country) -> {root: probability}."""

    name = "detente.scorer.hand"
    roots = list(ROOTS)
    rules = True
    thresholds = {"keep": 0.2, "retype": 0.1, "add": 0.6}

    def __init__(self, table):
        self.table = table
        self.seen = []

    def score(self, pairs):
        out = np.zeros((len(pairs), len(ROOTS)), dtype=np.float32)
        for i, (first, second) in enumerate(pairs):
            self.seen.append(first)
            for (s, t), roots in self.table.items():
                if first.split("]")[0].endswith(f"[{s}") and (
                        (t is None and "no target" in first) or (t is not None and f"-> " in first
                                                                 and f"[{t}]" in first.split("->")[1])):
                    for r, p in roots.items():
                        out[i, ROOTS.index(r)] = p
        return out


def run(coder, text, table, *, use_rules=True):
    stage = ScorerStage(HandScorer(table), use_rules=use_rules)
    old = coder.rules.scorer_stage
    coder.rules.scorer_stage = stage
    try:
        art = make_article(id="t", text=text, published=date(2016, 2, 21))
        return coder.code_article(art).events, stage
    finally:
        coder.rules.scorer_stage = old


def test_rule_event_kept_with_trace(coder):
    evs, _ = run(coder, "Japan condemned North Korea's missile launch.", {("JPN", "PRK"): {"11": 0.9}})
    ev = next(e for e in evs if e.source.country == "JPN")
    assert ev.cameo_root == "11" and ev.extra["trace"]["scorer"]["decision"] == "kept"
    assert ev.extra["trace"]["scorer"]["p_root"] == pytest.approx(0.9, abs=1e-3)


def test_rule_event_dropped_when_the_model_sees_nothing(coder):
    evs, _ = run(coder, "Japan condemned North Korea's missile launch.", {})
    assert not any(e.source and e.source.country == "JPN" and e.modality == "asserted" for e in evs)


def test_rule_event_retyped(coder):
    evs, _ = run(coder, "Japan condemned North Korea's missile launch.", {("JPN", "PRK"): {"11": 0.05, "14": 0.8}})
    ev = next(e for e in evs if e.source.country == "JPN")
    assert ev.cameo_root == "14" and "retyped" in ev.rule and ev.extra["trace"]["scorer"]["decision"] == "retyped"


def test_model_adds_an_event_no_rule_coded(coder):
    text = "Germany laid the blame at Ukraine’s door."
    evs, stage = run(coder, text, {("DEU", "UKR"): {"11": 0.9}})
    ev = next(e for e in evs if e.source and e.source.country == "DEU" and e.target and e.target.country == "UKR")
    assert ev.cameo_root == "11" and ev.rule.startswith("detente.scorer")
    assert ev.extra["trace"]["scorer"]["decision"] == "added" and ev.modality == "asserted"
    assert ev.date == "2016-02-21" and ev.sentence == text


def test_model_event_takes_modality_from_the_rules(coder):
    evs, _ = run(coder, "Germany could lay the blame at Ukraine’s door.", {("DEU", "UKR"): {"11": 0.9}})
    ev = next(e for e in evs if e.source and e.source.country == "DEU")
    assert ev.modality == "hypothetical"


def test_model_only_outputs_no_rule_event(coder):
    evs, _ = run(coder, "Japan condemned North Korea's missile launch.", {("JPN", "PRK"): {"11": 0.3}},
                 use_rules=False)
    assert not [e for e in evs if e.modality == "asserted"]
    evs, _ = run(coder, "Japan condemned North Korea's missile launch.", {("JPN", "PRK"): {"11": 0.9}},
                 use_rules=False)
    assert [e.cameo_root for e in evs if e.modality == "asserted"] == ["11"]


def test_candidates_cover_pairs_domestic_and_no_target(coder):
    _, stage = run(coder, "Japan condemned North Korea's missile launch.", {})
    seen = stage.scorer.seen
    assert any(s.startswith("Japan [JPN] -> North Korea [PRK] ; rules: 11") or
               ("[JPN] -> " in s and "[PRK]" in s and "rules: 11" in s) for s in seen)
    # a country with itself only where two phrases name it: not here
    assert not any("[JPN] -> " in s and s.split("->")[1].strip().startswith("Japan [JPN]") for s in seen)
    assert any("[PRK] -> no target" in s for s in seen)


def test_candidate_text_without_rules():
    from detente.events.scorer.candidates import Candidate
    from detente.model import Actor

    c = Candidate("S.", Actor("USAGOV", "USA", "GOV", None, "Washington"), None, 0, None)
    assert candidate_text(c) == ("Washington [USA] -> no target ; rules: none", "S.")
    assert candidate_text(c, rules=False) == ("Washington [USA] -> no target", "S.")


def test_missing_weights_are_reported(tmp_path):
    from detente.events.scorer.runtime import Scorer, ScorerUnavailable

    with pytest.raises(ScorerUnavailable, match="no scorer weights"):
        Scorer(tmp_path)


def test_shipped_weights_load_offline_and_score():
    from detente.events.scorer.runtime import Scorer, data_dir

    if not (data_dir() / "scorer.onnx").exists():
        pytest.skip("no shipped scorer weights")
    s = Scorer()
    p = s.score([("Japan [JPN] -> North Korea [PRK] ; rules: 11 asserted",
                  "Japan condemned North Korea's missile launch."),
                 ("Japan [JPN] -> no target ; rules: none", "The weather in Tokyo was fine.")])
    assert p.shape == (2, 20) and ((p >= 0) & (p <= 1)).all()
    assert p[0].max() > p[1].max()
