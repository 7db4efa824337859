"""A small hand-built corpus (no coder): articles and events whose aggregates are known by hand."""
from __future__ import annotations

from datetime import date

from detente.model import Actor, Article, Event
from detente.pipeline import CodedArticle

GOLD = {"02": (1, 3.0), "12": (3, -4.0), "19": (4, -10.0), "04": (1, 1.0), "17": (4, -5.0)}


def actor(code: str) -> Actor:
    return Actor(code=code, country=code[:3], sector=code[3:] or None, name=None, text=code)


def event(art: str, sentence: str, src: str, tgt: str, root: str, when: str | None, *, trigger: str = "did",
          modality: str = "asserted", confidence: float = 0.8, start: int = 0) -> Event:
    q, g = GOLD[root]
    return Event(article_id=art, sentence=sentence, span=(start, start + len(sentence)), trigger=trigger,
                 source=actor(src), target=actor(tgt), cameo=root, cameo_root=root, plover="X", quad_class=q,
                 goldstein=g, date=when, date_precision="day" if when and len(when) == 10 else "month",
                 date_basis="explicit" if when else "publication", modality=modality, confidence=confidence,
                 rule="test")


S1 = "Washington called for talks on the nuclear program of Pyongyang."
S2 = "Pyongyang declined the proposal for nuclear talks from Washington."
S3 = "North Korea again declined the Washington proposal on nuclear talks, officials said."
S4 = "The United States bombed a North Korean missile site near the border."
S5 = "China consulted North Korea about the nuclear talks in Beijing."
S6 = "Washington did not bomb the site."


def corpus() -> list[CodedArticle]:
    """Six articles: a1 and a2 report the same rejection, a3 reprints a1, a4 a later attack, a5 other
    dyads, a6 a negated event."""
    def art(i, text, outlet, pub):
        return Article(id=i, text=text, title=f"title {i}", published=date.fromisoformat(pub), outlet=outlet)

    t1 = S1 + " " + S2
    out = [
        CodedArticle(art("a1", t1, "Reuters", "2016-02-21"), [
            event("a1", S1, "USAGOV", "PRKGOV", "02", "2016-02-20", start=0),
            event("a1", S2, "PRKGOV", "USAGOV", "12", "2016-02-21", start=len(S1) + 1)]),
        CodedArticle(art("a2", S3, "AP", "2016-02-22"), [
            event("a2", S3, "PRKGOV", "USAGOV", "12", "2016-02-22", confidence=0.6)]),
        CodedArticle(art("a3", t1, "Yahoo", "2016-02-22"), [
            event("a3", S1, "USAGOV", "PRKGOV", "02", "2016-02-20", start=0),
            event("a3", S2, "PRKGOV", "USAGOV", "12", "2016-02-21", start=len(S1) + 1)]),
        CodedArticle(art("a4", S4, "AP", "2016-03-05"), [
            event("a4", S4, "USAMIL", "PRKMIL", "19", "2016-03-04")]),
        CodedArticle(art("a5", S5, "Xinhua", "2016-03-10"), [
            event("a5", S5, "CHNGOV", "PRKGOV", "04", "2016-03-10")]),
        CodedArticle(art("a6", S6, "AP", "2016-03-11"), [
            event("a6", S6, "USAGOV", "PRKGOV", "19", "2016-03-11", modality="negated")]),
    ]
    return out
