"""Patterns learned from the training splits, each checked on a sentence written for this test.

The sentences are invented (countries and wording of no gold sentence); each asserts the event's
(source country, target country, CAMEO root) and the pattern that coded it.
"""
from __future__ import annotations

import pytest


def found(events, rule_id, modality="asserted"):
    return {(e.source.country if e.source else None, e.target.country if e.target else None, e.cameo_root)
            for e in events if e.modality == modality and e.rule.split(":")[-1].split("+")[0] == rule_id}


@pytest.mark.parametrize("text,rule_id,want", [
    ("Kenya and Uganda agreed a new trade agreement.", "verb.support.agree_deal", ("KEN", "UGA", "05")),
    ("Kenya and Uganda agreed to a trade deal.", "verb.support.agree_to_deal", ("UGA", "KEN", "05")),
    ("Peru and Chile agreed on a border treaty.", "verb.support.agree_on_deal", ("PER", "CHL", "05")),
    ("Sweden declared its support for the Kenyan government.", "verb.support.declare_support", ("SWE", "KEN", "05")),
    ("Austria accepted 500 refugees from Syria.", "verb.aid.accept_refugees", ("AUT", "SYR", "07")),
    ("Chile handed over medical supplies to Bolivia.", "verb.aid.hand_over_supplies", ("CHL", "BOL", "07")),
    ("Japan gave 500 rifles to the Philippine army.", "verb.aid.give_weapons", ("JPN", "PHL", "07")),
    ("Spain gave 30 million euros to Morocco.", "verb.aid.give_currency", ("ESP", "MAR", "07")),
    ("Norway earmarked 3 million dollars for Sudan.", "verb.aid.earmark_funds", ("NOR", "SDN", "07")),
    ("Turkish soldiers distributed food to Syrian refugees.", "verb.aid.distribute_aid", ("TUR", "SYR", "07")),
    ("A Kenyan court ordered the arrest of the Ugandan opposition leader.", "verb.coerce.order_arrest",
     ("KEN", "UGA", "17")),
    ("Chile let free 30 political prisoners.", "verb.yield.let_free", ("CHL", None, "08")),
    ("Russia strengthened its forces near the border with Estonia.", "verb.posture.strengthen_forces",
     ("RUS", None, "15")),
    ("Militants held 300 Nigerian villagers as human shields.", "verb.violence.hold_as_shields",
     (None, "NGA", "18")),
    ("Iran has violated a UN ban on missile tests.", "verb.reject.violate_ban", ("IRN", "UNO", "12")),
    ("The EU is pushing hard for a ceasefire between Armenia and Azerbaijan.", "verb.appeal.push_for",
     ("EUR", "ARM", "02")),
    ("Nigerian oil workers called off a two-day strike.", "verb.yield.call_off_strike", ("NGA", None, "08")),
    ("The Belgian minister voiced hope about the talks with Morocco.", "verb.comment.voice_hope",
     ("BEL", "MAR", "01")),
    ("Chile and Peru began joint naval exercises.", "verb.cooperate.begin_exercises", ("CHL", None, "06")),
    ("Indian farmers began a hunger strike against the government.", "verb.protest.begin_hunger_strike",
     ("IND", None, "14")),
    ("The Chilean president attended a meeting of the Mercosur council.", "verb.consult.attend_meeting",
     ("CHL", None, "04")),
    ("The Kenyan president received the Ugandan ambassador.", "verb.consult.receive_ambassador",
     ("KEN", "UGA", "04")),
    ("The European Commission launched proceedings against Hungary.", "verb.disapprove.launch_proceedings",
     ("EUR", "HUN", "11")),
    ("Denmark's suspension of aid to Ghana drew criticism.", "noun.suspension_aid", ("DNK", "GHA", "16")),
    # third round
    ("The Dutch government launched legal action against Belgium over river pollution.",
     "verb.disapprove.launch_legal_action", ("NLD", "BEL", "11")),
    ("Mexico took legal action against Guatemala over the dam.", "verb.disapprove.take_legal_action",
     ("MEX", "GTM", "11")),
    ("Canada announced new humanitarian aid to Haiti on Monday.", "verb.aid.announce_aid", ("CAN", "HTI", "07")),
    ("Italy returned two bronze statues to Greece.", "verb.yield.return_property", ("ITA", "GRC", "08")),
    ("Peru and Ecuador agreed to a cease-fire on Sunday.", "verb.intent.agree_to_ceasefire", ("PER", "ECU", "03")),
    ("The Colombian government declared a unilateral cease-fire.", "verb.yield.declare_ceasefire",
     ("COL", None, "08")),
])
def test_learned_pattern(code, text, rule_id, want):
    got = found(code(text), rule_id)
    if want[1] is None:  # no target asserted: the coder may still find the other party
        assert (want[0], want[2]) in {(s, r) for s, _, r in got}
    else:
        assert want in got


def test_refugees_refused_is_a_rejection(code):
    evs = code("Kenya will not accept refugees from Somalia.")
    assert ("KEN", "SOM", "07") in found(evs, "verb.aid.accept_refugees", modality="negated")
    assert found(evs, "verb.aid.accept_refugees") == {("KEN", "SOM", "12")}  # asserted: the refusal only


def test_aid_cut_announced_is_no_aid(code):
    assert not found(code("Canada announced cuts in aid to Haiti."), "verb.aid.announce_aid")
