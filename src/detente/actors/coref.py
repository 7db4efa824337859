"""Article-level coreference for actors: "the country", "the North", "it", "he", "the reclusive nation".

News names an actor once and then refers back to it. ``ArticleMemory`` remembers, sentence by sentence, the
actors an article has resolved, and resolves a later referring phrase to one of them, or to None when the
memory does not settle it (never a guess):

- "the North" / "the South": PRK / KOR once the article has named either Korea (SDN / SSD once it has named
  either Sudan);
- "the country", "the nation", "the reclusive nation", "the communist state", "the kingdom": the state named
  most recently; "the regime", "the government", "the administration", "the leadership": that state's GOV;
- a bare role phrase with no country ("the foreign ministry", "a military spokesman", "officials"): the
  article's state + the role's sector, but only while the article has named exactly one state;
- "he", "she", "his", "her", "him": the person named most recently; "it", "its": the state or organisation
  named most recently; "they", "their", "them": the most recent group named in the plural
  ("North Korean officials", "the rebels"); "we", "I" and an expletive "it" ("it is raining") stay None.

A phrase that contains an anaphor and a role word combines them: "the country's foreign ministry" after
"Iran" is IRNGOV.

Use, one memory per article (the rule coder keeps one in its per-article context)::

    memory = ArticleMemory(kb)                      # kb: ActorKB (for role words); optional
    for sent in doc.sents:
        for span in noun_phrases(sent):             # subjects and objects, in order
            actor = resolver.actor_for(span, mentions, sectors, on)
            if actor is None:
                actor = memory.resolve(span)        # Actor or None
            if actor is not None:
                memory.remember(actor, span=span)   # what later phrases can refer to

``ActorResolver.resolve_doc`` does exactly this for a whole document.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from ..model import Actor

STATE_NOUNS = {"country", "nation", "state", "kingdom", "republic", "island", "emirate", "peninsula",
               "monarchy", "federation", "sultanate"}
GOV_NOUNS = {"regime", "government", "administration", "leadership", "authorities", "junta", "cabinet"}
PERSON_PRONOUNS = {"he", "she", "his", "her", "him", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "their", "them", "theirs", "themselves"}
REGIONAL = {
    "north": (("PRK", "KOR"), "PRK", ("SDN", "SSD"), "SDN"),
    "south": (("PRK", "KOR"), "KOR", ("SDN", "SSD"), "SSD"),
}
# Epithets that name one state by themselves wherever they appear.
EPITHETS = {"the hermit kingdom": "PRK", "the jewish state": "ISR", "the islamic republic": "IRN"}


def is_anaphor(span: Span, sectors: dict[str, str] | None = None) -> bool:
    """Whether a phrase refers back rather than names: a pronoun, "the country", "the North", or a bare role
    phrase ("the foreign ministry") when role words are given."""
    root = span.root
    low = span.text.lower()
    if root.lower_ in PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS:
        return True
    if low in EPITHETS or _regional(span) is not None:
        return True
    if _definite(span) and root.lower_ in STATE_NOUNS | GOV_NOUNS:
        return True
    if any(t.dep_ == "poss" and _definite_state(t) for t in root.children):
        return True
    if sectors and _sector_of(span, sectors) is not None:
        return True
    return False


@dataclass
class _Seen:
    actor: Actor
    kind: str  # person | state | org | group
    plural: bool = False


@dataclass
class ArticleMemory:
    """What an article has named so far; resolves later references to it. One per article."""

    kb: object | None = None  # ActorKB: its role words let "the foreign ministry" take a sector
    seen: list[_Seen] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)

    # -- remembering --------------------------------------------------------------------------------------
    def remember(self, actor: Actor | None, *, span: Span | None = None, kind: str | None = None) -> None:
        """Remember a resolved actor. ``kind`` (person, state, org, group) is inferred when not given: from
        the resolver's reason, the code's shape and, with ``span``, whether the phrase is plural."""
        if actor is None or actor.code is None:
            return
        plural = False
        if span is not None and len(span):
            plural = span.root.tag_ in ("NNS", "NNPS") or span.root.lower_.endswith("ians")
        kind = kind or _kind(actor, plural)
        self.seen.append(_Seen(actor, kind, plural))
        if actor.country and kind in ("state", "group", "person") and len(actor.country) == 3 \
                and actor.country not in self.countries:
            self.countries.append(actor.country)

    @property
    def states(self) -> list[str]:
        """Countries the article has named as states (not organisations), first mention first."""
        out = []
        for s in self.seen:
            if s.kind in ("state", "group", "person") and s.actor.country and s.actor.country not in out:
                out.append(s.actor.country)
        return out

    def last(self, *kinds: str, plural: bool | None = None) -> Actor | None:
        for s in reversed(self.seen):
            if s.kind in kinds and (plural is None or s.plural == plural):
                return s.actor
        return None

    # -- resolving ---------------------------------------------------------------------------------------
    def resolve(self, span: Span) -> Actor | None:
        """The actor a referring phrase stands for, or None when the memory does not settle it."""
        if not len(span):
            return None
        root = span.root
        low = span.text.lower().strip()
        text = span.text
        if root.dep_ == "expl":
            return None
        if low in EPITHETS:
            c = EPITHETS[low]
            return Actor(c, c, None, c, text, reason=f"'{text}' is an epithet for {c}")
        reg = _regional(span)
        if reg is not None:
            return self._regional_actor(reg, span)
        if len(span) == 1 or (root.pos_ == "PRON" and root.i == span.start):
            w = root.lower_
            if w in PERSON_PRONOUNS:
                return self._refer(self.last("person"), text, "the person named most recently")
            if w in THING_PRONOUNS:
                return self._refer(self.last("state", "org"), text, "the state or organisation named most "
                                   "recently")
            if w in PLURAL_PRONOUNS:
                return self._refer(self.last("group", plural=True), text, "the group named most recently")
            if root.pos_ == "PRON":
                return None
        sector = _sector_of(span, self._sectors())
        poss = [t for t in root.children if t.dep_ == "poss"]
        if poss and _definite_state(poss[0]):
            state = self._last_state()
            if state is None:
                return None
            sec = sector or None
            return self._state_actor(state, sec, text, f"'{poss[0].text}' refers back to {state}")
        if _definite(span) and root.lower_ in STATE_NOUNS:
            state = self._last_state()
            return None if state is None else self._state_actor(
                state, sector if sector and sector != "GOV" else None, text,
                f"'{text}' refers back to the state named most recently, {state}")
        if _definite(span) and root.lower_ in GOV_NOUNS:
            state = self._last_state()
            return None if state is None else self._state_actor(
                state, "GOV", text, f"'{text}' refers back to the government of {state}")
        if sector is not None:
            states = self.states
            if len(states) == 1:
                return self._state_actor(states[0], sector, text,
                                         f"role phrase with no country; the article names one state, {states[0]}")
            return None
        return None

    # -- helpers -----------------------------------------------------------------------------------------
    def _sectors(self) -> dict[str, str]:
        return getattr(self.kb, "sectors", None) or {}

    def _last_state(self) -> str | None:
        """The state named most recently (a person's country only when the article names no state)."""
        for kinds in (("state", "group"), ("person",)):
            for s in reversed(self.seen):
                if s.kind in kinds and s.actor.country and len(s.actor.country) == 3:
                    return s.actor.country
        return None

    def _name(self, country: str) -> str:
        entry = getattr(self.kb, "countries", {}).get(country) if self.kb is not None else None
        return entry.name if entry is not None else country

    def _regional_actor(self, reg: str, span: Span) -> Actor | None:
        pair_a, code_a, pair_b, code_b = REGIONAL[reg]
        names = set(self.countries) | set(self.states)
        hits = [c for pair, c in ((pair_a, code_a), (pair_b, code_b)) if names & set(pair)]
        if len(hits) != 1:
            return None
        c = hits[0]
        sector = _sector_of(span, self._sectors())
        return self._state_actor(c, sector, span.text, f"'the {reg.capitalize()}' in an article about "
                                 f"{'the Koreas' if c in ('PRK', 'KOR') else 'the Sudans'} is {c}")

    def _state_actor(self, country: str, sector: str | None, text: str, reason: str) -> Actor:
        return Actor(country + (sector or ""), country, sector, self._name(country), text, reason=reason)

    @staticmethod
    def _refer(src: Actor | None, text: str, what: str) -> Actor | None:
        if src is None:
            return None
        return Actor(src.code, src.country, src.sector, src.name, text,
                     reason=f"'{text}' refers back to {src.name or src.code} ({what})")


def _kind(a: Actor, plural: bool) -> str:
    reason = a.reason or ""
    if " is a person" in reason:
        return "person"
    if plural:
        return "group"
    if " is a org" in reason:
        return "org"
    return "state"


def _definite(span: Span) -> bool:
    return span[0].lower_ in ("the", "this", "that") or span.root.i == span.start


def _definite_state(tok) -> bool:
    """'the country' in "the country's foreign ministry"."""
    return tok.lower_ in STATE_NOUNS | GOV_NOUNS and any(c.lower_ in ("the", "this", "that") for c in tok.children)


def _regional(span: Span) -> str | None:
    words = [t.lower_ for t in span if t.lower_ not in ("the", "'s", "’s")]
    if not words or words[0] not in REGIONAL:
        return None
    tok = next(t for t in span if t.lower_ == words[0])
    if not tok.text[:1].isupper():
        return None  # "the north of the country" is a direction
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.i < span.end:
        return None  # "North Korea", "South Sudan" name themselves
    return words[0]


def _sector_of(span: Span, sectors: dict[str, str]) -> str | None:
    """The sector of the role word nearest the phrase's head ("a foreign ministry spokesman" -> GOV)."""
    if not sectors:
        return None
    toks = [t.lower_ for t in span]
    best = None
    root = span.root.i - span.start
    for n in (3, 2, 1):
        for i in range(len(toks) - n + 1):
            w = " ".join(toks[i:i + n])
            if w in sectors:
                d = abs(i + n - 1 - root)
                if best is None or d < best[0]:
                    best = (d, sectors[w])
        if best is not None:
            return best[1]
    return None
