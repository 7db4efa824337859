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
    thresholds = {"keep": 0.2, "retype": 0.1, "add": 0.6}

    def __init__(self, table):
        self.table = table
        self.seen = []

    def score(self, sent, cands):
        out = np.zeros((len(cands), len(ROOTS)), dtype=np.float32)
        for i, c in enumerate(cands):
            self.seen.append(c)
            for r, p in self.table.get(c.key, {}).items():
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
    seen = {c.key: c for c in stage.scorer.seen}
    assert [e.cameo_root for e in seen[("JPN", "PRK")].rules] == ["11"]
    assert ("PRK", "JPN") in seen and ("PRK", None) in seen and ("JPN", None) in seen
    # a country with itself only where two phrases name it: not here
    assert ("JPN", "JPN") not in seen
    c = seen[("JPN", "PRK")]
    assert c.source_span is not None and c.target_span is not None


def test_candidate_text_without_rules():
    from detente.events.scorer.candidates import Candidate
    from detente.model import Actor

    c = Candidate("S.", Actor("USAGOV", "USA", "GOV", None, "Washington"), None, 0, None)
    assert candidate_text(c) == ("Washington [USA] -> no target ; rules: none", "S.")
    assert candidate_text(c, rules=False) == ("Washington [USA] -> no target", "S.")


def test_features_pool_the_phrases_of_each_candidate(coder):
    """Hand-made token states: one dimension per word piece, so each pooled part shows which pieces it took."""
    from detente.events.scorer.candidates import predicate
    from detente.events.scorer.features import HINTS, PARTS, candidate_features, size

    _, stage = run(coder, "Japan condemned North Korea's missile launch.", {})
    c = next(c for c in stage.scorer.seen if c.key == ("JPN", "PRK"))
    doc = coder.nlp("Japan condemned North Korea's missile launch.")
    sent = next(doc.sents)
    # word pieces: [CLS] Japan condemned North Korea 's missile launch . [SEP]
    words = ["Japan", "condemned", "North", "Korea", "'s", "missile", "launch", "."]
    offsets, at = [(0, 0)], 0
    for w in words:
        at = sent.text.index(w, at)
        offsets.append((at, at + len(w)))
        at += len(w)
    offsets.append((0, 0))
    states = np.eye(len(offsets), dtype=np.float32)
    c.source_span, c.target_span = (0, 1), (2, 4)  # doc tokens: Japan; North Korea
    c.source_tok, c.target_tok = 0, 2
    x = candidate_features(sent, states, offsets, [c], [predicate(sent, c)])
    d = len(offsets)
    assert x.shape == (1, size(d)) and size(d) == len(PARTS) * d + len(HINTS)
    part = {name: x[0, k * d:(k + 1) * d] for k, name in enumerate(PARTS)}
    assert part["cls"][0] == 1.0
    assert part["source"][1] == 1.0 and part["source"].sum() == 1.0  # Japan
    assert part["target"][3] == part["target"][4] == 0.5  # North, Korea
    assert part["predicate"][2] == 1.0  # condemned governs both
    hint = dict(zip(HINTS, x[0, len(PARTS) * d:]))
    assert hint["rule_11"] == 1.0 and hint["source_first"] == 1.0 and hint["target_none"] == 0.0
    # how each phrase hangs on the predicate: Japan its subject; "North Korea" possessor of its object
    assert hint["source_subj"] == 1.0 and hint["target_poss"] == 1.0 and hint["predicate_verb"] == 1.0
    assert sum(v for k, v in hint.items() if k.startswith(("source_", "target_")) and k.split("_")[1] in (
        "subj", "subjpass", "obj", "pobj", "agent", "poss", "under", "outside")) == 2.0


