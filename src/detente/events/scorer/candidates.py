"""Candidates: every ordered pair of actors a sentence reaches, and each actor with no target.

An actor is reached through a knowledge-base mention in the sentence, or through a rule event of the
sentence (which may have found it by coreference: "he", "the two sides"). Pairs are kept at the level the
events are judged on, the country or organisation: one candidate per (source country, target country). A
country with itself (a domestic act) is a candidate only where two different phrases name it, the second its
target ("Obama criticized the United States Congress").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Actor

ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
MAX_ACTORS = 6
ACTOR_KINDS = ("country", "metonym", "person", "org")
NULL_SOURCE = True  # candidates with no source: the subject of a passive that names no agent
GUESSED_ACTORS = False  # rule events' guessed targets (the article's main other actor) as candidate actors


@dataclass
class Candidate:
    """A (source, target or None) pair of one sentence, with the rule events already coded for it."""

    sentence: str
    source: object | None       # model.Actor, or None: someone the sentence does not name ("was detained")
    target: object | None       # model.Actor or None
    source_tok: int | None      # a token of the source in the doc, when a mention names it here
    target_tok: int | None
    rules: list = field(default_factory=list)  # the rule events (events.draft.Draft) with this pair
    source_span: tuple[int, int] | None = None  # the doc tokens [start, end) of the phrase naming the source
    target_span: tuple[int, int] | None = None

    @property
    def key(self) -> tuple[str | None, str | None]:
        return _country(self.source), _country(self.target)


def mention_actors(sent, mentions, sectors, on, resolver) -> list[tuple[object, tuple[int, int]]]:
    """(actor, doc token span [start, end)) for each knowledge-base mention of an actor with a country in ``sent``,
    in the order the sentence names them."""
    out = []
    for m in mentions:
        if sent.start <= m.start < sent.end and m.entry.kind in ACTOR_KINDS:
            a = resolver.actor_from_mention(m, None, sectors, on, text=sent.doc[m.start:m.end].text)
            if a.country:
                out.append((a, (m.start, m.end)))
    return out


def sentence_actors(sent, mentions, sectors, on, resolver, events, reached=(), *,
                    mentioned=None) -> list[tuple[object, tuple | None]]:
    """(actor, doc token span [start, end) or None) for each country the sentence reaches, first mention first.

    ``reached`` adds (actor, token index) pairs found through the parse (pronouns, descriptions, coreference);
    ``mentioned`` is ``mention_actors``' answer when the caller has it already.
    """
    seen: dict[str, tuple[object, tuple | None]] = {}
    for a, span in mention_actors(sent, mentions, sectors, on, resolver) if mentioned is None else mentioned:
        seen.setdefault(a.country, (a, span))
    for a, i in reached:
        if a is not None and a.country:
            seen.setdefault(a.country, (a, (i, i + 1) if i is not None else None))
    for e in events:
        for a in (e.source, e.target):
            if a is not None and a.guessed and not GUESSED_ACTORS:
                continue  # a rule's guess from outside the sentence is no actor the sentence reaches
            if a is not None and a.country and a.country not in seen:
                seen[a.country] = (a, None)
    return list(seen.values())[:MAX_ACTORS]


def candidates(sent, sent_text: str, mentions, sectors, on, resolver, events, reached=(), unknown=()) -> list[Candidate]:
    """Every candidate of one sentence: ordered pairs of countries (a country with itself for domestic
    events), and each actor with no target.

    ``unknown`` are token spans of phrases naming people or groups the knowledge base does not know. In a
    sentence that reaches one country only, such a phrase is taken as that country's: the country with itself
    is a candidate, its target phrase the unknown one ("Obama dismissed concerns from Goldberg")."""
    mentioned = mention_actors(sent, mentions, sectors, on, resolver)
    actors = sentence_actors(sent, mentions, sectors, on, resolver, events, reached, mentioned=mentioned)
    # a country with itself only where two different phrases of the sentence name it ("Trump ... Congress")
    # (a word reached through a mention of that country in its own phrase is that mention again: "North Korea"
    # is one phrase, whether reached through its mention, its head word "Korea" or "North Korea's missile launch")
    phrases: dict[str, set] = {}
    spans = [(m.start, m.end, m.entry.country) for m in mentions if sent.start <= m.start < sent.end
             and m.entry.country]
    for lo, _hi, country in spans:
        phrases.setdefault(country, set()).add(lo)
    doc = sent.doc
    # each country's phrases in the order the sentence names them, with their actors: a domestic candidate's
    # target is the country's phrase other than the source's ("Obama criticized the United States Congress")
    named: dict[str, list] = {}
    for a, span in mentioned:
        named.setdefault(a.country, []).append((a, span))
    for a, i in reached:
        if a is not None and a.country and i is not None:
            left, right = doc[i].left_edge.i, doc[i].right_edge.i
            start = next((lo for lo, hi, country in spans if country == a.country and (lo <= i < hi or
                                                                                     left <= lo <= right)), i)
            phrases.setdefault(a.country, set()).add(start)
            if start == i and not any(sp[0] <= i < sp[1] for _, sp in named.get(a.country, ())):
                named.setdefault(a.country, []).append((a, (i, i + 1)))
    for e in events:
        if e.source is not None and e.target is not None and e.source.country == e.target.country:
            phrases.setdefault(e.source.country, set()).update({-1, -2})
    out = []
    for a, ai in actors:
        for b, bi in [*actors, (None, None)]:
            if b is not None and b.country == a.country and len(phrases.get(a.country, ())) < 2:
                other = next((u for u in unknown if ai is None or not (ai[0] <= u[0] < ai[1] or u[0] <= ai[0] < u[1])),
                             None) if len(actors) == 1 else None
                if other is None:
                    continue
                b, bi = _unknown_of(a, sent.doc[other[0]:other[1]]), other
            elif b is not None and b.country == a.country:
                b, bi = next(((x, sp) for x, sp in named.get(a.country, ()) if ai is None or sp[0] != ai[0]),
                             (b, bi))
            c = Candidate(sent_text, a, b, ai[0] if ai else None, bi[0] if bi else None, source_span=ai,
                          target_span=bi)
            c.rules = [e for e in events if event_key(e) == c.key]
            out.append(c)
    # an actor acted on by someone the sentence does not name: the subject of a passive with no agent ("the
    # British ambassador was briefly detained", "thousands of Kashmiris were thrown into jails")
    for b, bi in actors if NULL_SOURCE else ():
        if bi is not None and _passive_subject(sent.doc, bi):
            c = Candidate(sent_text, None, b, None, bi[0], target_span=bi)
            c.rules = [e for e in events if event_key(e) == c.key]
            out.append(c)
    return out


def _passive_subject(doc, span: tuple[int, int]) -> bool:
    """Whether the phrase at ``span`` is (or is inside, as a modifier or an "of" complement) the subject of a
    passive verb that names no agent."""
    t = doc[span[1] - 1]
    for _ in range(8):
        if t.dep_ == "nsubjpass":
            return not any(c.dep_ == "agent" for c in t.head.children)
        if t.dep_ in ("compound", "poss", "amod", "nmod", "appos", "case") or (
                t.dep_ == "pobj" and t.head.lower_ == "of") or (t.dep_ == "prep" and t.lower_ == "of"):
            t = t.head
            continue
        return False
    return False


def _unknown_of(a, span):
    """An actor the knowledge base does not know, taken as the country of ``a`` (the sentence's one country)."""
    return Actor(a.country, a.country, None, None, span.text,
                 reason=f"'{span.text}' is not in the knowledge base; taken as {a.country}, the one country the "
                 "sentence names")


def predicate(sent, c: Candidate):
    """The word that governs both actors' phrases (a verb where one is on the path), else the sentence's root."""
    doc = sent.doc
    toks = [doc[i] for i in (c.source_tok, c.target_tok) if i is not None]
    if not toks:
        return sent.root
    paths = [[t, *t.ancestors] for t in toks]
    common = next((t for t in paths[0] if all(t in p for p in paths[1:])), sent.root)
    for t in [common, *common.ancestors]:
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
    return sent.root


# roots a verb of saying performs by itself ("said Iran must stop" is the demand); any other root is an act the
# saying only reports ("said he would meet Xi"), carried by the clause it reports
SPOKEN_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})


