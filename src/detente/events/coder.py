"""The rule coder: predicates over the dependency parse -> CAMEO events with actors, modality, attribution."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import ANAPHORS, PRONOUNS, ActorResolver, Mention, noun_phrase
from ..model import Actor, Article, Attribution, Event
from .attribution import SPEECH_VERBS, attribution_for, outlet_in
from .cameo import CameoTable
from .modality import modality
from .patterns import Pattern, PatternSet

SUBJ = ("nsubj", "csubj")
OBJ = ("dobj", "obj", "dative")


@dataclass
class Context:
    """What the coder remembers across the sentences of one article (for coreference)."""

    last_actor: Actor | None = None
    last_country: Actor | None = None
    last_person: Actor | None = None
    last_org: Actor | None = None
    seen_countries: list[str] = field(default_factory=list)

    def remember(self, a: Actor | None) -> None:
        if a is None or a.code is None:
            return
        self.last_actor = a
        if a.sector is None and a.country and len(a.code or "") == 3:
            self.last_country = a
        if a.name and a.reason and "person" in a.reason:
            self.last_person = a
        if a.country and a.country not in self.seen_countries:
            self.seen_countries.append(a.country)


@dataclass
class Found:
    """A predicate matched by a pattern, before actors are attached."""

    pred: Token
    pattern: Pattern
    trigger: list[Token]
    object_tok: Token | None


class RuleCoder:
    """Codes the sentences of a parsed article."""

    name = "detente.rules.v1"

    def __init__(self, patterns: PatternSet, cameo: CameoTable, resolver: ActorResolver):
        self.patterns = patterns
        self.cameo = cameo
        self.resolver = resolver

    # -- predicates ---------------------------------------------------------------------------------
    def match(self, tok: Token) -> Found | None:
        kind = "noun" if tok.pos_ in ("NOUN", "PROPN") else "verb"
        if kind == "verb" and tok.pos_ not in ("VERB", "AUX"):
            return None
        lemma = tok.lemma_.lower()
        cands = self.patterns.candidates(kind, lemma)
        if not cands and kind == "verb" and "-" in tok.text:
            cands = self.patterns.candidates(kind, tok.text.lower())
        for p in cands:
            got = self._fits(tok, p)
            if got is not None:
                return got
        return None

    def _fits(self, tok: Token, p: Pattern) -> Found | None:
        trigger = [tok]
        obj = None
        kids = list(tok.children)
        if p.kind == "noun":
            words = {t.lower_ for t in tok.subtree} | {t.lemma_.lower() for t in tok.subtree}
            if tok.dep_ == "compound":
                words |= {t.lower_ for t in tok.head.subtree}
            if p.needs and not (words & set(p.needs)):
                return None
            if p.needs_prep and not any(c.dep_ == "prep" and c.lower_ in p.needs_prep for c in kids):
                return None
            return Found(tok, p, trigger, None)
        if p.particle:
            prt = [c for c in kids if c.dep_ in ("prt", "advmod", "prep", "compound:prt") and c.lower_ == p.particle]
            if not prt:
                if not (p.particle == "test" and any(c.lower_ == "test" for c in tok.lefts)):
                    return None
            else:
                trigger.append(prt[0])
        if p.particle_prep:
            preps = [c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ == p.particle_prep]
            if not preps:
                return None
            trigger.append(preps[0])
            pobj = [c for c in preps[0].children if c.dep_ == "pobj"]
            obj = pobj[0] if pobj else None
        if p.object:
            cands = [c for c in kids if c.dep_ in OBJ + ("nsubjpass",)]
            if obj is not None:
                cands.append(obj)
            hit = None
            for c in cands:
                words = {c.lower_, c.lemma_.lower()} | {t.lower_ for t in c.children if t.dep_ in ("compound", "amod")}
                if words & set(p.object):
                    hit = c
                    break
            if hit is None:
                return None
            trigger.append(hit)
            obj = hit
        if p.object_xcomp:
            x = [c for c in kids if c.dep_ == "xcomp" and c.lemma_.lower() == p.object_xcomp]
            if not x:
                return None
            trigger.append(x[0])
        return Found(tok, p, sorted(trigger, key=lambda t: t.i), obj)

    # -- actors -------------------------------------------------------------------------------------
    def _actor(self, tok: Token | None, mentions, sectors, ctx: Context, on: date | None) -> list[Actor]:
        """Actors named by the noun phrase headed by ``tok`` (one per conjunct)."""
        if tok is None:
            return []
        heads = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
        out = []
        for h in heads:
            span = noun_phrase(h)
            a = self.resolver.actor_for(span, mentions, sectors, on)
            if a is None:
                a = self._coref(span, ctx)
            if a is not None:
                out.append(a)
        return out

    def _coref(self, span: Span, ctx: Context) -> Actor | None:
        low = span.text.lower()
        root = span.root.lower_
        if low in ANAPHORS or root in ("country", "nation", "regime"):
            src = ctx.last_country or ctx.last_actor
            if src:
                return Actor(src.code, src.country, src.sector, src.name, span.text,
                             reason=f"'{span.text}' refers back to {src.name}")
        if len(span) == 1 and root in PRONOUNS:
            src = ctx.last_person if root in ("he", "she", "his", "her") else (ctx.last_actor if root in (
                "it", "its", "they", "their", "we") else None)
            if src:
                return Actor(src.code, src.country, src.sector, src.name, span.text,
                             reason=f"'{span.text}' refers back to {src.name}")
        # "Iranian officials", "the foreign ministry" with the article's main actor
        return None

    def _subject(self, pred: Token) -> tuple[Token | None, bool]:
        """The subject token and whether it is a passive subject (then the agent is the source)."""
        cur = pred
        for _ in range(5):
            for c in cur.children:
                if c.dep_ in SUBJ:
                    return c, False
                if c.dep_ == "nsubjpass":
                    return c, True
            if cur.dep_ in ("xcomp", "conj") and cur.head is not cur:
                # "agreed to meet": the subject of the governing verb; "X met and agreed": shared subject
                if cur.dep_ == "xcomp" and any(c.dep_ in OBJ for c in cur.head.children) and \
                        cur.head.lemma_ in ("urge", "ask", "tell", "call", "press", "order", "force", "invite"):
                    return [c for c in cur.head.children if c.dep_ in OBJ][0], False
                cur = cur.head
                continue
            if cur.dep_ in ("advcl", "acl", "relcl") and cur.tag_ in ("VBG", "VBN"):
                if cur.dep_ == "relcl":
                    return cur.head, False
                cur = cur.head
                continue
            if cur.dep_ == "relcl":
                return cur.head, False
            break
        return None, False

    def _agent(self, pred: Token) -> Token | None:
        for c in pred.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        return None

    def _targets(self, f: Found, mentions, sectors, ctx, on) -> list[Actor]:
        pred, p = f.pred, f.pattern
        if p.target == "none":
            return []
        toks = []
        if f.object_tok is not None and not p.object:
            toks.append(f.object_tok)
        for c in pred.children:
            if c.dep_ in OBJ and (not p.object or c is not f.object_tok):
                toks.append(c)
        if p.object and f.object_tok is not None:
            toks.append(f.object_tok)
        for c in pred.children:
            if c.dep_ == "prep" and (c.lower_ in p.target_preps or c.lower_ in ("against", "at", "on", "with",
                                                                                 "to", "toward", "towards")):
                toks.extend(g for g in c.children if g.dep_ == "pobj")
        if f.object_tok is not None:
            for c in f.object_tok.children:
                if c.dep_ == "prep" and c.lower_ in p.target_preps + ("on", "against", "with", "to", "of", "from"):
                    toks.extend(g for g in c.children if g.dep_ == "pobj")
        for t in toks:
            got = self._actor(t, mentions, sectors, ctx, on)
            if got:
                return got
            # "accused Pyongyang's regime", "the launch by North Korea": actors inside the phrase
            span = t.doc[t.left_edge.i:t.right_edge.i + 1]
            a = self.resolver.actor_for(span, mentions, sectors, on)
            if a is not None:
                return [a]
        return []

    # -- sentences ----------------------------------------------------------------------------------
    def code_sentence(self, sent: Span, article: Article, mentions: list[Mention], sectors, ctx: Context,
                      events_out: list[Event], *, base: int = 0) -> None:
        from ..dates import event_date

        on = article.published
        found = [f for f in (self.match(t) for t in sent) if f is not None]
        # "accuse X of Y": Y is the content of the accusation, not an event of its own
        skip = set()
        for f in found:
            if f.pattern.lemma in ("accuse", "blame", "charge", "allege", "deny", "claim") or \
                    f.pred.lemma_ in SPEECH_VERBS:
                for c in f.pred.children:
                    if c.dep_ in ("prep", "ccomp", "xcomp", "advcl"):
                        for t in c.subtree:
                            if t.i != f.pred.i:
                                skip.add(t.i)
        sent_events: list[Event] = []
        for f in found:
            if f.pred.i in skip:
                continue
            p = f.pattern
            pred = f.pred
            if p.kind == "noun":
                srcs, tgts = self._noun_actors(f, mentions, sectors, ctx, on)
            else:
                subj, passive = self._subject(pred)
                if passive:
                    srcs = self._actor(self._agent(pred), mentions, sectors, ctx, on)
                    tgts = self._actor(subj, mentions, sectors, ctx, on)
                else:
                    srcs = self._actor(subj, mentions, sectors, ctx, on)
                    tgts = self._targets(f, mentions, sectors, ctx, on)
            said = attribution_for(pred, sent)
            if not srcs and said is not None and said.speaker is not None and p.spoken and said.verb is None:
                pass
            if not srcs:
                continue
            mod, _why = modality(pred, spoken_by=said.verb if said else None)
            code = self.cameo.get(p.cameo)
            future = mod == "intended"
            when = event_date(pred, sent, on, future=future)
            attribution = None
            if said is not None:
                speaker = None
                if said.speaker is not None:
                    speaker = self.resolver.actor_for(said.speaker, mentions, sectors, on)
                    if speaker is None:
                        speaker = Actor(None, None, None, None, said.speaker.text, reason="unresolved speaker")
                attribution = Attribution(said.text, speaker, said.outlet)
            trig_start = f.trigger[0].idx
            trig_end = f.trigger[-1].idx + len(f.trigger[-1].text)
            trigger_text = " ".join(t.text for t in f.trigger)
            for s in srcs:
                targets = [t for t in tgts if t.code != s.code] or [None]
                if not tgts and p.target != "none":
                    targets = [self._implicit_target(s, sent, mentions, sectors, on, said)]
                for t in targets:
                    if t is not None and s.country and t.country == s.country and t.sector == s.sector:
                        continue
                    ev = Event(
                        article_id=article.id, sentence=sent.text, span=(base + sent.start_char, base + sent.end_char),
                        trigger=trigger_text, source=s, target=t, cameo=code.code, cameo_root=code.root,
                        plover=code.plover, quad_class=code.quad_class, goldstein=code.goldstein,
                        date=when.value, date_precision=when.precision, date_basis=when.basis,
                        attribution=attribution, modality=mod,
                        confidence=self._confidence(s, t, p, mod), rule=f"{self.name}:{p.id}",
                        trigger_span=(base + trig_start, base + trig_end))
                    sent_events.append(ev)
            for s in srcs:
                ctx.remember(s)
        # remember subjects even when they acted in no coded event
        for m in mentions:
            if sent.start <= m.start < sent.end and m.entry.kind in ("country", "metonym", "person", "org"):
                ctx.remember(self.resolver.actor_from_mention(m, None, sectors, on, text=sent.doc[m.start:m.end].text))
        events_out.extend(_dedupe(sent_events))

    def _noun_actors(self, f: Found, mentions, sectors, ctx, on):
        tok = f.pred
        srcs, tgts = [], []
        for c in tok.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i < tok.i):
                srcs = srcs or self._actor(c, mentions, sectors, ctx, on)
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                srcs = srcs or self._actor(next((g for g in c.children if g.dep_ == "pobj"), None), mentions,
                                           sectors, ctx, on)
            if c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "over", "toward", "towards"):
                tgts = tgts or self._actor(next((g for g in c.children if g.dep_ == "pobj"), None), mentions,
                                           sectors, ctx, on)
        if f.pattern.target == "none" and not srcs and tgts:
            srcs, tgts = tgts, []
        return srcs, tgts

    def _implicit_target(self, src: Actor, sent: Span, mentions, sectors, on, said) -> Actor | None:
        """With no explicit target, the one other actor the sentence names (outside the attribution)."""
        excl = set()
        if said is not None and said.verb is not None:
            excl = {t.i for t in said.verb.subtree} - {t.i for t in sent if t.dep_ in ("ccomp",)}
            for c in said.verb.children:
                if c.dep_ in ("ccomp", "parataxis", "conj"):
                    excl -= {t.i for t in c.subtree}
        others = {}
        for m in mentions:
            if not (sent.start <= m.start < sent.end) or m.start in excl:
                continue
            if m.entry.kind == "person" or m.entry.country in (None, src.country):
                continue
            a = self.resolver.actor_from_mention(m, None, sectors, on, text=sent.doc[m.start:m.end].text)
            others.setdefault(a.country, a)
        if len(others) == 1:
            a = next(iter(others.values()))
            a.reason = (a.reason or "") + "; implicit target: the only other actor in the sentence"
            return a
        return None

    @staticmethod
    def _confidence(s, t, p, mod) -> float:
        c = 0.55 + (0.15 if s and s.code else 0) + (0.15 if t and t.code else 0) + (0.1 if p.specificity else 0)
        return min(c, 0.95)


def _dedupe(events: list[Event]) -> list[Event]:
    seen = {}
    for e in events:
        key = (e.source.code if e.source else None, e.target.code if e.target else None, e.cameo_root,
               e.trigger_span)
        if key not in seen:
            seen[key] = e
    return list(seen.values())
