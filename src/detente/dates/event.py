"""The date of one event: the expression that dates its predicate, else what the text around it dates.

``resolve.py`` turns an expression into a date; ``attach.py`` finds the expressions a predicate and its sentence
carry; this module chooses among them and the fallbacks (the governing clause, the day another clause names,
the sentence before, the narrative, the lede's day, the article's date).
"""
from __future__ import annotations

from datetime import date, timedelta

from .attach import _anchor, best_date, doc_sents, lead_date, main_day, main_past_date, own_day
from .resolve import EventDate, resolve_expression


def event_date(pred, sent, published: date | None, *, future: bool = False) -> EventDate:
    """The date of the event whose predicate is ``pred``: from a date expression attached to it, else publication."""
    got = best_date(pred, sent, published, future=future)
    if got is not None:
        return got
    # the clause that governs this one gives the date: "said on Friday that X had ...", "in 2007, when X met Y"
    cur = pred
    for _ in range(5):
        if cur.head.i == cur.i or cur.dep_ not in ("ccomp", "advcl", "conj", "xcomp", "parataxis", "relcl"):
            break
        cur = cur.head
        if cur.ent_type_ == "DATE" and cur.like_num:  # "in 2007, when Roh met Kim"
            got = resolve_expression(cur.text, published)
            if got is not None and got.value:
                return EventDate(got.value, got.precision, got.basis, got.text)
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in ("pobj", "npadvmod", "dobj") and cur.head.i != cur.i:
            cur = cur.head.head if cur.dep_ == "pobj" else cur.head  # "a consensus reached last month, when ..."
        if cur.pos_ in ("VERB", "AUX"):
            got = best_date(cur, sent, published)
            if got is not None and got.value and (published is None or
                                                  got.value.split("/")[0] <= published.isoformat()):
                return EventDate(got.value, got.precision, "relative" if got.basis == "publication" else got.basis,
                                 got.text)
    # a day the sentence names in another of its clauses ("In a statement issued Monday, X defended ...", "X were
    # killed when a rocket struck on Thursday"): the nearest, for a past event, before the sentences around it
    if published is not None and not future:
        own = own_day(pred, sent, published)
        if own is not None:
            return EventDate(own.value, "day", "relative", own.text)
    before = [s for s in doc_sents(sent.doc) if s.end <= sent.start][-1:]
    clause = bool(before) and any(t.pos_ == "VERB" for t in before[-1])  # a header date line is no clause
    past = pred.tag_ == "VBD" or (sent.root.tag_ == "VBD" and not future) or any(
        c.lower_ == "had" and c.dep_ == "aux" for c in pred.children)
    if published is not None and clause:
        # news runs on: a sentence without a date of its own continues the day the sentence before it named: the
        # day of its main clause ("Trump on Wednesday struck a cautious note, ... which denies involvement in the
        # Sept. 14 strikes."), else the last date it names
        prev = main_day(before[-1], published) or _anchor(sent, published, lookback=1, past_only=True)
        if prev is not None and prev.precision == "day" and prev.value <= published.isoformat() and \
                (published - date.fromisoformat(prev.value)).days <= 7:
            return EventDate(prev.value, "day", "relative", prev.text)
    # ... or, for a past event, the date further back that the sentence before's main clause is told at
    back = _narrative(pred, sent, before, published, past) if clause else None
    if back is not None:
        return back
    if published is None:
        return EventDate(None, None, "publication")
    # ... or the day the article's lede named, for a past-tense event told further down
    lead = lead_date(sent, published) if past and not _perfect_now(pred) else None
    if lead is not None and lead.value != published.isoformat():
        return EventDate(lead.value, "day", "relative", lead.text, "lede")
    return EventDate(published.isoformat(), "day", "publication")


def _narrative(pred, sent, before: list, published: date | None, past: bool) -> EventDate | None:
    """A past event with no date of its own, told right after a sentence whose main clause is dated further back
    than the past week, continues that date: the narrative goes on ("In 1999, Clinton bombed Yugoslavia. The NATO
    air campaign killed some 500 civilians" -> 1999). Without a publication date only a date the text states in
    full ("in 1999", "in July 2016") is continued. Never across a paragraph break."""
    if not past or _perfect_now(pred):
        return None
    prev = before[-1]
    first = next((t for t in sent if not t.is_space), sent[0])
    last = next((t for t in reversed(prev) if not t.is_space), prev[-1])
    # the text between the two sentences from their tokens (Doc.text would join the whole document anew)
    between = last.whitespace_ + "".join(t.text_with_ws for t in prev.doc[last.i + 1:first.i])
    if "\n" in between:
        return None  # a new paragraph goes back to the story ("In 2000, Clinton shook hands with Castro.\n\nMr.
        # Obama also shook hands with Rousseff")
    back = main_past_date(prev, published)
    if back is None or published is not None and \
            back.value.split("/")[0] >= (published - timedelta(days=7)).isoformat():
        return None
    return EventDate(back.value, back.precision, back.basis, back.text, "narrative")


def _perfect_now(pred) -> bool:
    """Present perfect ("has asked"): a state up to now, not the lede's day."""
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve") for c in pred.children)
