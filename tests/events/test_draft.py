"""The Draft: an event while the stages decide it, built into the record once, at the end."""
from __future__ import annotations

from detente.dates.resolve import EventDate
from detente.events.cameo import CameoTable
from detente.events.draft import Draft
from detente.events.scorer.stage import _derived
from detente.model import Actor, Attribution, Event, Place

CAMEO = CameoTable.load()


def _draft(**kw) -> Draft:
    got = dict(article_id="a", sentence="Iran rejected the proposal.", span=(0, 27), trigger="rejected",
               trigger_span=(5, 13), source=Actor("IRN", "IRN", None, "Iran", "Iran", reason="named"),
               target=Actor("USA", "USA", None, "United States", "Washington", reason="a seat of power",
                            via="metonym"),
               code=CAMEO.get("120"), when=EventDate("2016-02-21", "day", "relative", "on Sunday"),
               modality="asserted", cue="", attribution=Attribution("officials said"), confidence=0.7,
               coder="detente.rules.v1", pattern="reject.verb")
    got.update(kw)
    return Draft(**got)


def test_a_draft_is_built_into_the_record_with_its_trace():
    d = _draft(location=Place("Tehran", "IRN", None, 35.7, 51.4, "in Tehran"))
    e = d.event()
    assert isinstance(e, Event)
    assert (e.cameo, e.cameo_root, e.plover, e.quad_class) == ("120", "12", CAMEO.get("120").plover, 3)
    assert (e.date, e.date_precision, e.date_basis) == ("2016-02-21", "day", "relative")
    assert e.rule == "detente.rules.v1:reject.verb" and e.location.name == "Tehran"
    assert e.event_id == d.event_id  # the draft and its record have one id
    t = e.extra["trace"]
    assert t["type"] == {"stage": "rules", "pattern": "reject.verb", "variant": None, "trigger": "rejected"}
    assert t["source"]["code"] == "IRN" and t["target"]["via"] == "metonym"
    assert t["date"] == {"basis": "relative", "expression": "on Sunday", "note": None}
    assert t["attribution"] == {"cue": "officials said"} and "scorer" not in t


def test_what_the_stages_decide_reaches_the_record():
    d = _draft(variant="+refusal", derived="refusal")
    assert _derived(d) and not _derived(_draft())  # a typed field, not the variant's text
    d.code, d.retyped_by = CAMEO.get("111"), "detente.scorer.v2"  # the scorer re-types it
    d.scorer = {"stage": "scorer", "decision": "retyped", "p_root": 0.05}
    d.when = EventDate("2016-02", "month", "inferred")  # and the article is dated again
    e = d.event()
    assert (e.cameo, e.cameo_root, e.quad_class) == ("111", "11", 3)
    assert e.rule == "detente.rules.v1:reject.verb+refusal|retyped:detente.scorer.v2"
    assert e.extra["trace"]["scorer"]["decision"] == "retyped"
    assert e.extra["trace"]["date"]["basis"] == "inferred" and e.date == "2016-02"


def test_an_act_with_no_author_says_why_in_its_trace():
    e = _draft(source=None, no_source="no author named").event()
    assert e.source is None
    assert e.extra["trace"]["source"] == {"code": None, "how": "no author named", "text": ""}
    assert _draft(source=None).event().extra["trace"]["source"] is None


def test_the_coder_returns_records_built_from_drafts(coder):
    from detente.ingest.readers import make_article

    got = coder.code_article(make_article(id="d1", text="Pyongyang rejected the proposal by Seoul on Sunday.",
                                          published="2016-02-23"))
    assert got.events and all(type(e) is Event for e in got.events)
    e = next(e for e in got.events if e.cameo_root == "12")
    assert e.date == "2016-02-21" and e.extra["trace"]["date"]["expression"]
