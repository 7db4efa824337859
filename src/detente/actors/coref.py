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
from .phrases import GENERIC_ROLES, PRONOUNS, noun_phrase

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
        the actor's typed ``entity`` and, with ``span``, whether the phrase is plural."""
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
                                         f"role phrase with no country; the article names one state, {states[0]}",
                                         via="one state")
            return None
        return None

    # -- helpers -----------------------------------------------------------------------------------------
    def _sectors(self) -> dict[str, str]:
        return getattr(self.kb, "sectors", None) or {}

    def _last_state(self) -> str | None:
        """The state named most recently (a person's country only when the article names no state)."""
        countries = getattr(self.kb, "countries", None) if self.kb is not None else None
        for kinds in (("state", "group"), ("person",)):
            for s in reversed(self.seen):
                if s.kind in kinds and s.actor.country and len(s.actor.country) == 3 and (
                        not countries or s.actor.country in countries):  # "the government" is no UN organ's
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

    def _state_actor(self, country: str, sector: str | None, text: str, reason: str, *,
                     via: str | None = None) -> Actor:
        return Actor(country + (sector or ""), country, sector, self._name(country), text, reason=reason, via=via)

    @staticmethod
    def _refer(src: Actor | None, text: str, what: str) -> Actor | None:
        if src is None:
            return None
        return Actor(src.code, src.country, src.sector, src.name, text,
                     reason=f"'{text}' refers back to {src.name or src.code} ({what})", entity=src.entity,
                     role=src.role)


def _kind(a: Actor, plural: bool) -> str:
    if a.entity == "person":
        return "person"
    if plural:
        return "group"
    if a.entity == "org":
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
    head = span.root
    if head.lemma_.lower() in ("thousand", "hundred", "dozen", "million", "score", "scores"):
        # "thousands of Tamil civilian refugees": the people counted head the phrase
        head = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj" and span.start <= g.i < span.end), head)
    root = head.i - span.start
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


# -- the rule coder's article coreference: role phrases, "a spokesman for X", pronouns ---------------------------
# Titles that name one person ("the president", "the secretary", "the foreign minister").
PERSON_TITLES = {"president", "secretary", "minister", "chancellor", "premier", "spokesman", "spokeswoman",
                 "spokesperson", "leader", "king", "queen", "emir", "envoy", "ambassador", "chief", "governor",
                 "senator", "mayor", "general", "commander", "adviser", "advisor", "director", "chairman",
                 "chairwoman", "prince", "pope", "ayatollah", "diplomat", "official"}
# Titles definite enough to refer back to one named person ("the president praised the deal").
BACK_TITLES = PERSON_TITLES - {"official", "diplomat", "spokesman", "spokeswoman", "spokesperson", "general",
                               "commander", "adviser", "advisor", "director", "envoy"}
SUBJ = ("nsubj", "nsubjpass")
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "madam", "queen", "chairwoman", "spokeswoman", "businesswoman",
                 "congresswoman", "first lady", "princess", "empress", "duchess", "baroness", "lady"}
MALE_TITLES = {"mr", "mr.", "king", "chairman", "spokesman", "businessman", "congressman", "prince", "emperor",
               "duke", "baron", "lord", "sir", "sheikh", "pope"}


def name_titles() -> frozenset:
    """Words a person's name may carry that are not the name ("President Afwerki", "Mr. Sani", "Sen. Toomey"):
    the titles above, without their dots, and the short forms news writes before a name."""
    return _NAME_TITLES


_NAME_TITLES = frozenset({w.rstrip(".") for w in PERSON_TITLES | FEMALE_TITLES | MALE_TITLES} |
                         {"prime", "dr", "sen", "rep", "gen", "col", "lt", "maj", "gov", "amb"})


def _doc_resolve(span: Span, resolver) -> Actor | None:
    doc = span.doc
    return resolver.actor_for(span, resolver.mentions(doc), resolver.sectors_in(doc), None)


def is_person_like(a: Actor | None) -> bool:
    """A person the knowledge base knows, or a phrase headed by one person's title ("North Korea's foreign
    minister", "the Iranian president")."""
    if a is None:
        return False
    if a.entity == "person":
        return True
    words = (a.text or "").lower().replace("'s", " ").split()
    return bool(words) and words[-1] in PERSON_TITLES


