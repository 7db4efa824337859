"""The shipped pattern dictionary: well-formed data, valid CAMEO codes, and new patterns that code."""
from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
import yaml

from detente.events.cameo import CameoTable
from detente.events.patterns import Pattern, PatternSet

KNOWN_KEYS = {"id", "lemma", "cameo", "forbid_object", "kind", "particle", "particle_prep", "object", "object_xcomp",
              "target_preps", "target", "spoken", "needs", "needs_prep", "forbid", "needs_object", "by_speaker"}
TEXT_FIELDS = ("particle", "particle_prep", "object", "object_xcomp", "target_preps", "needs", "needs_prep", "forbid")


@pytest.fixture(scope="module")
def raw():
    text = resources.files("detente.events").joinpath("data/patterns.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def test_dictionary_loads():
    ps = PatternSet.load()
    assert len(ps.patterns) > 600
    assert all(isinstance(p, Pattern) for p in ps.patterns)


def test_ids_unique(raw):
    dup = [k for k, n in Counter(r["id"] for r in raw).items() if n > 1]
    assert dup == []


def test_codes_exist(raw):
    cameo = CameoTable.load()
    for r in raw:
        cameo.get(str(r["cameo"]))  # raises on an unknown code


def test_fields_known_and_textual(raw):
    """YAML 1.1 reads bare on/off/yes/no as booleans: prepositions and particles must stay text."""
    for r in raw:
        assert set(r) <= KNOWN_KEYS, r["id"]
        assert r.get("kind", "verb") in ("verb", "noun"), r["id"]
        assert r.get("target", "object") in ("object", "none", "subject"), r["id"]
        for f in TEXT_FIELDS:
            v = r.get(f)
            vals = v if isinstance(v, list) else [v] if v is not None else []
            assert all(isinstance(x, str) for x in vals), (r["id"], f, v)


def test_light_verbs_need_objects(raw):
    """Light verbs are too vague to code alone: each of their patterns names an object, particle or complement."""
    light = {"hold", "take", "make", "give", "have", "put", "set", "get", "do", "pay", "use", "carry", "go"}
    for r in raw:
        if r.get("kind", "verb") == "verb" and r["lemma"] in light:
            assert r.get("object") or r.get("particle") or r.get("particle_prep") or r.get("object_xcomp"), r["id"]


def _one(events, cameo):
    return [e for e in events if e.cameo == cameo and e.modality == "asserted"]


@pytest.mark.parametrize("text, cameo, source, target, rule", [
    ("The Egyptian government imposed a curfew on Cairo on Monday.", "1723", "EGY", None, "verb.coerce.impose_curfew"),
    ("China launched cyber warfare against Taiwan last year.", "176", "CHN", "TWN", "verb.violence.launch_cyber"),
    ("Germany faulted France for the delay.", "111", "DEU", "FRA", "verb.disapprove.fault"),
    ("Russia expelled 23 British diplomats.", "161", "RUS", "GBR", "verb.reduce.expel_diplomats"),
    ("Hamas fired rockets at Israel on Friday.", "195", None, "ISR", "verb.violence.fire_missiles_at"),
    ("Japan pledged $500 million in aid to Ukraine.", "033", "JPN", "UKR", "verb.intent.pledge_aid"),
    ("North Korea threatened to attack the United States.", "138", "PRK", "USA", "verb.threaten.threaten_attack"),
    ("Russia withdrew troops from the Ukrainian border.", "087", "RUS", "UKR", "verb.yield.withdraw_troops"),
    ("The Indian government reversed a decision to ban Pakistani imports.", "0832", "IND", None,
     "verb.yield.reverse_decision"),
])
def test_new_patterns_code(code, text, cameo, source, target, rule):
    got = _one(code(text, published="2016-02-21"), cameo)
    assert got, f"no {cameo} event in {text!r}"
    e = got[0]
    assert e.rule.endswith(rule)
    if source:
        assert e.source is not None and (e.source.code or "").startswith(source)
    if target:
        assert e.target is not None and (e.target.code or "").startswith(target)


def test_specific_object_beats_bare_lemma(code):
    """'withdrew from the treaty' reduces relations (16); 'withdrew troops' de-escalates (087)."""
    ev = code("The United States withdrew from the treaty with Russia.", published="2016-02-21")
    assert any(e.cameo == "16" for e in ev) and not any(e.cameo == "087" for e in ev)


def test_statement_release_is_no_prisoner_release(code):
    ev = code("The Kremlin released a statement on Ukraine.", published="2016-02-21")
    assert not any(e.cameo.startswith("084") for e in ev)


def test_unknown_pattern_field_is_an_error(tmp_path):
    from detente.errors import ConfigError
    from detente.events.patterns import PatternSet

    bad = tmp_path / "mine.yaml"
    bad.write_text('- {id: my.reject, lemma: rebuff, cameo: "12", objet: [offer]}\n')
    with pytest.raises(ConfigError, match=r"mine.yaml.*my.reject.*objet"):
        PatternSet.load([bad])