@pytest.mark.parametrize("text,word,head,want", [
    ("China accused the United States of meddling.", "States", "accused", ("obj", None, 1)),
    ("China accused the United States of meddling.", "China", "accused", ("subj", None, 1)),
    ("Sanctions were imposed on Iran by the European Union.", "Iran", "imposed", ("pobj", "on", 2)),
    ("Sanctions were imposed on Iran by the European Union.", "Union", "imposed", ("agent", None, 2)),
    ("The envoy was expelled by Peru.", "envoy", "expelled", ("subjpass", None, 1)),
    ("Iran's deployment of troops angered Israel.", "Iran", "angered", ("poss", None, 2)),
    ("Iran's deployment of troops angered Israel.", "troops", "angered", ("under", None, 3)),
    ("Iran's deployment of troops angered Israel.", "Israel", "deployment", ("outside", None, 0)),
])
def test_syntax_hints_say_how_a_phrase_hangs_on_the_predicate(coder, text, word, head, want):
    from detente.events.scorer.features import role

    doc = coder.nlp(text)
    tok = next(t for t in doc if t.text == word)
    pred = next(t for t in doc if t.text == head)
    assert role(tok, pred) == want


def test_missing_weights_are_reported(tmp_path):
    from detente.events.scorer.runtime import Scorer, ScorerUnavailable

    with pytest.raises(ScorerUnavailable, match="no scorer weights"):
        Scorer(tmp_path)


def test_shipped_weights_load_offline_and_score(coder):
    from detente.events.scorer.runtime import Scorer, data_dir

    if not (data_dir() / "head.onnx").exists():
        pytest.skip("no shipped scorer weights")
    s = Scorer()
    _, stage = run(coder, "Japan condemned North Korea's missile launch.", {})
    cands = stage.scorer.seen
    sent = next(coder.nlp("Japan condemned North Korea's missile launch.").sents)
    p = s.score(sent, cands)
    assert p.shape == (len(cands), 20) and ((p >= 0) & (p <= 1)).all()
    keys = [c.key for c in cands]
    assert p[keys.index(("JPN", "PRK"))].max() > p[keys.index(("PRK", "JPN"))].max()


def test_model_adds_one_role_per_actor_and_predicate(coder):
    """Pairs the model proposes on the same verb: the most probable first, and no actor plays a role twice."""
    text = "Germany laid the blame at Ukraine’s door."
    table = {("DEU", "UKR"): {"11": 0.9}, ("DEU", None): {"11": 0.8}, ("UKR", "DEU"): {"11": 0.7}}
    evs, _ = run(coder, text, table)
    added = sorted((e.source.country, e.target.country if e.target else None) for e in evs
                   if e.extra.get("trace", {}).get("scorer", {}).get("decision") == "added")
    # DEU->None would make Germany a source of "laid" twice; UKR->DEU takes the other two roles (the way joint
    # acts are coded both ways), so the model may add it
    assert added == [("DEU", "UKR"), ("UKR", "DEU")]
    evs, _ = run(coder, text, {("DEU", "UKR"): {"11": 0.9}, ("DEU", None): {"11": 0.8}})
    assert [(e.source.country, e.target.country if e.target else None) for e in evs
            if e.extra.get("trace", {}).get("scorer", {}).get("decision") == "added"] == [("DEU", "UKR")]


def test_rule_event_not_retyped_to_a_plain_comment(coder):
    """The model's 01 is the weakest reading: a rule event that names a specific act keeps its root."""
    evs, _ = run(coder, "Japan condemned North Korea's missile launch.", {("JPN", "PRK"): {"11": 0.05, "01": 0.8}})
    ev = next(e for e in evs if e.source.country == "JPN")
    assert ev.cameo_root == "11" and ev.extra["trace"]["scorer"]["decision"] == "kept"


def test_rule_event_not_retyped_to_a_root_the_pair_already_carries(coder):
    """The model scores a pair, not a verb: where one rule event of the pair already carries the model's best root,
    another rule event of the pair keeps its own ("the US spoke to Iran ... and threatened Iran")."""
    text = "The United States met Iran on Monday and threatened Iran with new sanctions."
    table = {("USA", "IRN"): {"04": 0.8, "13": 0.05}}
    evs, _ = run(coder, text, table)
    roots = sorted(e.cameo_root for e in evs if e.source and e.source.country == "USA" and e.target
                   and e.target.country == "IRN" and e.modality == "asserted")
    assert roots == ["04", "13"]
    threat = next(e for e in evs if e.cameo_root == "13")
    assert threat.extra["trace"]["scorer"]["decision"] == "kept"
    # alone, the same rule event is re-typed to the model's root
    evs, _ = run(coder, "The United States threatened Iran with new sanctions.", table)
    assert [e.cameo_root for e in evs if e.source and e.source.country == "USA" and e.modality == "asserted"] == ["04"]


