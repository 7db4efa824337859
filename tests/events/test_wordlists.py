"""The word lists of the modality and attribution stages: data files (events/data/*.yaml) that load to exactly
the sets the code held before, that a user's DETENTE_WORDLISTS files extend, and that fail clearly when malformed."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from detente.errors import ConfigError
from detente.events import attribution, modality
from detente.events.modality import load_word_lists

USER_LISTS_AT_IMPORT = os.environ.get("DETENTE_WORDLISTS")  # the modules above read it as they were imported

# -- the values the code held before the lists moved to data files (copied from events/modality.py and
# events/attribution.py as they were) ------------------------------------------------------------------------------
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "can", "ca"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
OBLIGATION_AUX = {"must", "should", "ought", "need"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest", "once"}
INTENT_HEADS = {"plan", "intend", "aim", "prepare", "seek", "want", "hope", "try", "attempt", "threaten",
                "pledge", "promise", "vow", "wish", "expect", "plot", "consider", "propose", "offer", "mull",
                "weigh", "decide", "agree", "prefer", "refuse", "decline", "fail", "go", "due", "poise", "set",
                "ready", "willing", "eager", "determined", "likely", "unlikely", "able", "possible", "bound",
                "scheduled", "slated"}
NEGATING_HEADS = {"refuse", "decline", "fail", "avoid", "refrain", "unable", "reluctant", "deny"}
HYPOTHETICAL_HEADS = {"likely", "unlikely", "possible", "able", "could", "may", "consider", "mull", "weigh",
                      "risk", "would"}
DEMAND_HEADS = {"urge", "call", "demand", "ask", "press", "order", "insist", "tell", "appeal", "require",
                "force", "push", "encourage", "invite", "request", "want", "need", "must", "should"}
BELIEF_HEADS = {"fear", "believe", "think", "suspect", "worry", "convince", "suggest", "assume", "doubt",
                "speculate", "predict", "warn", "concern", "afraid", "expect", "estimate", "guess", "imagine",
                "rumor", "rumour", "suppose", "allege", "claim", "accuse"}
DESIRE_HEADS = {"want", "hope", "wish", "desire", "seek", "like", "love"}
FACTUAL_MARKS = {"after", "before", "when", "since", "as", "because", "while", "although", "though"}
NEG_WORDS = {"not", "n't", "never", "no", "neither", "nor", "without"}
SPEECH_VERBS = {"say", "tell", "report", "announce", "state", "add", "claim", "note", "confirm", "declare",
                "write", "quote", "cite", "explain", "insist", "stress", "reiterate", "assert", "comment",
                "disclose", "reveal", "indicate", "acknowledge", "admit", "argue", "maintain", "suggest",
                "remark", "tweet", "post", "mention", "testify", "brief", "inform", "carry", "publish"}
TAIL_VERBS = {"say", "tell", "report", "announce", "state", "add", "claim", "note", "confirm", "declare", "write",
              "explain", "insist", "stress", "reiterate", "assert", "comment", "disclose", "reveal", "acknowledge",
              "admit", "argue", "remark", "tweet", "mention", "testify", "quote"}
OUTLETS = {
    "journal": "The Wall Street Journal", "the journal": "The Wall Street Journal",
    "wall street journal": "The Wall Street Journal", "the wall street journal": "The Wall Street Journal",
    "wsj": "The Wall Street Journal", "new york times": "The New York Times", "the new york times": "The New York Times",
    "the times": "The New York Times", "washington post": "The Washington Post",
    "the washington post": "The Washington Post", "the post": "The Washington Post", "reuters": "Reuters",
    "ap": "Associated Press", "the associated press": "Associated Press", "associated press": "Associated Press",
    "afp": "Agence France-Presse", "agence france-presse": "Agence France-Presse", "kcna": "KCNA",
    "korean central news agency": "KCNA", "yonhap": "Yonhap", "xinhua": "Xinhua", "tass": "TASS",
    "ria": "RIA Novosti", "ria novosti": "RIA Novosti", "interfax": "Interfax", "cnn": "CNN", "bbc": "BBC",
    "nbc": "NBC News", "cbs": "CBS News", "abc": "ABC News", "fox news": "Fox News", "npr": "NPR",
    "kyodo": "Kyodo News", "nhk": "NHK", "bloomberg": "Bloomberg", "the guardian": "The Guardian",
    "guardian": "The Guardian", "financial times": "Financial Times", "al jazeera": "Al Jazeera",
    "irna": "IRNA", "fars": "Fars", "tasnim": "Tasnim", "press tv": "Press TV", "sputnik": "Sputnik",
    "rodong sinmun": "Rodong Sinmun", "global times": "Global Times", "people's daily": "People's Daily",
    "politico": "Politico", "axios": "Axios", "the hill": "The Hill", "usa today": "USA TODAY",
    "cctv": "CCTV", "isna": "ISNA", "mehr": "Mehr", "sana": "SANA", "anadolu": "Anadolu Agency",
    "china daily": "China Daily", "kctv": "KCTV", "uriminzokkiri": "Uriminzokkiri",
    "state media": None, "state television": None,
}
OUTLET_COUNTRY = {
    "KCNA": "PRK", "Rodong Sinmun": "PRK", "KCTV": "PRK", "Uriminzokkiri": "PRK", "Xinhua": "CHN", "CCTV": "CHN",
    "People's Daily": "CHN", "Global Times": "CHN", "China Daily": "CHN", "Yonhap": "KOR", "TASS": "RUS",
    "RIA Novosti": "RUS", "Interfax": "RUS", "Sputnik": "RUS", "IRNA": "IRN", "Fars": "IRN", "Tasnim": "IRN",
    "Press TV": "IRN", "ISNA": "IRN", "Mehr": "IRN", "Kyodo News": "JPN", "NHK": "JPN", "SANA": "SYR",
    "Anadolu Agency": "TUR",
}
STATE_AGENCY = {"north korea": "KCNA", "pyongyang": "KCNA", "north": "KCNA", "china": "Xinhua",
                "beijing": "Xinhua", "iran": "IRNA", "tehran": "IRNA", "syria": "SANA", "damascus": "SANA"}
REPORT_NOUNS = {"statement", "report", "commentary", "editorial", "dispatch", "article", "bulletin", "broadcast"}
# words that were written inline in the functions
NEG_SUBJECTS = {"nobody", "none", "nothing", "neither"}
NEG_DETS = {"no", "neither"}
CONDITION_OPENERS = {"provided", "providing", "unless", "if"}
HEDGES = {"probably", "perhaps", "maybe", "likely"}
CLAIM_HEADS = {"claim", "allege"}
PLAN_NOUNS = {"threat", "plan", "bid", "attempt", "effort", "proposal", "intention", "call", "demand", "order",
              "readiness"}
_SAYING = {"say", "counter", "reply", "respond", "retort", "insist", "argue", "add", "tell", "warn", "declare"}
QUOTING_VERBS = {"quote", "cite"}
STATE_WORDS = {"state", "official", "state-run", "government"}
OUTLET_SHORT_NAMES = ("kcna", "yonhap", "xinhua", "tass", "ria", "afp", "ap", "reuters", "irna", "wsj")

BEFORE = {
    modality: ["HYPOTHETICAL_AUX", "FUTURE_AUX", "OBLIGATION_AUX", "CONDITIONAL_MARKS", "INTENT_HEADS",
               "NEGATING_HEADS", "HYPOTHETICAL_HEADS", "DEMAND_HEADS", "BELIEF_HEADS", "DESIRE_HEADS", "FACTUAL_MARKS",
               "NEG_WORDS", "NEG_SUBJECTS", "NEG_DETS", "CONDITION_OPENERS", "HEDGES", "CLAIM_HEADS", "PLAN_NOUNS",
               "_SAYING"],
    attribution: ["SPEECH_VERBS", "TAIL_VERBS", "QUOTING_VERBS", "REPORT_NOUNS", "STATE_WORDS", "OUTLETS",
                  "OUTLET_SHORT_NAMES", "OUTLET_COUNTRY", "STATE_AGENCY"],
}


@pytest.fixture(autouse=True)
def _no_user_lists(monkeypatch):
    """The shipped lists only, whatever the environment of the test run."""
    monkeypatch.delenv("DETENTE_WORDLISTS", raising=False)


@pytest.mark.parametrize("module,name", [(m, n) for m, names in BEFORE.items() for n in names],
                         ids=lambda x: x if isinstance(x, str) else x.__name__.rsplit(".", 1)[-1])
def test_shipped_list_is_the_old_value(module, name):
    if USER_LISTS_AT_IMPORT:
        pytest.skip("DETENTE_WORDLISTS was set when the modules were imported")
    got, want = getattr(module, name), globals()[name]
    assert type(got) is type(want)
    assert got == want
    if isinstance(want, dict):
        assert list(got) == list(want)  # the order decides ties between outlets of the same length


def test_shipped_files_load_the_same_without_the_environment():
    assert set(load_word_lists("modality", [])["belief_heads"]) == BELIEF_HEADS
    assert load_word_lists("attribution", [])["outlets"] == OUTLETS


def test_user_file_adds_words_and_entries(tmp_path):
    f = tmp_path / "lists.yaml"
    f.write_text("modality:\n  belief_heads: [Reckon, fear]\n"
                 "attribution:\n  outlets: {Korea Herald: The Korea Herald, ap: AP}\n"
                 "  outlet_country: {The Korea Herald: KOR}\n", encoding="utf-8")
    mod = load_word_lists("modality", [f])
    assert set(mod["belief_heads"]) == BELIEF_HEADS | {"reckon"}  # lower-cased like the shipped words
    assert mod["belief_heads"].count("fear") == 1
    assert set(mod["intent_heads"]) == INTENT_HEADS
    att = load_word_lists("attribution", [f])
    assert att["outlets"]["korea herald"] == "The Korea Herald"
    assert att["outlets"]["ap"] == "AP"  # a user's entry replaces the shipped one of the same phrase
    assert att["outlet_country"]["The Korea Herald"] == "KOR"  # outlet names keep their case
    assert list(att["outlets"])[:len(OUTLETS)] == list(OUTLETS)


def test_files_without_a_stage_section_change_nothing(tmp_path):
    f = tmp_path / "lists.yaml"
    f.write_text("attribution:\n  report_nouns: [communique]\n", encoding="utf-8")
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert set(load_word_lists("modality", [f, empty])["neg_words"]) == NEG_WORDS


TEXTS = ("Officials reckon that North Korea attacked South Korea.",
         "North Korea rejected the offer from South Korea, the Korea Herald reported.")
PROBE = """
import json, detente
out = []
for text in json.loads({texts!r}):
    evs = detente.code_text(text, published="2016-02-21", all_modalities=True)
    out.append([(e.cameo, e.modality, e.attribution and e.attribution.outlet) for e in evs])
