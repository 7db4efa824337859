"""Role words, places and peoples: the sector a phrase's head gives, seats of power used as places, peoples
named by where they live, names written with or without hyphens. Sentences invented for the tests."""
from __future__ import annotations

import pytest

from tests.actors.conftest import codes
from detente.actors.resolve import noun_phrase


@pytest.mark.parametrize("text,phrase,code", [
    ("Kenyan journalists walked out of the briefing.", "Kenyan journalists", "KENMED"),
    ("All Egyptian newspapers printed the statement.", "All Egyptian newspapers", "EGYMED"),
    ("Bolivian farmers blocked the highway.", "Bolivian farmers", "BOLAGR"),
    ("Chilean mine workers went on strike.", "Chilean mine workers", "CHLLAB"),
    ("Swiss doctors delivered medicine.", "Swiss doctors", "CHEHLH"),
    ("The Lebanese grand mufti condemned the attack.", "The Lebanese grand mufti", "LBNREL"),
    ("Peruvian villagers fled the fighting.", "Peruvian villagers", "PERCVL"),
    ("Iraqi Kurds marched through the streets.", "Iraqi Kurds", "IRQCVL"),
    ("Ousted President Askar Akayev spoke from Moscow.", "Ousted President Askar Akayev", "KGZELI"),
])
def test_role_words_name_the_sector(loaded, text, phrase, code):
    assert codes(loaded, text)[phrase] == code


def test_role_word_must_belong_to_the_head(loaded):
    # "military" modifies "action", not the seat of power
    got = codes(loaded, "Ankara gave Damascus warning of military action.")
    assert all(c in (None, "TURGOV", "SYRGOV") for c in got.values()), got
    # a role word inside a known name is part of the name: "West Bank" is no bank
    got = codes(loaded, "Palestinians living in the West Bank went on strike.")
    assert got["Palestinians"] == "PSECVL"


def test_seat_of_power_as_a_place(loaded):
    got = codes(loaded, "Algeria imposed a curfew in Algiers.")
    assert got["Algiers"] == "DZACVL"
    assert codes(loaded, "Algiers rejected the plan.")["Algiers"] == "DZAGOV"


def test_peoples_coded_by_where_they_live(loaded):
    assert codes(loaded, "Bosnian Serbs demanded a truce.")["Bosnian Serbs"] == "BIHCVL"
    got = codes(loaded, "Ethnic Albanians in southern Serbia demanded autonomy.")
    assert got["Ethnic Albanians in southern Serbia"] == "SRBCVL"
    got = codes(loaded, "Ethnic Hungarians protested against Romania's new language law.")
    assert got["Ethnic Hungarians"] == "ROUCVL"
    assert codes(loaded, "Yoruba leaders met in Ibadan.")["Yoruba leaders"].startswith("NGA")


def test_hyphens_do_not_split_a_known_name(loaded):
    assert codes(loaded, "Jean-Bertrand Aristide returned.", "1995-01-01")["Jean-Bertrand Aristide"] == "HTIGOV"


def test_stance_and_unknown_names_are_not_the_actor(loaded):
    got = codes(loaded, "An anti-Syria journalist was killed.")
    assert got.get("An anti-Syria journalist") is None
    got = codes(loaded, "Voters backed the Trinamool Congress government.")
    assert "USA" not in str(got.get("the Trinamool Congress government"))


def test_conjoined_demonym_shares_the_role(loaded):
    for text in ("Japanese and Australian armies held exercises.",
                 "Japanese and the Australian armies held exercises."):
        got = codes(loaded, text)
        assert [c for t, c in got.items() if t.startswith("Japanese")] == ["JPNMIL"], got


def test_title_on_an_ambiguous_name(loaded):
    # two Assads and no date: the country and the title's sector
    assert codes(loaded, "President Assad spoke.")["President Assad"] == "SYRGOV"