def test_model_adds_no_asserted_act_a_verb_of_intent_governs(coder):
    """'Iran and the United States seek a framework agreement': the agreement is sought, not made, so the model's
    cooperation (or consultation) is not added as asserted; what seeking performs (an appeal, 02) still is."""
    text = "Iran and the United States seek a framework agreement on the nuclear program."
    evs, _ = run(coder, text, {("IRN", "USA"): {"04": 0.9}})
    assert not [e for e in evs if e.extra.get("trace", {}).get("scorer", {}).get("decision") == "added"]
    evs, _ = run(coder, text, {("IRN", "USA"): {"02": 0.9}})
    added = [e for e in evs if e.extra.get("trace", {}).get("scorer", {}).get("decision") == "added"]
    assert [(e.source.country, e.target.country, e.cameo_root) for e in added] == [("IRN", "USA", "02")]


def test_rule_events_are_never_dropped_with_the_shipped_thresholds():
    from detente.events.scorer import load

    scorer = load()
    assert scorer is not None and ScorerStage(scorer).th["keep"] == 0.0


def test_model_act_that_saying_reports_takes_the_reported_clause(coder):
    """'Japanese officials said the US will test ...': a test (15) the saying only reports is intended, dated and
    triggered by the clause that carries it, not asserted on 'said'."""
    text = "Japanese officials said the United States will test a new missile defense system."
    evs, _ = run(coder, text, {("JPN", None): {"15": 0.9}})
    ev = next(e for e in evs if e.source and e.source.country == "JPN" and e.cameo_root == "15")
    assert ev.extra["trace"]["scorer"]["decision"] == "added"
    assert ev.modality == "intended" and ev.trigger == "test"
    # a root that saying performs stays on the verb of saying, asserted
    evs, _ = run(coder, text, {("JPN", None): {"01": 0.9}})
    ev = next(e for e in evs if e.source and e.source.country == "JPN" and e.cameo_root == "01")
    assert ev.modality == "asserted" and ev.trigger == "said"


def test_act_predicate_keeps_the_governing_verb_of_a_spoken_root(coder):
    """'refused to appear' is a rejection (12) performed by refusing, asserted; the same pair as a material act
    (appearing, 04) is negated."""
    text = "North Korea refused to appear before the UN Security Council."
    evs, _ = run(coder, text, {("PRK", "UNO"): {"12": 0.9}})
    got = [e for e in evs if e.source and e.source.country == "PRK" and e.cameo_root == "12"]
    assert got and all(e.modality == "asserted" for e in got)


def test_events_the_model_added_do_not_make_the_articles_pair(coder):
    from detente.dates.resolve import EventDate
    from detente.events.context import Context, model_added as _model_added
    from detente.events.draft import Draft
    from detente.model import Actor

    def ev(s, t, decision=None):
        e = Draft(article_id="a", sentence="x", span=(0, 1), trigger="met", trigger_span=None,
                  source=Actor(s, s, None, s, s), target=Actor(t, t, None, t, t), code=coder.rules.cameo.get("040"),
                  when=EventDate(None, None, "publication"), modality="asserted", cue="", attribution=None,
                  confidence=0.5, coder="rules", pattern="p")
        if decision:
            e.scorer = {"decision": decision}
            e.origin = "scorer" if decision == "added" else "rules"
        return e

    ctx = Context()
    ctx.events = [ev("RUS", "USA"), ev("RUS", "SYR", "added")]
    assert _model_added(ctx.events[1]) and not _model_added(ctx.events[0])
    assert ctx.pair() == ("RUS", "USA")
    ctx.events.append(ev("RUS", "TUR", "kept"))
    assert ctx.pair() == ("RUS", "TUR")


