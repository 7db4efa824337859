"""The speech stage (events/speech.py): acts performed by speaking, decided with word lists that are data
(events/data/speech.yaml), load to exactly the sets the coder held before, and that a user's DETENTE_WORDLISTS
file extends."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from detente.errors import ConfigError
from detente.events import speech
from detente.wordlists import load_word_lists

USER_LISTS_AT_IMPORT = os.environ.get("DETENTE_WORDLISTS")

# -- the values events/coder.py held before the lists moved to data (copied from it as it was) --------------------
BEFORE = {
    "STATEMENT_VERBS": {"say", "tell", "add", "state", "declare", "insist", "counter", "argue", "note", "stress",
                        "claim", "allege", "reiterate", "write", "tweet", "call", "describe", "label", "brand", "term", "warn",
                        "complain", "express", "assert", "maintain", "suggest", "announce"},
    "STATEMENT_ONLY_VERBS": {"say", "tell", "state", "declare", "insist", "reiterate", "stress", "assert", "maintain",
                             "announce", "write", "tweet"},
    "NEGATIVE_WORDS": {
        "violation", "violate", "provocation", "provocative", "intolerable", "unacceptable", "mistake", "reckless",
        "dangerous", "aggression", "aggressive", "illegal", "irresponsible", "disrespect", "outrageous", "absurd",
        "hostile", "barbaric", "cowardly", "destabilizing", "destabilising", "lie", "nonsense", "shameful",
        "regrettable", "deplorable", "jeopardize", "jeopardise", "undermine", "bully", "blackmail", "menace",
        "hypocrisy", "hypocritical", "typical", "distrust", "mistrust", "betrayal", "betray", "sabotage", "crime",
        "criminal", "terrorism", "terrorist", "interference", "meddling", "unjustified", "groundless", "baseless",
        "slander", "inappropriate", "wrong", "failure", "disaster", "catastrophe", "insult", "humiliation",
        "belligerent", "escalation", "escalate", "irresponsibly", "condemn", "deplore", "regret", "disappoint",
        "disappointing", "worrying", "alarming", "ill-advised", "unprovoked", "aggressor", "enemy", "rogue", "evil",
        "madman", "lunatic", "fury", "blame", "revive", "horrible", "terrible", "one-sided", "worst", "disastrous",
        "flagrant", "outrage", "outraged", "unfair", "violent", "heinous", "appalling", "atrocious", "treacherous",
        "hostility", "stupid", "idiot", "fool", "liar", "incompetent", "pathetic", "disgrace", "disgraceful",
        "dishonest"},
    "POSITIVE_WORDS": {"sincere", "welcome", "positive", "constructive", "productive", "historic", "achievement",
                       "appropriate", "progress", "breakthrough", "praise", "grateful", "gratitude", "friendship",
                       "excellent", "commend", "applaud", "optimistic", "encouraging", "wonderful"},
    "AVOIDING": {"avoid", "prevent", "avert", "stop", "refrain", "end", "halt", "curb", "reduce", "ease", "defuse"},
    "CLAIM_VERBS": {"claim", "allege", "charge", "declare"},
    "WARNING_NOUNS": {"warning", "threat", "vow", "pledge", "promise", "statement", "message", "ultimatum", "remark",
                      "comment", "declaration", "tweet"},
    # written inline in the functions before
    "BLAME_NOUNS": {"work", "handiwork", "doing", "fault"},
    "BLAME_ADJECTIVES": {"responsible", "culpable", "guilty"},
    "OBLIGATION_AUX": {"must", "should", "ought"},
    "THREAT_WORDS": {"will", "would", "could", "may", "might", "can", "shall", "if", "unless", "'ll", "wo", "going",
                     "risk", "risks", "danger", "otherwise"},
}


@pytest.fixture(autouse=True)
def _no_user_lists(monkeypatch):
    monkeypatch.delenv("DETENTE_WORDLISTS", raising=False)


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_shipped_list_is_the_old_value(name):
    if USER_LISTS_AT_IMPORT:
        pytest.skip("DETENTE_WORDLISTS was set when the module was imported")
    assert set(getattr(speech, name)) == BEFORE[name]


def test_every_shipped_list_is_used():
    """Each list in speech.yaml is one of the module's sets: none is shipped and ignored."""
    names = {"statement_verbs": "STATEMENT_VERBS", "statement_only_verbs": "STATEMENT_ONLY_VERBS",
             "disapproval_words": "NEGATIVE_WORDS", "approval_words": "POSITIVE_WORDS",
             "avoiding_words": "AVOIDING", "claim_verbs": "CLAIM_VERBS", "warning_nouns": "WARNING_NOUNS",
             "blame_nouns": "BLAME_NOUNS", "blame_adjectives": "BLAME_ADJECTIVES",
             "obligation_aux": "OBLIGATION_AUX", "threat_words": "THREAT_WORDS"}
    shipped = load_word_lists("speech", [])
    assert set(shipped) == set(names)
    for key, const in names.items():
        assert set(shipped[key]) == set(getattr(speech, const))


