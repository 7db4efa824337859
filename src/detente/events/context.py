"""What the coder's stages share: the ``Context`` of an article's sentences so far (actors named, subjects, the
article's focus, the attribution memory, the events coded), the ``Frame`` of the sentence being coded, and a
``Found`` predicate, matched by a pattern before its actors are attached. No spaCy model here, only its types."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import Actor, Article
from .attribution import ArticleAttribution
from .draft import Draft
from .patterns import Pattern

DEFINITE = {"the", "this", "that", "these", "those"}


def model_added(e: Draft) -> bool:
    """An event the learned scorer added (rather than one of the rules, which it may have kept or re-typed)."""
    return e.origin == "scorer"


def is_person(a: Actor) -> bool:
    return a.entity == "person"


@dataclass
class Context:
    """What the coder remembers across the sentences of one article (for coreference)."""

    last_actor: Actor | None = None
    last_country: Actor | None = None
    last_person: Actor | None = None
    last_org: Actor | None = None
    seen_countries: list[str] = field(default_factory=list)

    focus: list[Actor] = field(default_factory=list)
    subjects: list[tuple[int, Actor]] = field(default_factory=list)  # (token index, actor) of subjects so far
    memory: object | None = None  # actors.coref.ArticleMemory: "the North", "the country", role phrases
    surnames: dict[str, Actor] = field(default_factory=dict)  # "Moon" -> Moon Jae-in once he was named
    home: str | None = None  # the dateline's country ("BEIJING (Reuters) -" -> CHN), for bare role phrases
    lede: object | None = None  # the day the article's opening sentences name (dates.attach.lead_date)
    people: list[Actor] = field(default_factory=list)  # persons named so far, in order ("the secretary", "he")
    # attribution memory: quotations across sentences, full names of speakers, news agencies' reports
    attribution: ArticleAttribution = field(default_factory=ArticleAttribution)
    events: list[Draft] = field(default_factory=list)  # the article's events so far (for "the agreement")
    sentence_events: list[Draft] = field(default_factory=list)  # the current sentence's, not yet in ``events``

    def pair(self) -> tuple[str, str] | None:
        """The two states of the article's latest event between two states ("the two countries"), this
        sentence's events first ("X met Y and the two sides agreed")."""
        countries = getattr(getattr(self.memory, "kb", None), "countries", None)
        for e in reversed(self.events + self.sentence_events):
            s, t = e.source, e.target
            if model_added(e):
                continue  # a pair the learned scorer proposed is not firm enough to stand for "the two countries"
            if s and t and s.country and t.country and s.country != t.country and e.modality == "asserted" and \
                    (not countries or s.country in countries and t.country in countries) and \
                    t.via != "implicit":  # a guessed target makes no pair
                return s.country, t.country
        return None

    def referred(self, tok: Token) -> Draft | None:
        """The earlier event a definite act noun refers to: "the agreement" after "Kerry and Lavrov reached an
        agreement", "the missile strikes" after "the U.S. launched missile strikes"."""
        if tok.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in tok.children):
            return None
        words = {tok.lower_, tok.lemma_.lower(), tok.lower_.rstrip("s")}
        stems = {w[:6] for w in words if len(w) >= 6}  # "the accusations" after "accused" (accuse, accusation)
        for e in reversed(self.events):
            if e.source is None or e.modality != "asserted" or not e.source.country:
                continue
            trig = {w.lower().rstrip("s") for w in e.trigger.split()} | {w.lower() for w in e.trigger.split()}
            if trig & words or stems & {w[:6] for w in trig if len(w) >= 6}:
                return e
        return None

    def subject_before(self, i: int, *, person: bool) -> Actor | None:
        """The latest subject before token ``i`` that is (or is not) a person."""
        for j, a in reversed(self.subjects):
            if j < i and is_person(a) == person:
                return a
        return None

    def focus_other(self, src: Actor, exclude: set | frozenset = frozenset()) -> Actor | None:
        """The article's most mentioned actor from another country than ``src`` (for implicit targets)."""
        for a in self.focus:
            if a.country and a.country != src.country and a.country not in exclude and a.sector != "MED":
                return Actor(a.code, a.country, a.sector, a.name, a.text,
                             reason=f"implicit target: the article's main other actor ({a.name})", guessed=True,
                             via="implicit")
        return None

    def remember(self, a: Actor | None, span=None) -> None:
        if a is None or a.code is None:
            return
        if self.memory is not None:
            self.memory.remember(a, span=span)
        self.last_actor = a
        countries = getattr(getattr(self.memory, "kb", None), "countries", None)
        if a.sector is None and a.country and len(a.code or "") == 3 and (not countries or a.country in countries):
            self.last_country = a  # a state: "the government", "the country" never stand for the UN
        if a.name and a.entity == "person":
            self.last_person = a
            if not (self.people and self.people[-1].name == a.name and self.people[-1].text == a.text):
                self.people.append(a)
            parts = a.name.replace("-", " ").split()
            if len(parts) >= 2:
                for part in {parts[0], parts[-1]}:
                    if part[:1].isupper() and len(part) > 2:
                        self.surnames[part] = a
        if a.country and a.country not in self.seen_countries:
            self.seen_countries.append(a.country)


@dataclass
class Found:
    """A predicate matched by a pattern, before actors are attached."""

    pred: Token
    pattern: Pattern
    trigger: list[Token]
    object_tok: Token | None


@dataclass
class Frame:
    """One sentence as every stage sees it: its parse, its text and the span of that text in the article, the
    article, the actors its document names (knowledge-base ``mentions``, ``sectors``), the article's ``ctx``, and
    ``base``, the offset of the sentence's chunk in the article (trigger spans are article offsets)."""

    sent: Span
    text: str
    span: tuple[int, int]
    article: Article
    mentions: list
    sectors: object
    ctx: Context
    base: int = 0

    @property
    def on(self):
        """The article's date (None when it has none)."""
        return self.article.published
