"""Issue 17: the misdating warning does not fire on offices mentioned in the past, and says which sentence made it."""
from datetime import date

import pytest

from detente.actors.kb import ActorKB
from detente.dates.checks import misdating_warnings
from detente.dates.evidence import role_mentions

PEOPLE = """
- name: John Kerry
  aliases: [John Kerry, Kerry]
  roles:
    - {code: USALEG, from: 1985-01-03, to: 2013-02-01, role: Senator}
    - {code: USAGOV, from: 2013-02-01, to: 2017-01-20, role: Secretary of State}
    - {code: USAELI, from: 2017-01-20, to: null, role: former Secretary of State}
- name: Hillary Clinton
  aliases: [Hillary Clinton, Clinton]
  roles:
    - {code: USAGOV, from: 2009-01-21, to: 2013-02-01, role: Secretary of State}
    - {code: USAELI, from: 2013-02-01, to: null, role: former Secretary of State}
- name: George W. Bush
  aliases: [George W. Bush]
  roles:
    - {code: USAGOV, from: 2001-01-20, to: 2009-01-20, role: President}
    - {code: USAELI, from: 2009-01-20, to: null, role: former President}
- name: Barack Obama
  aliases: [Barack Obama, Obama]
  roles:
    - {code: USAGOV, from: 2009-01-20, to: 2017-01-20, role: President}
    - {code: USAELI, from: 2017-01-20, to: null, role: former President}
- name: Joe Biden
  aliases: [Joe Biden, Biden]
  roles:
    - {code: USAGOV, from: 2009-01-20, to: 2017-01-20, role: Vice President}
    - {code: USAGOV, from: 2021-01-20, to: 2025-01-20, role: President}
"""
LATER = date(2018, 1, 22)


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    p = tmp_path_factory.mktemp("kb") / "people.yaml"
    p.write_text(PEOPLE, encoding="utf-8")
    return ActorKB.load([p])


@pytest.mark.parametrize("text", [
    "When Hillary Clinton was secretary of state, she visited Beijing twice.",
    "As secretary of state, John Kerry had negotiated the deal with Iran.",
    "Former Secretary of State John Kerry said the deal was working.",
    "Former Joint Chiefs chairman and Secretary of State John Kerry is known for his long trips.",
    "Then-Secretary of State John Kerry signed the agreement.",
    "Secretary of State John Kerry negotiated the deal in 2015.",
    "The war was started under President George W. Bush.",
    "She was an adviser to President George W. Bush, who says that's what she told him.",
    "President George W. Bush declared the axis of evil.",
    "Secretary of State John Kerry had warned against the move.",
    "“Secretary of State John Kerry is wrong,” the senator said at the time.",
    "President George W. Bush is said to have argued for the war.",
    "President George W. Bush is best known for the war in Iraq.",
])
def test_historical_mentions_do_not_warn(kb, text):
    assert misdating_warnings(text, LATER, kb) == []


@pytest.mark.parametrize("text,who", [
    ("Secretary of State John Kerry says the talks will resume.", "John Kerry"),
    ("Secretary of State John Kerry said on Tuesday that the talks would resume.", "John Kerry"),
    ("On Tuesday, Secretary of State John Kerry told reporters the talks would resume.", "John Kerry"),
    ("Secretary of State John Kerry, in a call with his Chinese counterpart on Friday, reiterated support.",
     "John Kerry"),
    ("John Kerry, the secretary of state, met Wang Yi.", "John Kerry"),
    ("Secretary of State John Kerry told Wang Yi that the United States is ready to talk.", "John Kerry"),
])
def test_current_mentions_warn_with_their_sentence(kb, text, who):
    got = misdating_warnings(text, LATER, kb)
    assert len(got) == 1
    w = got[0]
    assert w.kind == "role" and who in w.message and "2013-02-01..2017-01-20" in w.message
    assert w.sentence == text and f"(sentence: \"{text[:40]}" in w.message


def test_vice_president_is_not_president(kb):
    """"Vice President Joe Biden" does not hold the role "President" (2021-2025)."""
    got = role_mentions("Vice President Joe Biden says the talks will resume.", kb)
    assert got and all(r.role == "Vice President" for m in got for r in m.roles)
    assert misdating_warnings("Vice President Joe Biden says the talks will resume.", date(2014, 9, 3), kb) == []


def test_a_later_holder_makes_the_earlier_one_historical(kb):
    text = "President Barack Obama says the deal is good. President George W. Bush says it is not."
    marks = {m.entry.name: m.current for m in role_mentions(text, kb)}
    assert marks == {"Barack Obama": True, "George W. Bush": False}


def test_former_anywhere_makes_every_mention_historical(kb):
    text = "Former Secretary of State John Kerry spoke in Paris. Secretary of State John Kerry says he is hopeful."
    assert all(not m.current for m in role_mentions(text, kb))
    assert misdating_warnings(text, LATER, kb) == []


def test_right_date_is_quiet(kb):
    assert misdating_warnings("Secretary of State John Kerry says the talks will resume.", date(2015, 6, 1), kb) == []
