"""Issue 17: events of an article with no date, or a date its text rules out, are dated from the text's own date."""
from datetime import date

from detente.dates.infer import DateInference
from detente.dates.reanchor import mark_inferred
from detente.dates.resolve import EventDate
from detente.events.cameo import CameoTable
from detente.events.draft import Draft

TEXT = ("TEHRAN (Reuters) - Iran rejected the U.S. proposal on Tuesday, March 1, its foreign ministry said.\n"
        "We will not negotiate under pressure. — Javad Zarif (@JZarif) March 1, 2016\n"
        "On Wednesday, Russia condemned the new sanctions on Iran.\n"
        "In 2015, Iran signed a nuclear deal with six powers.")


def _asserted(coded):
    return [e for e in coded.events if e.modality == "asserted"]


def _code(coder, published):
    from detente.ingest.readers import make_article

    return coder.code_article(make_article(id="t17", text=TEXT, published=published))


def test_no_date_events_are_dated_from_the_text(coder):
    coded = _code(coder, None)
    events = _asserted(coded)
    assert events and all(e.date for e in events)
    relative = [e for e in events if e.date_basis != "explicit"]
    assert relative and all(e.date_basis == "inferred" and e.date.startswith("2016-0") for e in relative)
    trace = relative[0].extra["trace"]["date"]
    assert trace["basis"] == "inferred" and trace["reanchored"]["anchor"].startswith("2016-03")
    assert any("no publication date: events dated from the text's own date, inferred 2016-03" in w
               for w in coded.warnings)
    assert any(e.date_basis == "explicit" and e.date == "2015" for e in events)  # "In 2015" stays explicit


def test_a_date_years_off_is_replaced(coder):
    right = {e.event_id: e.date for e in _asserted(_code(coder, date(2016, 3, 2)))}
    coded = _code(coder, date(2018, 3, 2))
    events = _asserted(coded)
    assert any("rules that date out" in w and "Zarif" in w for w in coded.warnings)
    moved = [e for e in events if e.date_basis == "inferred"]
    assert moved and all(e.date.startswith("2016-0") for e in moved)
    for e in moved:
        assert e.extra["trace"]["date"]["reanchored"]["from"] is None or \
            e.extra["trace"]["date"]["reanchored"]["from"].startswith("2018")
        if e.event_id in right:  # the same event coded with the right date
            assert right[e.event_id].startswith(e.date)


def test_a_right_date_is_kept(coder):
    coded = _code(coder, date(2016, 3, 2))
    assert all(e.date_basis != "inferred" for e in coded.events)
    assert not any("rules that date out" in w for w in coded.warnings)


def _event(d, basis, precision="day"):
    return Draft(article_id="a", sentence="s", span=(0, 1), trigger="t", trigger_span=None, source=None,
                 target=None, code=CameoTable.load().get("120"), when=EventDate(d, precision, basis, "on Sunday"),
                 modality="asserted", cue="", attribution=None, confidence=0.5, coder="rules", pattern="p")


def test_mark_inferred_cuts_to_the_month_and_keeps_explicit_dates():
    inf = DateInference(date(2016, 3, 2), lo=date(2016, 3, 1), hi=date(2016, 3, 25), precision="month",
                        confidence=0.7)
    evs = [_event("2016-02-28", "relative"), _event("2016-03-02", "publication"),
           _event("2014-05-01", "explicit"), _event("2016-02-22/2016-02-28", "relative", "span")]
    mark_inferred(evs, inf)
    assert [(e.date, e.date_precision, e.date_basis) for e in evs] == [
        ("2016-02", "month", "inferred"), ("2016-03", "month", "inferred"), ("2014-05-01", "day", "explicit"),
        ("2016-02", "month", "inferred")]
    r = evs[0].event().extra["trace"]["date"]["reanchored"]
    assert r["anchor"] == "2016-03-02" and r["window"] == "2016-03-01..2016-03-25" and r["reckoned"] == "relative"