def test_no_targetless_copy_of_a_rule_event_on_the_same_verb(coder):
    """'Japan condemned North Korea's launch' (a rule's JPN -> PRK 11) gives neither JPN -> nobody 11 nor
    PRK -> nobody 11 on that verb; a different act of Japan's there (a comment, 01) may still be added."""
    text = "Japan condemned North Korea's missile launch."
    evs, _ = run(coder, text, {("JPN", "PRK"): {"11": 0.9}, ("JPN", None): {"11": 0.9}, ("PRK", None): {"11": 0.8}})
    assert not [e for e in evs if e.target is None and e.cameo_root == "11" and  # nor North Korea condemning
                e.extra["trace"]["scorer"]["decision"] == "added"]
    evs, _ = run(coder, text, {("JPN", "PRK"): {"11": 0.9}, ("JPN", None): {"01": 0.9}})
    assert [e.cameo_root for e in evs if e.source.country == "JPN" and e.target is None] == ["01"]


def test_domestic_candidate_with_a_phrase_the_knowledge_base_does_not_know(coder):
    """'Obama dismissed concerns from Goldberg': one country and a person nobody knows give the domestic pair,
    its target the unknown phrase taken as that country's; with two countries in the sentence there is no
    such guess."""
    _, stage = run(coder, "Obama dismissed concerns from Jeffrey Goldberg about the talks.", {})
    seen = {c.key: c for c in stage.scorer.seen}
    c = seen[("USA", "USA")]
    assert c.target.text == "Jeffrey Goldberg" and c.target.code == "USA" and "not in the knowledge base" in \
        c.target.reason
    assert c.target_span is not None and c.target_span != c.source_span
    _, stage = run(coder, "Obama dismissed concerns from Jeffrey Goldberg about Iran.", {})
    assert ("USA", "USA") not in {c.key for c in stage.scorer.seen}


def test_model_adds_a_domestic_event_with_the_unknown_phrase_as_target(coder):
    evs, _ = run(coder, "Obama dismissed concerns from Jeffrey Goldberg about the talks.",
                 {("USA", "USA"): {"12": 0.9}})
    added = [e for e in evs if (e.extra.get("trace") or {}).get("scorer", {}).get("decision") == "added"]
    assert [(e.source.country, e.target.country, e.target.text, e.cameo_root) for e in added] == [
        ("USA", "USA", "Jeffrey Goldberg", "12")]


def test_people_the_knowledge_base_does_not_know_are_named_by_their_introduction(coder):
    """'Mexican President Enrique Pena Nieto' (not in the knowledge base) makes a later 'Pena Nieto' Mexico's;
    'the Eritrean president, Isaias Afwerki' makes 'President Afwerki' Eritrea's."""
    text = ("Mexican President Enrique Pena Nieto met officials in Mexico City. "
            "Trump criticized Pena Nieto on Friday.")
    _, stage = run(coder, text, {})
    assert ("USA", "MEX") in {c.key for c in stage.scorer.seen if "criticized" in c.sentence}
    text = ("The Eritrean president, Isaias Afwerki, visited Addis Ababa on Monday. "
            "Ethiopia praised President Afwerki.")
    _, stage = run(coder, text, {})
    assert ("ETH", "ERI") in {c.key for c in stage.scorer.seen if "praised" in c.sentence}


def test_passive_with_no_agent_gives_a_candidate_with_no_source(coder):
    """'The British ambassador was briefly detained': the ambassador was acted on by someone the sentence does
    not name; the model can add that event with a null source, and with an agent there is no such candidate."""
    text = "The British ambassador was briefly detained in Tehran on Saturday."
    evs, stage = run(coder, text, {(None, "GBR"): {"17": 0.9}})
    assert (None, "GBR") in {c.key for c in stage.scorer.seen}
    added = [e for e in evs if e.source is None]
    assert [(e.target.country, e.cameo_root, e.modality) for e in added] == [("GBR", "17", "asserted")]
    assert added[0].extra["trace"]["scorer"]["decision"] == "added"
    _, stage = run(coder, "The British ambassador was briefly detained by Iran on Saturday.", {})
    assert (None, "GBR") not in {c.key for c in stage.scorer.seen}
    _, stage = run(coder, "The British ambassador detained a man in Tehran on Saturday.", {})
    assert (None, "GBR") not in {c.key for c in stage.scorer.seen}