print(json.dumps(out))
"""


def _decisions(events):
    return [[e.cameo, e.modality, e.attribution and e.attribution.outlet] for e in events]


def test_user_file_changes_coding_decisions(code, tmp_path):
    """A user's belief verb makes a reported attack believed; a user's outlet is named as the source's outlet.
    The user file is read at import, so the extended coder runs in a process of its own."""
    shipped = [_decisions(code(t)) for t in TEXTS]
    assert shipped == [[["190", "asserted", None]], [["127", "asserted", None]]]
    f = tmp_path / "lists.yaml"
    f.write_text("modality:\n  belief_heads: [reckon]\nattribution:\n  outlets:\n    korea herald: The Korea Herald\n",
                 encoding="utf-8")
    env = {**os.environ, "DETENTE_WORDLISTS": str(f), "DETENTE_SCORER": "off"}  # the rules, as ``code`` runs them
    run = subprocess.run([sys.executable, "-c", PROBE.format(texts=json.dumps(TEXTS))], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    extended = json.loads(run.stdout.strip().splitlines()[-1])
    assert extended == [[["190", "believed", None]], [["127", "asserted", "The Korea Herald"]]]


@pytest.mark.parametrize("text,problem", [
    ("- reckon\n", "expected a mapping of stage names (attribution, modality, speech, dates, places) to their word "
                  "lists, got list"),
    ("modalty:\n  belief_heads: [reckon]\n", "unknown stage(s) modalty; known: attribution, modality, speech, dates, "
                                                   "places"),
    ("modality: [reckon]\n", "modality: expected a mapping of word-list names to lists, got list"),
    ("modality:\n  belief_head: [reckon]\n", "modality: unknown word list 'belief_head'; known: belief_heads, "),
    ("modality:\n  belief_heads: reckon\n", "modality: word list 'belief_heads' must be a list of words, got str"),
    ("modality:\n  neg_words: [no]\n", "modality: word list 'neg_words': False is not a word (quote words YAML "
                                       "reads otherwise, such as no, yes, on, off)"),
    ("attribution:\n  outlets: [korea herald]\n", "attribution: word list 'outlets' must be a mapping, got list"),
    ("attribution:\n  state_agency: {korea: 12}\n", "attribution: word list 'state_agency': entry 'korea': 12 must "
                                                    "map a phrase to a name (quote words YAML reads otherwise)"),
    ("modality:\n  belief_heads: [reckon\n", "malformed YAML: "),
])
def test_malformed_user_file_names_the_file_and_the_problem(tmp_path, text, problem):
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    stage = "attribution" if text.startswith("attribution") else "modality"
    with pytest.raises(ConfigError) as err:
        load_word_lists(stage, [f])
    assert str(err.value).startswith(f"{f}: {problem}")


def test_missing_user_file(tmp_path):
    f = tmp_path / "nowhere.yaml"
    with pytest.raises(ConfigError, match=r"nowhere\.yaml: cannot read word-list file: No such file"):
        load_word_lists("modality", [f])


def test_malformed_file_in_the_environment_fails_at_import(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("modality:\n  belief_head: [reckon]\n", encoding="utf-8")
    env = {**os.environ, "DETENTE_WORDLISTS": os.pathsep.join([str(tmp_path / "empty.yaml"), str(f)])}
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", "import detente.events.attribution"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert f"detente.errors.ConfigError: {f}: modality: unknown word list 'belief_head'" in run.stderr


# -- dates and places: historical anchors and seats are data too (issue 16, item 4) --------------------------------
USER_DATES_PLACES = """
dates:
  anchors:
    rwandan genocide: 1994-04/1994-07
