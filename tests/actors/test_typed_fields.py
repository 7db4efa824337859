"""The coder's decisions read typed fields of an Actor (``entity``, ``via``, ``role``, ``guessed``), never its
``reason``, which is words for people: hand-built actors whose reason says one thing and fields another."""
from __future__ import annotations

from detente.actors.coref import _kind, is_person_like, role_matches
from detente.events.context import Context, is_person as _is_person
from detente.dates.resolve import EventDate
from detente.events.cameo import CameoTable
from detente.events.draft import Draft
from detente.model import Actor


def _actor(code, **kw) -> Actor:
    return Actor(code, code[:3], code[3:] or None, kw.pop("name", None), kw.pop("text", code), **kw)


def test_a_person_is_one_by_entity_not_by_reason():
    said = _actor("USAGOV", reason="'X' is a person: President", text="X")
    typed = _actor("USAGOV", reason="resolved somehow", entity="person", text="X")
    assert not _is_person(said) and _is_person(typed)
    assert not is_person_like(said) and is_person_like(typed)
    assert _kind(said, False) == "state" and _kind(typed, False) == "person"
    org = _actor("NATO", reason="'NATO' is a person", entity="org")
    assert _kind(org, False) == "org" and _kind(org, True) == "group"


def test_context_remembers_people_by_entity():
    ctx = Context()
    ctx.remember(_actor("USAGOV", name="Mike Pompeo", entity="person", text="Pompeo"))
    ctx.remember(_actor("RUSGOV", name="Kremlin", reason="the person named most recently", text="the Kremlin"))
    assert [a.name for a in ctx.people] == ["Mike Pompeo"] and ctx.surnames["Pompeo"].country == "USA"


def test_the_secretary_matches_the_role_field():
    words = ["secretary"]
    assert role_matches(_actor("USAGOV", text="Pompeo", role="Secretary of State 2018-04-26..2021-01-20"), words)
    assert not role_matches(_actor("USAGOV", text="Pompeo", reason="Secretary of State 2018-04-26..2021-01-20"),
                            words)
    assert not role_matches(_actor("USAELI", text="Kerry", role="former Secretary of State (ended 2017-01-20)"),
                            words)


def _event(src: Actor, tgt: Actor) -> Draft:
    return Draft("a", "s", (0, 1), "met", None, src, tgt, CameoTable.load().get("040"),
                 EventDate(None, None, "publication"), "asserted", "", None, 0.5, "rules", "p")


def test_an_implicit_target_makes_no_pair_whatever_its_reason_says():
    ctx = Context()
    ctx.events.append(_event(_actor("USA"), _actor("CHN", via="implicit", reason="named in the sentence")))
    assert ctx.pair() is None
    ctx.events.append(_event(_actor("USA"), _actor("PRK", reason="implicit target: words only")))
    assert ctx.pair() == ("USA", "PRK")


def test_the_resolver_types_what_it_resolves(loaded):
    from detente.actors import resolve_text

    nlp, resolver = loaded
    got = {r.text: r.actor for r in resolve_text("Vladimir Putin met NATO officials and the Chinese.", "2019-05-01",
                                                 nlp=nlp, resolver=resolver)}
    putin = got["Vladimir Putin"]
    assert putin.entity == "person" and "President" in putin.role
    assert next(a for t, a in got.items() if t.startswith("NATO")).entity == "org"
    assert got["the Chinese"].entity == "demonym" and got["the Chinese"].role is None