def test_model_act_an_adjective_of_readiness_governs_is_not_asserted(coder):
    """'were ready to slap new penalties on Russia': the act is the clause 'ready' governs, intended, not done;
    and the intent the rules derive from 'said they were ready to impose sanctions' is not re-typed to the act."""
    from detente.events.speech import STATEMENT_VERBS
    from detente.events.modality import modality
    from detente.events.scorer.candidates import Candidate, act_predicate, predicate
    from detente.model import Actor

    text = "The officials were ready to slap new penalties on Russia."
    doc = coder.nlp(text)
    sent = next(doc.sents)
    c = Candidate(text, Actor("USA", "USA", None, "USA", "The officials"), Actor("RUS", "RUS", None, "RUS", "Russia"),
                  1, 9)
    act = act_predicate(c, "16", predicate(sent, c), STATEMENT_VERBS)
    assert act.text == "slap" and modality(act)[0] == "intended"
    evs, _ = run(coder, "American officials said they were ready to impose new sanctions on Russia.",
                 {("USA", "RUS"): {"16": 0.9}})
    assert {(e.cameo_root, e.modality) for e in evs} == {("16", "intended"), ("13", "asserted")}


def test_model_adds_no_act_on_a_copula(coder):
    """'The problem is Russia's campaign against Ukraine': 'is' does no act, whatever the pair's best root."""
    text = "The problem is Russia's campaign against Ukraine."
    evs, stage = run(coder, text, {("RUS", "UKR"): {"17": 0.9}})
    assert ("RUS", "UKR") in {c.key for c in stage.scorer.seen}
    assert not [e for e in evs if e.cameo_root == "17"]
    evs, _ = run(coder, "Russia launched a campaign against Ukraine.", {("RUS", "UKR"): {"17": 0.9}})
    assert [e.cameo_root for e in evs if e.source.country == "RUS" and e.target and e.target.country == "UKR"]


def test_no_sourceless_copy_of_a_rule_event_that_names_the_agent(coder):
    """'Two Saudi journalists were arrested in Riyadh': the rules name who arrested them (Saudi Arabia's
    authorities, where it happened); the model adds no copy of that act with no source."""
    evs, stage = run(coder, "Two Saudi journalists were arrested in Riyadh on Monday.", {(None, "SAU"): {"17": 0.9},
                                                                                       ("SAU", "SAU"): {"17": 0.9}})
    assert (None, "SAU") in {c.key for c in stage.scorer.seen}
    assert not [e for e in evs if e.source is None]
    assert [e.cameo_root for e in evs if e.source is not None and e.source.country == "SAU"] == ["17"]


def test_a_rules_guessed_target_is_no_candidate(coder):
    """'The United States strongly criticized.' names no one criticized: the rules guess the article's main
    other actor (North Korea) and say so (``guessed``), but the model is never offered that guess as a pair
    (it has no phrase to judge); the rule event itself stays."""
    text = ("North Korea fired a missile over Japan on Sunday. Pyongyang said the test was a success. "
            "The United States strongly criticized.")
    evs, stage = run(coder, text, {})
    rule = next(e for e in evs if e.source is not None and e.source.country == "USA")
    assert rule.target.country == "PRK" and rule.target.guessed and "main other actor" in rule.target.reason
    keys = {c.key for c in stage.scorer.seen if "criticized" in c.sentence}
    assert ("USA", None) in keys and ("USA", "PRK") not in keys


def test_add_thresholds_by_kind_of_candidate():
    """A pair takes ``add``; an actor with no target takes ``add_no_target`` for a plain comment and
    ``add_no_target_act`` for any other root, each ``add`` when scorer.json has none."""
    from detente.events.scorer.candidates import Candidate
    from detente.events.scorer.stage import add_threshold
    from detente.model import Actor

    usa, prk = (Actor(c, c, None, None, c) for c in ("USA", "PRK"))
    pair, alone = Candidate("s", usa, prk, 0, 1), Candidate("s", usa, None, 0, None)
    th = {"add": 0.4, "add_no_target": 0.2, "add_no_target_act": 0.7}
    assert add_threshold(th, pair, "11") == 0.4 and add_threshold(th, pair, "01") == 0.4
    assert add_threshold(th, alone, "01") == 0.2 and add_threshold(th, alone, "14") == 0.7
    assert add_threshold({"add": 0.4}, alone, "14") == 0.4


