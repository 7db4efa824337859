"""Where an event happened: a place phrase attached to its predicate, else the article's dateline."""
from __future__ import annotations

from spacy.tokens import Token

from ..model import Place
from .gazetteer import Gazetteer

PLACE_PREPS = {"in", "at", "near", "outside", "inside"}


def event_location(pred: Token, gaz: Gazetteer, countries: list[str], *, dateline: str | None = None) -> Place | None:
    """The place the clause of ``pred`` names ("talks at the UN offices in Geneva"), else the dateline."""
    doc = pred.doc
    frontier = [pred] + [c for c in pred.children if c.dep_ in ("dobj", "xcomp", "advcl") and c.i > pred.i]
    for head in frontier:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in prep.subtree:
                if pobj.ent_type_ in ("GPE", "LOC", "FAC") and pobj.ent_iob_ == "B":
                    ent = next((e for e in doc.ents if e.start == pobj.i), None)
                    if ent is None:
                        continue
                    text = ent.text
                    # "Doha, Qatar": keep the country for the text and the disambiguation
                    nxt = doc[ent.end:ent.end + 3]
                    extra = [e for e in doc.ents if e.start in (ent.end + 1,) and e.label_ == "GPE"]
                    if extra and nxt and nxt[0].text == ",":
                        text = doc[ent.start:extra[0].end].text
                    place = gaz.lookup(ent.text, countries=countries, text=text)
                    if place is not None:
                        return place
    if dateline:
        return gaz.lookup(dateline, countries=countries, text=dateline)
    return None
