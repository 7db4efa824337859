"""Where an event happened: a place phrase in the clause of its predicate, else the article's dateline.

The clause is the predicate, its objects and complements, and relative clauses on them ("held talks that
took place at the UN offices in Geneva"). The dateline ("GENEVA (Reuters) -") places only events of the
news itself: an event the sentence dates explicitly ("in 1953") is not placed by it.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..model import Place
from .gazetteer import _EXTRA, Gazetteer

PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
_PLACE_ENTS = ("GPE", "LOC", "FAC")


def _frontier(pred: Token) -> list[Token]:
    heads = [pred]
    for c in pred.children:
        if c.dep_ in ("dobj", "xcomp", "advcl", "relcl", "acl", "attr", "nsubjpass") or \
                (c.dep_ == "nsubj" and pred.pos_ not in ("VERB", "AUX")):
            heads.append(c)
            heads.extend(g for g in c.children if g.dep_ in ("relcl", "acl"))
    if pred.dep_ in ("dobj", "pobj") and pred.head.pos_ == "VERB":  # "held talks in Geneva" for the noun "talks"
        heads.append(pred.head)
    return heads


def _place_in(pobj: Token, gaz: Gazetteer, countries: list[str]) -> Place | None:
    """A place named in the phrase under a preposition: a seat ("NATO headquarters"), else the first toponym."""
    doc = pobj.doc
    phrase = doc[pobj.left_edge.i:pobj.i + 1].text
    key = phrase.lower().removeprefix("the ")
    if key in _EXTRA:
        return gaz.lookup(phrase, countries=countries, text=phrase)
    for ent in doc.ents:
        if ent.label_ not in _PLACE_ENTS or not (pobj.left_edge.i <= ent.root.i <= pobj.right_edge.i):
            continue
        if not _on_path(ent.root, pobj):
            continue
        text = ent.text
        # "Doha, Qatar": the country settles the city and stays in the text
        if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
            nxt = next((e for e in doc.ents if e.start == ent.end + 1 and e.label_ in ("GPE", "LOC")), None)
            if nxt is not None:
                text = doc[ent.start:nxt.end].text
        place = gaz.lookup(text, countries=countries, text=text)
        if place is not None:
            return place
    return None


def _on_path(tok: Token, top: Token) -> bool:
    """The toponym is the phrase's head or sits in a nested place phrase ("offices in Geneva"), not a modifier
    of another noun ("the US election")."""
    hops = 0
    while tok.i != top.i and hops < 8:
        if tok.dep_ not in ("pobj", "prep", "appos", "conj", "cc") and not (tok.dep_ == "compound" and tok.ent_type_
                                                                           and tok.head.ent_type_ == tok.ent_type_):
            return False
        tok, hops = tok.head, hops + 1
    return tok.i == top.i


def event_location(pred: Token, gaz: Gazetteer, countries: list[str], *, dateline: str | None = None) -> Place | None:
    """The place the clause of ``pred`` names ("talks at the UN offices in Geneva"), else the dateline."""
    for head in _frontier(pred):
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                place = _place_in(pobj, gaz, countries)
                if place is not None:
                    return place
    if dateline:
        from ..dates.attach import best_date

        when = best_date(pred, pred.sent, None)
        if when is not None and when.basis == "explicit":
            return None  # a dated past event did not happen where the reporter files from
        return gaz.lookup(dateline, countries=countries, text=dateline)
    return None
