"""The records detente passes between stages: Article in, Event out (see EVENTS.md)."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

MODALITIES = ("asserted", "negated", "hypothetical", "intended", "demanded", "believed")
#: how an event's date was found: named with its year, reckoned from the article's date, reckoned from the date
#: inferred from the text (the article's own missing or ruled out), or the article's date for want of any other
DATE_BASES = ("explicit", "relative", "inferred", "publication")


@dataclass(frozen=True)
class Article:
    """One news article: its text and what is known about it."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    source_path: str | None = None
    published_basis: str | None = None  # "metadata", "header", "option" or None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the normalised text: reprints of one text share it."""
        norm = " ".join(self.text.split()).lower()
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass
class Actor:
    """Who acts or is acted upon: a CAMEO-style code plus the words in the text."""

    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    text: str
    reason: str | None = None  # how it was resolved, in words for people (not part of EVENTS.md records); no
    # decision reads it: the typed fields below say what the coder needs to know
    guessed: bool = False  # taken from the article, not the sentence: its "main other actor" (no explicit link)
    entity: str | None = None  # what named it is, by the knowledge base: "person", "org", "country", "metonym",
    # "demonym", "place" (None for a state reached through a role phrase or a pronoun that is not a person's)
    via: str | None = None  # how it was reached when the sentence does not name it: "implicit" (a target the act
    # implies: the only other actor, the reporting side, the article's main other actor), "one state" (a role
    # phrase with no country, in an article that names one state)
    role: str | None = None  # a person's office as the knowledge base dates it and the text titles it ("Secretary
    # of State 2013-02-01..2017-01-20 covers 2016-02-03; text says 'former'"): what "the secretary" is matched on

    def to_dict(self) -> dict[str, Any]:
        """The actor as EVENTS.md writes it."""
        return {"code": self.code, "country": self.country, "sector": self.sector,
                "name": self.name, "text": self.text}


@dataclass
class Place:
    """Where an event happened."""

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Attribution:
    """Who says the event happened."""

    text: str
    speaker: Actor | None = None
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "speaker": self.speaker.to_dict() if self.speaker else None,
                "outlet": self.outlet}


def event_id(e) -> str:
    """The stable id of an event (or of an event being coded, ``events.draft.Draft``): from the article, the
    sentence span, the trigger and the actors and code."""
    key = "|".join([
        e.article_id, f"{e.span[0]}:{e.span[1]}", e.trigger,
        str(e.trigger_span), (e.source.code or e.source.text) if e.source else "",
        (e.target.code or e.target.text) if e.target else "", e.cameo,
    ])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class Event:
    """One coded event, the record of EVENTS.md."""

    article_id: str
    sentence: str
    span: tuple[int, int]
    trigger: str
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str
    quad_class: int
    goldstein: float
    date: str | None = None
    date_precision: str | None = None
    date_basis: str | None = None
    location: Place | None = None
    attribution: Attribution | None = None
    modality: str = "asserted"
    confidence: float = 0.5
    rule: str = ""
    trigger_span: tuple[int, int] | None = None  # character offsets of the trigger in the article
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def event_id(self) -> str:
        """Stable id from the article, the sentence span, the trigger and the actors and code."""
        return event_id(self)

    def to_dict(self) -> dict[str, Any]:
        """The EVENTS.md record, every field present."""
        d = {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
            "trigger": self.trigger,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_basis": self.date_basis,
            "location": self.location.to_dict() if self.location else None,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "modality": self.modality,
            "confidence": round(float(self.confidence), 3),
            "rule": self.rule,
        }
        if self.trigger_span:
            d["trigger_span"] = [self.trigger_span[0], self.trigger_span[1]]
        d.update(self.extra)
        return d


EVENT_FIELDS = ("event_id", "article_id", "sentence", "span", "trigger", "source", "target", "cameo",
                "cameo_root", "plover", "quad_class", "goldstein", "date", "date_precision",
                "date_basis", "location", "attribution", "modality", "confidence", "rule")


@dataclass
class CodedArticle:
    """An article with the events coded from it and the warnings raised about it (what ``Coder`` returns).

    Defined here, with the records, so that storing and reading coded articles (the store, the Dask client)
    never imports the coder and spaCy."""

    article: Article
    events: list[Event]
    warnings: list[str] = field(default_factory=list)
