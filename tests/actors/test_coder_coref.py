"""Coreference in the rule coder's article memory: definite titles, "a spokesman for X", pronouns by clause,
object and gender. Sentences invented for the tests; the real spaCy pipeline and rule coder."""
from __future__ import annotations


def _src(events, text):
    return [e.source.code for e in events if e.source is not None and e.source.text == text]


def test_definite_title_refers_to_the_last_person_with_it(code):
    evs = code("Secretary of State Mike Pompeo arrived in Manila on Friday. The secretary warned that no "
               "sanctions would be lifted until North Korea disarms.", "2018-08-04")
    assert _src(evs, "The secretary") == ["USAGOV"]
    evs = code("President Barack Obama spoke about Iran on Monday. The president praised the agreement.", "2015-07-14")
    assert _src(evs, "The president") == ["USAGOV"]


def test_role_for_someone_takes_their_country(code):
    evs = code("A spokesman for Russian President Vladimir Putin criticized the United States.", "2017-04-07")
    assert _src(evs, "A spokesman") == ["RUSGOV"]


def test_pronoun_prefers_previous_subject_and_skips_the_object(code):
    evs = code("Pompeo met Japanese officials in Tokyo. North Korean Foreign Minister Ri Yong Ho criticised the "
               "sanctions on Saturday. He also accused Washington of hostile moves.", "2018-08-04")
    assert _src(evs, "He") == ["PRKGOV"]


def test_it_is_the_main_clause_subject(code):
    evs = code("China reiterated that U.N. Security Council resolutions had clear rules about North Korean missile "
               "activities and it urged Pyongyang not to contravene them.", "2017-07-05")
    assert _src(evs, "it") == ["CHN"]


def test_she_skips_a_man(code):
    evs = code("Chancellor Angela Merkel met President Trump in Washington. She criticised Russia's actions.",
               "2018-04-27")
    assert _src(evs, "She") == ["DEUGOV"]