places:
  seats:
    Dolmabahce Palace: [Istanbul, TUR, 41.0391, 29.0004]
"""
PROBE_DP = """
import json, detente
from detente.dates.history import anchor_value
from detente.places.gazetteer import shared_gazetteer
evs = detente.code_text("Russia and Ukraine held talks at the Dolmabahce Palace on Tuesday.", published="2022-03-30")
p = shared_gazetteer().lookup("the Dolmabahce Palace")
print(json.dumps([anchor_value("the Rwandan genocide"), anchor_value("the Korean War"), p and p.country,
                  [(e.location.name, e.location.country) for e in evs if e.location]]))
"""


def test_shipped_anchors_and_seats_load_from_data():
    from detente.dates.history import anchor_value
    from detente.places.gazetteer import EXTRA

    assert anchor_value("the Gulf War") == "1990/1991" and anchor_value("the annexation of Crimea") == "2014-03"
    assert anchor_value("the Rwandan genocide") is None or USER_LISTS_AT_IMPORT
    assert EXTRA["NATO headquarters"] == ("Brussels", "BEL", 50.8798, 4.4207) and EXTRA["Kashmir"][1] is None


def test_user_anchors_and_seats_date_and_place_events(tmp_path):
    f = tmp_path / "lists.yaml"
    f.write_text(USER_DATES_PLACES, encoding="utf-8")
    lists = load_word_lists("dates", [f])
    assert lists["anchors"]["rwandan genocide"] == "1994-04/1994-07" and "korean war" in lists["anchors"]
    env = {**os.environ, "DETENTE_WORDLISTS": str(f)}
    run = subprocess.run([sys.executable, "-c", PROBE_DP], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    rwanda, korea, country, places = json.loads(run.stdout.strip().splitlines()[-1])
    assert (rwanda, korea, country) == ("1994-04/1994-07", "1950/1953", "TUR")
    assert ["Istanbul", "TUR"] in places


@pytest.mark.parametrize("text,problem", [
    ("places:\n  seats:\n    Dolmabahce Palace: Istanbul\n", "places: word list 'seats': entry 'Dolmabahce Palace': "
     "'Istanbul' must map a phrase to a list of 4 values like the shipped ones, such as "),
    ("places:\n  seats:\n    Dolmabahce Palace: [Istanbul, TUR]\n", "places: word list 'seats': entry "),
    ("dates:\n  anchors: [rwandan genocide]\n", "dates: word list 'anchors' must be a mapping, got list"),
])
def test_malformed_dates_and_places_name_the_file(tmp_path, text, problem):
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_word_lists(text.split(":")[0], [f])
    assert str(err.value).startswith(f"{f}: {problem}")