def test_model_adds_a_targetless_comment_but_not_a_targetless_act_below_its_threshold(coder):
    text = "Germany laid the blame at Ukraine’s door."
    for root, added in (("01", True), ("14", False)):
        stage = ScorerStage(HandScorer({("DEU", None): {root: 0.5}}),
                            thresholds={"add": 0.4, "add_no_target": 0.2, "add_no_target_act": 0.7})
        old = coder.rules.scorer_stage
        coder.rules.scorer_stage = stage
        try:
            evs = coder.code_article(make_article(id="t", text=text, published=date(2016, 2, 21))).events
        finally:
            coder.rules.scorer_stage = old
        got = [e.cameo_root for e in evs if e.target is None and e.source is not None and e.source.country == "DEU"
               and (e.extra.get("trace") or {}).get("scorer", {}).get("decision") == "added"]
        assert got == ([root] if added else [])


def test_encoder_prefetch_gives_what_encoding_there_and_then_gives(monkeypatch):
    """``prefetch`` queues sentences for a background thread; ``encode`` takes its result (the same states and
    offsets), encodes a text nobody prefetched there and then; a later prefetch queues after an earlier one, and
    ``drop`` forgets what nobody took. ``DETENTE_PREFETCH=0`` (or one core) turns it off."""
    from detente.events.scorer.runtime import Scorer, data_dir

    if not (data_dir() / "encoder.onnx").exists():
        pytest.skip("no shipped scorer weights")
    enc = Scorer(head=False).encoder
    enc.prefetching = True  # whatever the machine's cores
    texts = ["Japan condemned North Korea's missile launch.", "Germany laid the blame at Ukraine’s door.",
             "Russia said it would respond."]
    direct = [enc._encode(t) for t in texts]
    enc._recent.clear()
    enc.prefetch(texts)
    assert set(enc._pending) == set(texts)
    for t, (states, offsets) in zip(texts, direct):
        got_states, got_offsets = enc.encode(t)
        assert np.array_equal(got_states, states) and got_offsets == offsets
    assert not enc._pending
    enc.prefetch(texts)  # encoded and taken lately: kept, not queued again
    assert not enc._pending and enc.encode(texts[1])[1] == direct[1][1]
    enc._recent.clear()
    enc.prefetch(texts[:1])
    enc.prefetch(texts[1:])  # queued after the first, which stays
    assert set(enc._pending) == set(texts)
    enc.drop(texts[1:2])  # a sentence with no candidate: nobody asks for it
    assert set(enc._pending) == {texts[0], texts[2]}
    for t, (states, _) in zip(texts, direct):
        assert np.array_equal(enc.encode(t)[0], states)
    assert not enc._pending
    enc._pending[texts[0]] = enc._pool.submit(enc._encode, texts[0])  # queued again, then taken from the kept
    assert np.array_equal(enc.encode(texts[0])[0], direct[0][0]) and not enc._pending
    monkeypatch.setenv("DETENTE_PREFETCH", "0")
    off = Scorer(head=False).encoder
    off.prefetch(texts)
    assert not off.prefetching and not off._pending


