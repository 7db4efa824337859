"""Gazetteer look-ups with ambiguous names, seats of organisations, and event locations from the clause."""
import pytest

from detente.places.gazetteer import Gazetteer
from detente.places.locate import event_location


@pytest.fixture(scope="session")
def gaz():
    return Gazetteer()


@pytest.mark.parametrize("name,countries,expect", [
    ("Georgia", ["GEO", "RUS"], ("Georgia", "GEO")),
    ("Georgia", ["USA"], ("Georgia", "USA")),
    ("Tbilisi, Georgia", [], ("Tbilisi", "GEO")),
    ("Atlanta, Georgia", [], ("Atlanta", "USA")),
    ("Jordan", ["ISR"], ("Jordan", "JOR")),
    ("Amman, Jordan", [], ("Amman", "JOR")),
    ("Paris", ["USA", "FRA"], ("Paris", "FRA")),
    ("Paris", ["USA"], ("Paris", "FRA")),
    ("Paris, Texas", [], ("Paris", "USA")),
    ("Texas", [], ("Texas", "USA")),
    ("Washington", ["USA"], ("Washington", "USA")),
    ("Palm Beach, Fla.", [], ("Palm Beach", "USA")),
    ("NATO headquarters", [], ("Brussels", "BEL")),
    ("the Kremlin", [], ("Moscow", "RUS")),
    ("Kiev", [], ("Kyiv", "UKR")),
])
def test_lookup(gaz, name, countries, expect):
    p = gaz.lookup(name, countries=countries)
    assert (p.name, p.country) == expect


def test_coordinates(gaz):
    p = gaz.lookup("Amman")
    assert abs(p.lat - 31.95) < 0.1 and abs(p.lon - 35.93) < 0.1
    assert gaz.lookup("Atlanta, Georgia").admin1 == "GA"


def test_unknown(gaz):
    assert gaz.lookup("Xyzzyville") is None


def _loc(nlp, gaz, text, word, countries=(), dateline=None):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return event_location(tok, gaz, list(countries), dateline=dateline)


@pytest.mark.parametrize("text,word,countries,name", [
    ("Russia and Ukraine held talks that took place at the UN offices in Geneva.", "held", ["RUS", "UKR"], "Geneva"),
    ("The minister told reporters in Doha, Qatar that talks would resume.", "told", ["QAT"], "Doha"),
    ("The ministers met at NATO headquarters in Brussels.", "met", [], "Brussels"),
    ("Macron met Trump in Paris.", "met", ["FRA", "USA"], "Paris"),
    ("Protesters rallied in Georgia.", "rallied", ["GEO", "RUS"], "Georgia"),
])
def test_event_location(nlp, gaz, text, word, countries, name):
    assert _loc(nlp, gaz, text, word, countries).name == name


def test_no_place_when_the_text_says_none(nlp, gaz):
    assert _loc(nlp, gaz, "Russia interfered in the US election.", "interfered", ["RUS", "USA"]) is None
    assert _loc(nlp, gaz, "The US imposed sanctions on Iran.", "imposed", ["USA", "IRN"]) is None


def test_dateline(nlp, gaz):
    assert _loc(nlp, gaz, "Iran rejected the offer.", "rejected", ["IRN"], dateline="Tehran, Iran").name == "Tehran"
    # an explicitly dated past event did not happen where the reporter files from
    assert _loc(nlp, gaz, "Iran rejected the offer in 1998.", "rejected", ["IRN"], dateline="Geneva") is None