def gender_of(a: Actor, kb=None) -> str | None:
    """'f' or 'm' where known: the knowledge base's curated gender, else a title the text gives ("Mrs May")."""
    if kb is not None and a.name:
        for e in kb.lookup(a.name):
            g = getattr(e, "gender", None)
            if e.kind == "person" and g:
                return g
    words = set((a.text or "").lower().split())
    if words & FEMALE_TITLES:
        return "f"
    if words & MALE_TITLES:
        return "m"
    return None


def _title_words(span: Span) -> list[str] | None:
    """The title of a definite role phrase with no name in it: "the president" -> [president], "the foreign
    minister" -> [foreign, minister]; None for anything else."""
    if len(span) < 2 or span[0].lower_ not in ("the", "this", "that"):
        return None
    root = span.root
    if root.lemma_.lower() not in BACK_TITLES and root.lower_ not in BACK_TITLES:
        return None
    words = []
    for t in span[1:]:
        if t.pos_ == "PROPN" and t.lower_ not in PERSON_TITLES or t.dep_ in ("poss", "prep", "case"):
            return None  # a name or an owner: "the Iranian president", "the country's president" resolve elsewhere
        if t.ent_type_ in ("GPE", "NORP"):
            return None
        words.append(t.lower_)
        if t.i == root.i:
            break
    return words


def _role_text(a: Actor) -> str:
    return f"{a.text or ''} {a.role or ''}".lower().replace("minister of foreign affairs", "foreign minister") \
        .replace("foreign affairs minister", "foreign minister")


def role_matches(a: Actor, words: list[str]) -> bool:
    """Whether a remembered person holds the title ("the secretary" ~ "Secretary of State Mike Pompeo")."""
    hay = _role_text(a)
    if not all(w in hay for w in words):
        return False
    for lesser in ("vice", "deputy", "former", "assistant", "under"):
        if lesser not in words and f"{lesser} {words[-1]}" in hay or f"{lesser}-{words[-1]}" in hay:
            return False
    if words == ["minister"] and "prime minister" in hay:
        return True
    if "prime" not in words and words[-1] == "minister" and "prime minister" in hay and "foreign" not in hay:
        return False
    return True


def resolve_title(span: Span, ctx) -> Actor | None:
    """"The secretary warned", "the president praised": the most recent person named in the article whose
    role (the knowledge base's dated role, or the title written before the name) is that title."""
    words = _title_words(span)
    if words is None:
        return None
    people = list(getattr(ctx, "people", []))
    for a in reversed(people):
        if role_matches(a, words):
            return Actor(a.code, a.country, a.sector, a.name, span.text,
                         reason=f"'{span.text}' refers back to {a.name or a.code}, the article's last "
                                f"{' '.join(words)}; is a person", entity="person", role=" ".join(words))
    return None


def resolve_role_for(span: Span, resolver) -> Actor | None:
    """"A spokesman for Russian President Vladimir Putin", "an official of the rebel group": a role phrase with
    no country takes the country of whom it speaks for (and that actor's sector where the role word is generic)."""
    root = span.root
    sectors = getattr(resolver.kb, "sectors", {})
    role = sectors.get(root.lower_) or sectors.get(root.lemma_.lower())
    if role is None:
        return None

    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "to"):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            a = _doc_resolve(noun_phrase(pobj), resolver)
            if a is None or not a.country:
                continue
            generic = root.lower_ in GENERIC_ROLES or root.lemma_.lower() in GENERIC_ROLES
            sector = (a.sector or role) if generic else role
            code = a.country + (sector or "") if len(a.country) == 3 else a.country
            return Actor(code, a.country, sector, a.name, span.text,
                         reason=f"'{root.text} {prep.text} {pobj.text}': a {root.lower_} {prep.lower_} "
                                f"{a.name or a.code} -> {code}")
    return None