def test_coding_a_batch_behind_gives_the_same_events(monkeypatch):
    """With the encoder on its own thread, the coder codes a batch behind what spaCy parsed (``_ahead``): the
    events are those coded with the encoder on the coder's thread, in the same order, and the interpreter's
    switch interval is restored after coding."""
    import sys

    from detente import get_coder
    from detente.config import Settings
    from detente.ingest.readers import make_article
    from detente.events.scorer.runtime import data_dir

    if not (data_dir() / "encoder.onnx").exists():
        pytest.skip("no shipped scorer weights")
    texts = ["Japan condemned North Korea's missile launch on Sunday. Tokyo said it would protest to Pyongyang.",
             "Russia and China signed an energy deal. Beijing praised the agreement.",
             "Iran accused Israel of attacking its tanker. He said Tehran would respond.",
             "The talks ended without a deal.",
             "Germany urged Turkey to release the journalists. Ankara rejected the demand."]
    arts = [make_article(id=f"a{i}", text=t, published="2019-05-06") for i, t in enumerate(texts)]
    coder = get_coder(Settings(scorer="on", batch_size=2))
    stage = coder.rules.scorer_stage
    if stage is None:
        pytest.skip("the scorer is not available")

    def run(ahead: bool):
        stage.scorer.encoder.prefetching = ahead
        return [(c.article.id, [(e.source and e.source.code, e.target and e.target.code, e.cameo, e.modality,
                                 e.date) for e in c.events]) for c in coder.code_articles(arts)]

    interval = sys.getswitchinterval()
    try:
        behind, direct = run(True), run(False)
    finally:
        stage.scorer.encoder.prefetching = False
    assert [a for a, _ in behind] == [a.id for a in arts]
    assert behind == direct
    assert any(evs for _, evs in direct)
    assert sys.getswitchinterval() == interval
    assert not stage.scorer.encoder._pending  # what no candidate asked for is forgotten


def test_the_models_pair_is_never_swapped_for_a_guessed_target(coder):
    """The model's pair India -> India (two phrases with one code) makes no event: it does not become India ->
    the article's main other actor, Britain, whom the sentence does not name."""
    text = ("Britain passed the law in 1870. Britain later left India. "
            "India said the law has been used to suppress dissent in India.")
    evs, _ = run(coder, text, {("IND", "IND"): {"17": 0.9}})
    added = [e for e in evs if (e.extra.get("trace") or {}).get("scorer", {}).get("decision") == "added"]
    assert not [e for e in added if e.target is not None and e.target.country == "GBR"], [
        (e.source.country, e.target.country, e.cameo_root) for e in added]


def test_one_phrase_makes_no_domestic_candidate(coder):
    """'North Korea's missile launch' names North Korea once, through its mention, its head word and the launch
    it owns: no North Korea -> North Korea candidate; "The United States" neither."""
    _, stage = run(coder, "Japan condemned North Korea's missile launch. The United States sanctioned Iran.", {})
    keys = {c.key for c in stage.scorer.seen}
    assert ("PRK", "PRK") not in keys and ("USA", "USA") not in keys and ("JPN", "PRK") in keys


def test_a_domestic_candidates_target_is_the_countrys_other_phrase(coder):
    _, stage = run(coder, "Obama criticized the United States Congress on Friday.", {})
    c = next(c for c in stage.scorer.seen if c.key == ("USA", "USA"))
    assert c.source.text == "Obama" and c.target_span != c.source_span
    assert "United States" in c.target.text


def test_model_does_not_turn_round_a_rule_pair_on_its_predicate(coder):
    """The rules' Iran -> Iraq rejection on "rejected" is not also read as Iraq rejecting Iran there."""
    evs, _ = run(coder, "Iran rejected the proposal by Iraq on Monday.",
                 {("IRN", "IRQ"): {"12": 0.9}, ("IRQ", "IRN"): {"12": 0.9}})
    pairs = [(e.source.country, e.target.country) for e in evs if e.modality == "asserted" and e.target is not None]
    assert ("IRN", "IRQ") in pairs and ("IRQ", "IRN") not in pairs


def test_short_switches_restore_the_interval_after_the_last_user():
    """Two coders coding at once (threads of one server): the interval stays short until the last is done, then
    is what it was before the first began."""
    import sys

    from detente.pipeline import SWITCH_INTERVAL, _short_switches

    before = sys.getswitchinterval()
    first, second = _short_switches(), _short_switches()
    first.__enter__()
    assert sys.getswitchinterval() == min(before, SWITCH_INTERVAL)
    second.__enter__()
    first.__exit__(None, None, None)
    assert sys.getswitchinterval() == min(before, SWITCH_INTERVAL)  # the second still codes
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == before
