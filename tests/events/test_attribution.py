"""Attribution ("according to whom") on sentences written for these tests, parsed by the real pipeline."""
from __future__ import annotations

import pytest


def _with(events, root: str, source: str):
    evs = [e for e in events if e.cameo_root == root and e.source is not None and e.source.country == source]
    assert evs, [(e.cameo, e.source and e.source.country, e.sentence) for e in events]
    return evs[0]


@pytest.fixture(scope="module")
def nlp():
    from detente.nlp.load import load_nlp

    return load_nlp()


def test_plain_narrative_has_no_attribution(code):
    ev = _with(code("Iran rejected the offer on Monday."), "12", "IRN")
    assert ev.attribution is None


def test_closing_clause_with_more_after_the_verb(code):
    ev = _with(code("Iran rejected the European offer on Monday, Tehran's chief negotiator Abbas Araghchi said "
                    "after returning from talks in Vienna."), "12", "IRN")
    assert ev.attribution is not None
    assert "Abbas Araghchi" in ev.attribution.speaker.text
    assert ev.attribution.outlet is None


def test_nested_report_keeps_the_speaker_and_adds_the_outlet(code):
    ev = _with(code("Iran rejected the European offer, Foreign Minister Javad Zarif said on state television on "
                    "Sunday, IRNA news agency reported."), "12", "IRN")
    assert "Zarif" in ev.attribution.speaker.text
    assert ev.attribution.outlet == "IRNA"
    assert "IRNA news agency reported" in ev.attribution.text


def test_surname_gets_the_full_name_given_earlier(code):
    text = ("Kenyan envoy Wanjiru Kamau arrived in Addis Ababa on Monday for the talks.\n\n"
            "Ethiopia rejected the proposal, Kamau said.")
    ev = _with(code(text), "12", "ETH")
    assert ev.attribution.speaker.text == "Kamau"
    assert ev.attribution.speaker.name == "Wanjiru Kamau"


def test_quotation_across_sentences_inherits_its_speaker(code):
    text = ("Foreign Minister Sergei Lavrov spoke to reporters in Moscow on Friday.\n\n"
            "\u201cThe talks were long. Ukraine rejected our proposal. We will try again next week,\u201d "
            "Lavrov added.")
    ev = _with(code(text), "12", "UKR")
    assert ev.attribution is not None
    assert "Lavrov" in ev.attribution.text


def test_quoted_paragraph_after_a_colon_and_the_wire_service(code):
    text = ("The Associated Press reported on the talks from Geneva.\n\n"
            "The wire service adds that:\n\n"
            "\"The meeting ended early. Iran rejected the offer on Monday.\"")
    ev = _with(code(text), "12", "IRN")
    assert ev.attribution is not None
    assert ev.attribution.outlet == "Associated Press"


def test_state_agency_report_credits_the_lead_and_a_continuing_verbal_act(code):
    text = ("North Korea condemned the United States on Sunday over the joint military drills.\n\n"
            "In a statement carried by the official KCNA news agency, the foreign ministry said the drills were "
            "a rehearsal for invasion.\n\n"
            "Pyongyang also threatened Washington with a \u201cmerciless\u201d response.")
    events = code(text)
    lead = _with(events, "11", "PRK")
    assert lead.attribution is not None and lead.attribution.outlet == "KCNA"
    later = [e for e in events if e.cameo_root == "13" and e.source and e.source.country == "PRK"]
    assert later and all(e.attribution is not None and e.attribution.outlet == "KCNA" for e in later)


def test_state_agency_report_is_not_lent_to_material_acts_or_other_countries(code):
    text = ("North Korea fired two missiles into the sea on Sunday.\n\n"
            "In a statement carried by the official KCNA news agency, the military said the launch was a success.\n\n"
            "Japan condemned the launch on Monday.")
    events = code(text)
    for e in events:
        if e.source is not None and e.source.country == "JPN":
            assert e.attribution is None
        if e.cameo_root in ("15", "19", "20"):
            assert e.attribution is None


def test_outlet_speaking_is_its_own_report(nlp):
    from detente.events.attribution import attribution_for

    doc = nlp("Xinhua said the United States should stop its provocations.")
    said = attribution_for(doc[1], next(doc.sents))
    assert said is not None and said.outlet == "Xinhua"


def test_tail_chain_needs_a_whole_reporting_clause(nlp):
    from detente.events.attribution import attribution_for

    doc = nlp("Iran rejected the offer, and the ministers said nothing more about it.")
    assert attribution_for(doc[1], next(doc.sents)) is None
    doc = nlp("Iran rejected the offer, a senior Western diplomat told reporters in Vienna.")
    said = attribution_for(doc[1], next(doc.sents))
    assert said is not None and said.speaker.text == "a senior Western diplomat"


def test_a_second_act_joined_to_a_verb_of_saying_is_not_what_was_said(code):
    """"X said ..., and Y rejected ...": Y's act is stated by the sentence, not reported by X; a clause the verb of
    saying governs keeps X as its source."""
    evs = code("The United States said on Sunday that it would impose sanctions on Iran, and Tehran rejected the "
               "demand.")
    assert _with(evs, "12", "IRN").attribution is None
    said = [e for e in evs if e.source is not None and e.source.country == "USA" and e.cameo_root in ("13", "16")]
    assert said and all(e.attribution is not None and "United States said" in e.attribution.text for e in said)


@pytest.mark.parametrize("text, second", [
    ("The United States said on Sunday that it would impose sanctions, and Tehran rejected the demand.", True),
    ("The ministry said on Monday that talks had failed, and warned Iran of consequences.", False),  # no subject
    ("Officials said the talks had failed, and they warned of consequences.", False),  # a pronoun: the speaker
])
def test_which_joined_clause_is_a_second_act(nlp, text, second):
    from detente.events.attribution import _second_act

    doc = nlp(text)
    verb = next(t for t in doc if t.lemma_ == "say")
    conj = next(t for t in verb.children if t.dep_ == "conj")
    assert _second_act(verb, conj) is second