def act_predicate(c: Candidate, root: str, pred, saying: frozenset | set):
    """The word that carries a candidate's act of ``root``: the governing word ``pred`` (:func:`predicate`), unless
    the root is an act that saying does not perform and a verb between the governing word and an actor's phrase,
    the verb it governs ("set to impose") or the clause a verb of saying (``saying``) reports is not asserted:
    "officials said [the US will test a missile defense]", "were set to meet ... to discuss [slapping] sanctions
    on Russia", "were ready to [issue] new sanctions".
    The event's modality, date and attribution are then that verb's."""
    from ..modality import modality

    if root in SPOKEN_ROOTS:
        return pred  # "refused to appear", "agreed to continue": the governing verb is the act
    doc = pred.doc
    verbs = []
    for i in (c.source_tok, c.target_tok):
        if i is None:
            continue
        for t in doc[i].ancestors:
            if t.i == pred.i:
                break
            if t.pos_ in ("VERB", "AUX") and t not in verbs:
                verbs.append(t)
    # "is set to impose sanctions", and what a verb of saying reports
    deps = ("xcomp", "ccomp", "parataxis") if pred.lemma_.lower() in saying else ("xcomp",)
    verbs += [t for t in pred.children if t.dep_ in deps and t.pos_ in ("VERB", "AUX")]
    # "were ready to issue new sanctions": the act an adjective of the governing verb takes
    verbs += [t for a in pred.children if a.dep_ == "acomp" for t in a.children
              if t.dep_ == "xcomp" and t.pos_ in ("VERB", "AUX")]
    for v in verbs:
        if modality(v)[0] != "asserted":
            return v
    return pred