def _objects(verb) -> list:
    out = []
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "dative", "iobj"):
            out.append(c)
        elif c.dep_ == "prep":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def resolve_pronoun(span: Span, ctx, resolver) -> Actor | None:
    """"he", "she", "it" (and their possessives) in the rule coder's article memory.

    Candidates, best first: the subject of the clauses that govern the pronoun in its sentence (the main
    clause first: "China reiterated that the resolutions ... and it urged" -> China; "Moon said he planned" ->
    Moon), then the subjects of earlier sentences (the latest sentence first, its main clause first), then the
    people and organisations named most recently. A candidate is left out where its gender differs from the
    pronoun's (when known), or where it is the object of the pronoun's own clause ("He accused Washington":
    not Washington's man)."""
    tok = span.root
    w = tok.lower_
    person = w in MALE_PRONOUNS | FEMALE_PRONOUNS
    if not person and w not in THING_PRONOUNS:
        return None
    gender = "f" if w in FEMALE_PRONOUNS else ("m" if w in MALE_PRONOUNS else None)
    kb = getattr(resolver, "kb", None)
    # what the pronoun's own clause acts on
    excluded: set[str] = set()
    verb = tok.head if tok.dep_ in SUBJ or tok.dep_ == "poss" else None
    if tok.dep_ == "poss" and verb is not None and verb.dep_ in SUBJ:
        verb = verb.head
    if verb is not None:
        for o in _objects(verb):
            if o.lower_ in PRONOUNS:
                continue
            a = _doc_resolve(noun_phrase(o), resolver)
            if a is not None and a.country:
                excluded.add(a.country)

    def subject_actor(s) -> Actor | None:
        for j, a in reversed(getattr(ctx, "subjects", [])):
            if j == s.i:
                return a
        if s.lower_ in PRONOUNS:
            return None
        a = _doc_resolve(noun_phrase(s), resolver)
        if a is None:
            names = getattr(ctx, "surnames", {})
            for t in reversed(list(noun_phrase(s))):
                if t.pos_ == "PROPN" and t.text in names:
                    return names[t.text]
        return a

    def fits(a: Actor | None) -> bool:
        if a is None or not a.code:
            return False
        if person != is_person_like(a):
            return False
        if gender is not None:
            g = gender_of(a, kb)
            if g is not None and g != gender:
                return False
        if not person and a.country and len(a.code or "") > 3 and a.sector not in (None, "GOV") \
                and a.entity != "org":
            return False  # "it" is a state or an organisation, not "Iranian protesters"
        return True

    cands: list[Actor] = []
    if w in ("him", "her") and tok.dep_ == "pobj":
        # 0. an object "him" or "her" inside a phrase: the latest person the sentence named before it ("sanctions
        # on Putin's associates and companies tied to him"), never the subject of its own clause
        own: set[int] = set()
        verb = next((v for v in tok.ancestors if v.pos_ in ("VERB", "AUX")), None)
        if verb is not None:
            own = {g.i for c in verb.children if c.dep_ in SUBJ for g in c.subtree}
        for t in reversed([t for t in tok.sent if t.i < tok.i and t.ent_type_ == "PERSON" and t.i not in own
                           and t.dep_ != "compound"]):
            a = _doc_resolve(noun_phrase(t), resolver)
            if fits(a) and a.country not in excluded:
                return Actor(a.code, a.country, a.sector, a.name, span.text,
                             reason=f"'{span.text}' refers back to {a.name or a.code}, named before it")
    # 1. subjects of the clauses governing the pronoun, main clause first
    anc = [v for v in tok.ancestors if v.pos_ in ("VERB", "AUX")]
    for v in reversed(anc):
        for s in v.children:
            if s.dep_ in SUBJ and s.i < tok.i and s.i != tok.i:
                cands.append(subject_actor(s))
    # 2. subjects of earlier sentences: latest sentence first, its main clause first
    sent_start = tok.sent.start
    earlier = [(j, a) for j, a in getattr(ctx, "subjects", []) if j < sent_start]
    if earlier:
        doc = tok.doc
        by_sent: dict[int, list[tuple[int, Actor]]] = {}
        for j, a in earlier:
            by_sent.setdefault(doc[j].sent.start, []).append((j, a))
        for start in sorted(by_sent, reverse=True):
            group = by_sent[start]
            group.sort(key=lambda x: (doc[x[0]].head.dep_ != "ROOT", -x[0]))
            cands.extend(a for _, a in group)
    # 3. the people / states and organisations named most recently
    if person:
        cands.extend(reversed(getattr(ctx, "people", [])))
        cands.append(getattr(ctx, "last_person", None))
    else:
        mem = getattr(ctx, "memory", None)
        if mem is not None:
            cands.append(mem.last("state", "org"))
    good = [a for a in cands if fits(a)]
    if not good:
        return None
    # recency decides; gender only rules candidates out (in fits): most people have no gender recorded, and
    # sorting known matches first sent "he" back to a man named long before ("he wrote" -> an earlier Mr Roh)
    best = next((a for a in good if a.country not in excluded), None)
    if best is None:
        return None
    return Actor(best.code, best.country, best.sector, best.name, span.text,
                 reason=f"'{span.text}' refers back to {best.name or best.code}"
                        + ("; is a person" if person and best.entity == "person" else ""),
                 entity="person" if person and best.entity == "person" else None)
