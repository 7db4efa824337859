"""An event while the coder's stages decide it: the ``Draft``, built into the record (``model.Event``) once, at
the end.

The rule coder proposes drafts (a pattern's act, with its actors, modality, date and attribution), the scorer
keeps, re-types or adds them, the pipeline gives them a place and, when an article's date is inferred, re-dates
them; only then does ``Draft.event()`` build the Event, its ``rule`` string and its trace. Every decision a
stage takes reads the draft's typed fields (``origin``, ``derived``, ``code``, ``when``), never a string written
for people.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..dates.resolve import EventDate
from ..model import Actor, Attribution, Event, Place, event_id
from .cameo import CameoCode

#: what a draft derived from another act's modality says: the speaker's demand of the subject ("Russia said Sudan
#: must ..."), a refusal ("will not negotiate"), a condition set ("will only sign if ..."), a stated intent
DERIVED = ("demand", "refusal", "condition", "stated_intent")


@dataclass
class Draft:
    """One event being coded. ``origin`` is who proposed it ("rules", or "scorer" for a pair the learned scorer
    added); ``coder`` names the component whose pattern or model typed it (the ``rule`` string's prefix);
    ``pattern`` and ``variant`` say which pattern and how (a code override's note, a model's probability);
    ``derived`` is one of ``DERIVED`` for an act read off another's modality."""

    article_id: str
    sentence: str
    span: tuple[int, int]
    trigger: str
    trigger_span: tuple[int, int] | None
    source: Actor | None
    target: Actor | None
    code: CameoCode
    when: EventDate
    modality: str
    cue: str  # the words that set the modality ("will", "not", "plans"), "" when asserted
    attribution: Attribution | None
    confidence: float
    coder: str
    pattern: str
    variant: str = ""
    derived: str | None = None
    origin: str = "rules"
    retyped_by: str | None = None  # the scorer that re-typed a rule's event
    scorer: dict | None = None  # the scorer's decision and probabilities
    location: Place | None = None
    reanchored: dict | None = None  # how the date was reckoned again from an inferred article date
    no_source: str | None = None  # why an act has no source ("no author named"), for the trace

    # the record's names for what stages read
    @property
    def cameo(self) -> str:
        return self.code.code

    @property
    def cameo_root(self) -> str:
        return self.code.root

    @property
    def date(self) -> str | None:
        return self.when.value

    @property
    def date_precision(self) -> str | None:
        return self.when.precision

    @property
    def date_basis(self) -> str | None:
        return self.when.basis

    @property
    def event_id(self) -> str:
        return event_id(self)

    @property
    def rule(self) -> str:
        """The record's ``rule``: the component, the pattern and its variant, and a re-typing scorer."""
        return f"{self.coder}:{self.pattern}{self.variant}" + (f"|retyped:{self.retyped_by}" if self.retyped_by
                                                               else "")

    def event(self) -> Event:
        """The record, built once every stage has decided."""
        c = self.code
        return Event(
            article_id=self.article_id, sentence=self.sentence, span=self.span, trigger=self.trigger,
            source=self.source, target=self.target, cameo=c.code, cameo_root=c.root, plover=c.plover,
            quad_class=c.quad_class, goldstein=c.goldstein, date=self.when.value,
            date_precision=self.when.precision, date_basis=self.when.basis, location=self.location,
            attribution=self.attribution, modality=self.modality, confidence=self.confidence, rule=self.rule,
            trigger_span=self.trigger_span, extra={"trace": self.trace()})

    def trace(self) -> dict:
        """Why the event is what it is: the stage and pattern that typed it, the scorer's decision, how each actor
        was reached, the modality cue, the date expression and the attribution cue (stored with the event as
        JSON)."""
        date = {"basis": self.when.basis, "expression": self.when.text, "note": self.when.note}
        if self.reanchored is not None:
            date["reanchored"] = self.reanchored
        out = {"type": {"stage": "rules", "pattern": self.pattern, "variant": self.variant or None,
                        "trigger": self.trigger},
               "source": _actor(self.source) if self.source is not None or self.no_source is None else
               {"code": None, "how": self.no_source, "text": ""},
               "target": _actor(self.target),
               "modality": {"value": self.modality, "cue": self.cue or None},
               "date": date,
               "attribution": {"cue": self.attribution.text} if self.attribution is not None else None}
        if self.scorer is not None:
            out["scorer"] = self.scorer
        return out


def _actor(a: Actor | None) -> dict | None:
    if a is None:
        return None
    got = {"text": a.text, "code": a.code, "how": a.reason or ("named" if a.code else "unresolved words")}
    # the typed strategy, for programs: what named it, and how it was reached when the sentence does not
    got.update({k: v for k, v in (("entity", a.entity), ("via", "guessed" if a.guessed else a.via)) if v})
    return got