def sought(root: str, pred) -> bool:
    """An act that saying does not perform, governed by a verb of intent or desire ("Iran and the US seek a
    framework agreement", "wants a deal"): the act is sought, not done, so the model adds no asserted event."""
    from ..modality import DESIRE_HEADS, INTENT_HEADS

    return root not in SPOKEN_ROOTS and (pred.lemma_.lower() in INTENT_HEADS or pred.lemma_.lower() in DESIRE_HEADS)


def copula(root: str, act) -> bool:
    """An act that saying does not perform whose only word is a form of "be" ("what they say is Russia's campaign
    to destabilize Ukraine"): a copula states what is, it does no act, so the model adds no event on it."""
    return root not in SPOKEN_ROOTS and act.lemma_.lower() == "be"


def event_key(e) -> tuple[str | None, str | None]:
    """An event's (source country, target country): the level a candidate pairs actors at."""
    return _country(e.source), _country(e.target)


def _country(actor) -> str | None:
    return actor.country if actor is not None else None


def _name(actor) -> str:
    return (actor.text or actor.name or actor.code or "").strip()[:60]


def candidate_text(c: Candidate, *, rules: bool = True) -> tuple[str, str]:
    """The model's input pair: the candidate (actors and, with ``rules``, the rule events' codes), the sentence."""
    tgt = f"{_name(c.target)} [{c.target.country}]" if c.target is not None else "no target"
    src = f"{_name(c.source)} [{c.source.country}]" if c.source is not None else "someone unnamed"
    hint = ""
    if rules:
        codes = sorted({f"{e.cameo_root} {e.modality}" for e in c.rules})
        hint = " ; rules: " + (", ".join(codes) if codes else "none")
    return f"{src} -> {tgt}{hint}", c.sentence