@pytest.mark.parametrize("text,want", [
    # a judging word in what is said: disapproval of the party it names
    ("Japan said North Korea's missile launch was reckless.", ("JPN", "PRK", "111")),
    # approval
    ("Japan said its talks with China were constructive.", ("JPN", "CHN", "051")),
    # blame: "the handiwork of", "behind"
    ("Seoul said the hacking was the handiwork of Pyongyang.", ("KORGOV", "PRKGOV", "112")),
    ("Seoul said Pyongyang was behind the hacking attack.", ("KORGOV", "PRKGOV", "112")),
    # a warning about what is or was is criticism, not a threat
    ("Tokyo warned that the strikes dealt a blow to relations with Beijing.", ("JPNGOV", "CHNGOV", "111")),
])
def test_speech_acts_with_the_shipped_lists(code, text, want):
    got = [(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo)
           for e in code(text) if e.modality == "asserted"]
    assert want in got, got


def test_a_judging_word_under_a_verb_of_avoiding_judges_nothing(code):
    evs = code("Russia said both sides must avoid a disaster in Syria, the ministry told Turkey.")
    assert not [e for e in evs if e.cameo == "111"]


PROBE = """
import json, detente
evs = detente.code_text({text!r}, published="2016-02-21")
print(json.dumps([[e.source and e.source.code, e.target and e.target.code, e.cameo] for e in evs]))
"""


def test_user_file_adds_a_disapproval_word(code, tmp_path):
    """As shipped, "shambolic" judges nothing; a user's disapproval word makes the statement disapproval. The
    user file is read at import, so the extended coder runs in a process of its own."""
    text = "Japan said North Korea's missile launch was shambolic."
    shipped = [(e.source and e.source.code, e.target and e.target.code, e.cameo) for e in code(text)]
    assert ("JPN", "PRK", "111") not in shipped
    f = tmp_path / "lists.yaml"
    f.write_text("speech:\n  disapproval_words: [Shambolic]\n", encoding="utf-8")
    assert "shambolic" in load_word_lists("speech", [f])["disapproval_words"]  # lower-cased like the shipped words
    env = {**os.environ, "DETENTE_WORDLISTS": str(f), "DETENTE_SCORER": "off"}
    run = subprocess.run([sys.executable, "-c", PROBE.format(text=text)], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert ["JPN", "PRK", "111"] in json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("text,problem", [
    ("speech:\n  disapproval_word: [shambolic]\n", "speech: unknown word list 'disapproval_word'; known: "),
    ("speech:\n  threat_words: [will, on]\n", "speech: word list 'threat_words': True is not a word"),
])
def test_malformed_speech_section_names_the_file(tmp_path, text, problem):
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_word_lists("speech", [f])
    assert str(err.value).startswith(f"{f}: {problem}")
