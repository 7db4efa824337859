"""The rule coder: predicates over the dependency parse -> CAMEO events with actors, modality, attribution."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import ANAPHORS, PRONOUNS, ActorResolver, Mention, noun_phrase
from ..dates import event_date
from ..dates.resolve import EventDate, after
from ..model import Actor, Article, Attribution
from .attribution import attribution_for
from .cameo import CameoTable
from .context import Context, Found, Frame
from .draft import Draft
from .modality import modality
from .patterns import Pattern, PatternSet
from .speech import STATEMENT_VERBS, speakers_threat, speech_events, warning_of_fact

SUBJ = ("nsubj", "csubj")
CONTENT_HOLDERS = {"accuse", "blame", "charge", "allege", "deny", "claim", "say", "tell", "warn", "link", "condemn",
                   "criticize", "criticise", "denounce", "reject", "praise", "welcome", "urge", "call", "demand",
                   "ask", "threaten", "sue", "protest", "insist", "dismiss"}
PLACE_TIME_PREPS = {"in", "at", "near", "during", "outside", "inside", "after", "before", "since", "until", "around",
                    "throughout", "across", "off", "within"}
SYMMETRIC = {"meet", "talk", "negotiate", "discuss", "consult", "agree", "sign", "reach", "cooperate", "fight",
             "clash", "trade", "hold", "have", "exchange", "strike", "work"}
# Heads that make an act attempted or wished for, not announced: no stated-intention event from them
ATTEMPT_WORDS = {"try", "tried", "tries", "trying", "attempt", "attempted", "attempting", "seek", "sought", "seeking",
                 "want", "wanted", "wants", "hope", "hoped", "hopes", "wish", "wished", "fail", "failed"}
# The CAMEO code of a stated intention to do an act of each root: cooperation -> 03x, conflict -> 13x
INTENT_CODE = {"02": "02", "04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "16": "1312",
               "18": "138", "19": "138", "20": "138", "14": "130", "17": "130", "10": "130", "12": "130", "11": "130"}
OBJ = ("dobj", "obj", "dative")
# what a speaker demands when another must do an act of each root (CAMEO 10x)
DEMAND_CODE = {"04": "108", "07": "103", "05": "102", "03": "10", "08": "10", "06": "10", "02": "10"}
# a refused act of each root and the rejection it makes (CAMEO 12x)
REFUSAL_CODE = {"03": "12", "04": "125", "05": "127", "06": "121", "07": "122", "08": "124"}
REFUSABLE = {"accept", "allow", "agree", "recognize", "recognise", "negotiate", "comply", "cooperate", "sign",
             "join", "attend", "meet", "talk", "lift", "release", "return", "withdraw", "end", "endorse", "back",
             "support", "approve", "ratify", "permit", "grant"}
MEETING_NOUNS = {"talks", "talk", "meeting", "meetings", "summit", "negotiations", "conference", "session",
                 "visit", "trip", "ceremony", "forum", "gathering", "round"}
# bare role phrases that belong to the dateline's state ("BEIJING (Reuters) - State media said ...")
HOME_ROLES = {"media": "MED", "government": "GOV", "ministry": "GOV", "military": "MIL", "army": "MIL",
              "police": "COP", "officials": "GOV", "official": "GOV", "spokesman": "GOV", "spokeswoman": "GOV",
              "spokesperson": "GOV", "authorities": "GOV", "cabinet": "GOV", "parliament": "LEG"}
QUANTITY_NOUNS = {"round", "series", "wave", "package", "raft", "slew", "batch", "set", "string", "barrage", "volley",
                  "number", "host", "flurry", "spate", "tons", "tonnes", "ton", "tonne", "dollars", "euros", "worth",
                  "amount", "shipment", "shipments", "consignment", "team", "teams", "dozens", "hundreds",
                  "thousands", "scores", "millions", "dozen", "hundred", "thousand"}
# "Trump's decision to re-impose sanctions": the possessor of these nouns acts in their infinitive
ACT_NOUNS = {"decision", "move", "plan", "bid", "attempt", "effort", "refusal", "threat", "order", "offer",
             "proposal", "pledge", "promise", "call", "demand", "determination", "readiness", "willingness",
             "vow", "push", "failure"}
TEMPORAL_MARKS = {"after", "when", "while", "as", "since", "because"}
ACCIDENT_NOUNS = {"crash", "accident", "collision", "earthquake", "flood", "flooding", "storm", "hurricane", "typhoon",
                  "disaster", "derailment", "landslide", "avalanche", "wildfire", "tsunami", "cyclone"}
COOPERATION_ROOTS = {"03", "04", "05", "06", "07", "08"}
SUPPLY_VERBS = {"provide", "supply", "equip", "furnish", "arm", "present"}
# verbs whose subject is the author of the act their object names ("announced a suspension of aid")
AUTHORING_VERBS = {"announce", "declare", "order", "launch", "begin", "start", "initiate", "conduct", "stage", "mount",
                   "unveil", "approve", "authorize", "authorise", "decree", "proclaim", "impose", "extend", "carry",
                   "resume", "continue", "step", "intensify", "escalate"}
WITH_MANNER = {"approval", "help", "support", "consent", "backing", "blessing", "permission", "assistance", "aid",
               "participation", "cooperation", "exception", "regard", "respect", "view", "aim", "goal", "purpose",
               "intention", "hope", "agreement", "knowledge", "involvement", "use"}
# "refused a request from the prime minister": the act answers whoever made the request
REQUEST_NOUNS = {"request", "requests", "invitation", "appeal", "plea", "offer", "proposal", "demand", "demands", "bid",
                 "call", "calls", "ultimatum", "overture", "overtures", "initiative", "application"}
# "withdrew peacekeepers from Rwanda": what one withdraws from is acted upon
FROM_LEMMAS = {"withdraw", "pull", "expel", "evacuate", "recall", "remove", "oust", "deport", "exclude", "suspend",
               "retreat", "leave", "exit", "quit"}
OVERRIDE_NOTES = {"111": "(of a fact: disapproval)", "141": "(people: a demonstration)",
                  "150": "(no partner: a show of force)"}
# "officials tied to Putin", "companies linked to the Revolutionary Guards": the people of that actor's country
TIED_WORDS = {"tie", "tied", "link", "linked", "connect", "connected", "close", "loyal", "affiliate", "affiliated",
              "associate", "associated", "allied"}
# "the two countries", "both sides": the article's latest pair of states
PAIR_PHRASE = re.compile(r"^(the two|both|both the) (countries|nations|sides|governments|states|neighbou?rs|"
                         r"powers|rivals|adversaries|allies|capitals)$")


_FUTURE_WORD = re.compile(r"(?i)\b(?:next|coming|tomorrow|upcoming)\b")


def _after_publication(when, published: date | None) -> bool:
    """The event's own date expression, reckoned from publication, puts it after: a future word ("next week",
    "tomorrow"), a later month or year, or a day more than a week after it (a later day of the same week may be a
    missed tense or a time zone)."""
    if published is None or not when.value or when.basis != "relative" or not when.text:
        return False  # a date told with its year after publication ("launched ... on March 3, 2016") misdates the page
    if not after(when.value, published):
        return False
    if _FUTURE_WORD.search(when.text):
        return True
    first = when.value.split("/")[0]
    if len(first) == 10:
        return (date.fromisoformat(first) - published).days > 7
    return True  # a later month or year than publication's ("this summer" told in May)


HUMAN_ENTS = {"PERSON", "ORG", "NORP"}
# heads that make a phrase a person or a group even when no role word or name says so ("a California man")
PERSON_NOUNS = {"man", "men", "woman", "women", "child", "children", "boy", "girl", "inmate", "prisoner", "detainee",
                "suspect", "citizen", "national", "person", "people", "resident", "residents", "family", "families",
                "opponent", "critic", "rival", "lawmaker", "politician", "candidate", "businessman", "tycoon",
                "executive", "dissident", "activist", "blogger", "lawyer", "teenager", "pilgrim", "tourist",
                "hostage", "crew", "sailor", "fisherman", "worker", "employee", "individual"}
# group heads that are actors when a name qualifies them ("the Kirkuk council", "the OzenMunaiGaz management")
GROUP_NOUNS = {"council", "committee", "management", "company", "firm", "group", "party", "court", "board",
               "commission", "agency", "union", "association", "movement", "coalition", "alliance", "bank",
               "administration", "authority", "authorities", "office", "department", "ministry", "delegation",
               "government", "parliament", "assembly", "militia", "network", "organization", "organisation"}


def _unknown_actor(span: Span, sectors) -> Actor | None:
    """An actor the knowledge base does not know, kept with its words: a named person or organisation, or a
    group named by a role word ("two Reuters journalists", "immigrants")."""
    root = span.root
    if root.lower_ in PRONOUNS or root.pos_ == "PRON" or len(span) > 12:
        return None
    role = [sec for st, en, sec in sectors if span.start <= st and en <= span.end]
    named = any(t.ent_type_ in HUMAN_ENTS | {"GPE"} for t in span if t.i <= root.i)
    if root.ent_type_ in HUMAN_ENTS or role or root.lemma_.lower() in PERSON_NOUNS or (
            named and root.pos_ in ("NOUN", "PROPN") and root.lemma_.lower() in GROUP_NOUNS):
        return Actor(None, None, role[-1] if role else None, None, span.text,
                     reason="not in the knowledge base: words kept, no code")
    return None


def _refuses(pred: Token) -> bool:
    """The predicate's own negation makes a refusal: "will not negotiate", "won't accept", "did not sign" (not
    "no one attacked" or a negation further up, which other rules read)."""
    if pred.dep_ == "xcomp" and pred.head.lemma_.lower() == "fail" and pred.lemma_.lower() in (
            "reach", "agree", "strike", "conclude", "seal", "sign", "secure"):
        return True  # "failed to reach agreement": the parties reject each other's terms
    if not any(c.dep_ == "neg" for c in pred.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for t in [pred, *pred.ancestors]
           for c in t.children):
        return False  # "if Russia did not support the move": a condition, not a refusal
    return pred.lemma_.lower() in REFUSABLE or any(c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "can",
                                                                                      "ca", "could", "shall")
                                                   for c in pred.children)


def _state_mention(idx: set[int], mentions: list[Mention]) -> Mention | None:
    """The first country or seat of power named at the token positions ``idx`` (a place's state)."""
    return next((m for m in mentions if (m.start in idx or m.end - 1 in idx) and m.entry.kind in ("country", "metonym")
                 and m.entry.country), None)


def _joint(f: Found) -> bool:
    """'joint exercises', 'drills with Japan': the act has partners."""
    o = f.object_tok
    return any(c.lower_ in ("joint", "combined", "bilateral", "trilateral", "multinational", "allied")
               for c in o.children) or any(c.dep_ == "prep" and c.lower_ in ("with", "alongside")
                                          for t in (f.pred, o) for c in t.children)


def _one_with_the_rest(srcs: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    """Conjoined parties of whom only one is known: it acts, with the others as targets."""
    known = [a for a in srcs if a.country]
    if not known:
        return srcs, []
    return known[:1], [a for a in srcs if a is not known[0] and a.country != known[0].country]


def _only_if(pred: Token) -> bool:
    """'will only sign if sanctions are lifted', 'would agree only if': cooperation on a condition."""
    kids = list(pred.children)
    cond = [c for c in kids if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in
                                                          c.children)]
    only = any(c.lower_ == "only" for c in kids) or any(g.lower_ == "only" for c in cond for g in c.children)
    return bool(cond) and only


def _modality(pred: Token, said) -> tuple[str, str]:
    """The modality stage for a predicate and its reporting clause ``said``: (modality, the words that set it)."""
    mod, why = modality(pred, spoken_by=said.verb if said else None)
    if mod == "hypothetical" and said is not None and said.verb is not None and _would_only(pred):
        mod = "intended"  # "X said it would impose sanctions": future in reported speech
    return mod, why


def _not_yet(mod: str, why: str, when, on: date | None) -> tuple[str, str]:
    """An act told as done that the text dates after it was written has not happened yet ("Obama's trip to the
    G-8 summit next week", "Britain expected to pull out of the EU early next year"): intended."""
    if mod == "asserted" and _after_publication(when, on):
        return "intended", f"dated after publication ({when.text})"
    return mod, why


def _would_only(pred: Token) -> bool:
    """True when the predicate's only modal is 'would' and no condition governs it."""
    aux = [c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass")]
    return "would" in aux and not any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in pred.children) \
        and not any(t.lower_ in ("if", "unless") for t in pred.sent)


def _subject_is_source(pred: Token) -> bool:
    """False when the act is one someone else is asked to do ("urged X to talk")."""
    return not (pred.dep_ == "xcomp" and pred.head.lemma_ in ("urge", "ask", "call", "press", "tell", "want"))


def _doc_text(doc: Doc) -> str:
    """The document's text, built once (spaCy rebuilds it on every access)."""
    text = doc.user_data.get("detente_text")
    if text is None:
        text = doc.user_data["detente_text"] = doc.text
    return text


def _sentence_text(sent: Span, article: Article, base: int) -> tuple[str, tuple[int, int]]:
    """The sentence as it stands in the article (datelines were blanked for parsing) and its offsets."""
    start, end = base + sent.start_char, base + sent.end_char
    raw = article.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw) - len(raw.rstrip())
    start, end = start + lead, end - trail
    # put back a dateline that was blanked at the sentence start
    line_start = article.text.rfind("\n", 0, start) + 1
    if base <= line_start < start and article.text[line_start:start].strip() and \
            not _doc_text(sent.doc)[max(line_start - base, 0):start - base].strip():
        start = line_start
    return article.text[start:end], (start, end)


class RuleCoder:
    """Codes the sentences of a parsed article."""

    name = "detente.rules.v1"

    def __init__(self, patterns: PatternSet, cameo: CameoTable, resolver: ActorResolver, *, learned=None,
                 learned_threshold: float = 0.6):
        self.patterns = patterns
        self.cameo = cameo
        self.resolver = resolver
        self.learned = learned  # events.learned.EventTypeClassifier or None
        self.learned_threshold = learned_threshold
        self.scorer_stage = None  # events.scorer.stage.ScorerStage or None
        self.scorer_name = "detente.scorer"
        self.unresolved_sources = True
        # plain "X said" statements of coded actors (CAMEO 010), with no target unless the content names one. The
        # dense corpus codes statements as events (a statement with no addressee has a null target): on its train
        # split they raise F1 0.147 -> 0.158 and on dev 0.144 -> 0.161, at the same precision; the sparse dev
        # articles, which list only important events, keep their required recall and must-not count.
        self.statements = True

    # -- predicates ---------------------------------------------------------------------------------
    def match(self, tok: Token) -> Found | None:
        kind = "noun" if tok.pos_ in ("NOUN", "PROPN") else "verb"
        if kind == "verb" and tok.pos_ not in ("VERB", "AUX"):
            return None
        lemma = tok.lemma_.lower()
        cands = self.patterns.candidates(kind, lemma)
        if not cands and kind == "verb" and "-" in tok.text:
            cands = self.patterns.candidates(kind, tok.text.lower())
        if not cands and kind == "verb" and tok.tag_ in ("VBD", "VBN", "VBG"):
            # the lemmatizer sometimes drops a final e ("staged" -> "stag")
            cands = self.patterns.candidates(kind, lemma + "e")
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
            if p.needs_prep and not any(c.dep_ == "prep" and c.lower_ in p.needs_prep for c in kids) and not any(
                    c.dep_ == "poss" and (c.pos_ == "PROPN" or c.lower_ == "their" and p.cameo[:2] == "04")
                    or c.dep_ == "prep" and c.lower_ == "by" for c in kids):
                # a named author makes it an event too: "Turkey's offensive", "warnings by Trump"
                return None
            return Found(tok, p, trigger, None)
        if p.forbid and any(c.dep_ in p.forbid for c in kids):
            return None
        if p.lemma in ("ask", "question", "press") and tok.i > 0 and tok.nbor(-1).text == "," and not any(
                c.dep_ in OBJ for c in kids):
            return None  # "Mattis, asked what a conflict might look like, warned ...": he was asked
        if p.needs_object and not any(c.dep_ in OBJ for c in kids):
            return None
        if p.forbid_object:
            objs = [c for c in kids if c.dep_ in OBJ + ("nsubjpass",)]
            if tok.dep_ == "acl" and tok.tag_ == "VBN":
                objs.append(tok.head)  # "a photo released by KCNA"
            if any(c.lemma_.lower() in p.forbid_object for c in objs):
                return None
        if p.particle:
            prt = [c for c in kids if c.dep_ in ("prt", "advmod", "prep", "compound:prt") and c.lower_ == p.particle]
            if not prt:
                if not (p.particle == "test" and any(c.lower_ == "test" for c in tok.lefts)):
                    return None
            else:
                trigger.append(prt[0])
        if p.particle_prep:
            # the preposition follows the verb and does not introduce a date ("fired a missile on Monday")
            preps = [c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ == p.particle_prep and c.i > tok.i
                     and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)]
            if preps:
                trigger.append(preps[0])
                pobj = [c for c in preps[0].children if c.dep_ == "pobj"]
                obj = pobj[0] if pobj else None
            else:
                # "looking for North Korea to take ...", "called for Russia to withdraw": the parser makes "for"
                # the mark of a clause whose subject is who is asked
                clause = next((c for c in kids if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > tok.i and any(
                    g.dep_ == "mark" and g.lower_ == p.particle_prep and g.i < c.i for g in c.children)), None)
                subj = next((g for g in clause.children if g.dep_ == "nsubj"), None) if clause is not None else None
                if subj is None:
                    return None
                trigger.append(next(g for g in clause.children if g.dep_ == "mark"))
                obj = subj
        if p.object:
            cands = [c for c in kids if c.dep_ in OBJ + ("nsubjpass",)]
            if p.lemma in SUPPLY_VERBS:  # "provided the Lebanese army with aircraft and weapons"
                cands += [x for c in kids if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
                          if g.dep_ == "pobj" for x in [g, *g.conjuncts]]
            if obj is not None:
                cands.append(obj)
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN":
                cands.append(tok.head)  # "the arrangement established by Putin and Poroshenko"
            hit = None
            for c in list(cands):
                if c.lemma_.lower() in QUANTITY_NOUNS:  # "imposed a new round of sanctions"
                    cands += [g for pr in c.children if pr.dep_ == "prep" and pr.lower_ == "of"
                              for g in pr.children if g.dep_ == "pobj"]
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
    def _actor(self, tok: Token | None, mentions, sectors, ctx: Context, on: date | None, *,
               unresolved: bool = False) -> list[Actor]:
        """Actors named by the noun phrase headed by ``tok`` (one per conjunct). With ``unresolved``, a phrase
        that names a person or group the knowledge base does not know gives an actor with code None."""
        if tok is None:
            return []
        heads = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
        listed = any(g.dep_ == "conj" and g.pos_ == "PROPN" for g in tok.children)
        for ap in (c for c in tok.children if c.dep_ == "appos" and tok.pos_ == "PROPN" and c.pos_ == "PROPN" and (
                listed or any(g.dep_ == "conj" and g.pos_ == "PROPN" for g in c.children))):
            # "The US, Russia, and Switzerland met": a list the parser made an apposition
            heads += [ap] + [c for c in ap.conjuncts if c.i > ap.i]
        out = []
        for h in heads:
            span = noun_phrase(h)
            while len(span) > 1 and span[0].is_space:  # a blanked dateline before the subject
                span = span[1:]
            pair = ctx.pair() if PAIR_PHRASE.match(span.text.lower()) else None
            if pair:
                # ("Yun met Sung Kim and the two sides agreed", parsed as one subject: each state once)
                out += [Actor(c, c, None, None, span.text, reason=f"'{span.text}': the article's latest pair of "
                              f"states ({pair[0]}, {pair[1]})") for c in pair if all(a.country != c for a in out)]
                continue
            a = self.resolver.actor_for(span, mentions, sectors, on)
            if (a is None or a.via == "one state") and h.lemma_.lower() in PERSON_NOUNS:
                # a place the phrase names beats a guess from the article
                a = self._people_of_place(h, span, mentions) or a
            if a is None:
                a = self._coref(span, ctx)
            if a is None and unresolved:
                a = _unknown_actor(span, sectors)
            if a is not None:
                out.append(a)
        return out

    def _name_people(self, sent: Span, mentions, sectors, ctx: Context, on: date | None) -> None:
        """Remember, by their names, people the knowledge base does not know but the sentence introduces with
        an actor's role: "Mexican President Enrique Pena Nieto", "the Eritrean president, Isaias Afwerki",
        "Isaias Afwerki, Eritrea's president". Later sentences then reach "Pena Nieto" and "President Afwerki"
        (``_coref``'s surnames) as that actor; a name already known keeps its first actor."""
        from ..actors.coref import name_titles
        from ..actors.resolve import _ents

        people = [e for e in _ents(sent.doc) if e.label_ == "PERSON" and sent.start <= e.start < sent.end]
        if not people:
            return
        covered = {i for m in mentions if m.end > sent.start and m.start < sent.end for i in range(m.start, m.end)}
        titles = name_titles()
        for ent in people:
            if any(t.i in covered for t in ent):
                continue
            parts = [t.text for t in ent if t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha
                     and t.lower_ not in titles]
            if not parts or all(p in ctx.surnames for p in parts):
                continue
            head = ent.root
            phrases = []
            span = noun_phrase(head)
            if span.start < ent.start:  # a role or country before the name: "Mexican President Enrique Pena Nieto"
                phrases.append(span)
            if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN"):
                phrases.append(noun_phrase(head.head))  # "the Eritrean president, Isaias Afwerki"
            phrases += [noun_phrase(c) for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            for ph in phrases:
                a = self.resolver.actor_for(ph, mentions, sectors, on)
                if a is None or not a.country or a.code is None:
                    continue
                who = Actor(a.code, a.country, a.sector, ent.text, ent.text,
                            reason=f"'{ent.text}' is a person named as '{ph.text}' ({a.code})", entity="person",
                            role=ph.text)
                keys = {parts[-1]} | ({parts[0]} if len(parts) >= 2 else set())
                for k in keys:
                    if len(k) > 2:
                        ctx.surnames.setdefault(k, who)
                break

    @staticmethod
    def _people_of_place(h: Token, span: Span, mentions) -> Actor | None:
        """Unnamed people of a place: "a worker for a telecom company in Somalia" are Somalia's civilians."""
        m = _state_mention({t.i for t in h.subtree if t.dep_ == "pobj" and t.head.lower_ in ("in", "from")}, mentions)
        if m is None:
            return None
        c = m.entry.country
        return Actor(c + "CVL", c, "CVL", None, span.text,
                     reason=f"people in {h.doc[m.start:m.end].text}: its civilians")

    def _coref(self, span: Span, ctx: Context) -> Actor | None:
        from ..actors.coref import resolve_pronoun, resolve_role_for, resolve_title

        low = span.text.lower()
        root = span.root.lower_
        # "the secretary", "the president": the article's last person with that title
        a = resolve_title(span, ctx)
        if a is not None:
            return a
        # "a spokesman for Russian President Vladimir Putin" -> RUSGOV
        a = resolve_role_for(span, self.resolver)
        if a is not None:
            return a
        # "he", "she", "it": the governing clause's subject, then earlier sentences' subjects, by gender, never
        # what the pronoun's own clause acts on
        if len(span) == 1 and root in PRONOUNS:
            a = resolve_pronoun(span, ctx, self.resolver)
            if a is not None:
                return a
        sector = HOME_ROLES.get(root) or HOME_ROLES.get(span.root.lemma_.lower())
        if sector and not any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG") for t in span):
            # "In a statement carried by KCNA, the government said": the agency's state
            state = ctx.attribution.reporting_state(span.sent)
            if state:
                return Actor(state + sector, state, sector, None, span.text,
                             reason=f"'{span.text}' in a report of {state}'s state news agency: that state's")
        if low in ANAPHORS or root in ("country", "nation", "regime"):
            src = ctx.last_country or ctx.last_actor
            if src:
                return Actor(src.code, src.country, src.sector, src.name, span.text,
                             reason=f"'{span.text}' refers back to {src.name}")
        if len(span) == 1 and root in PRONOUNS:
            person = root in ("he", "she", "his", "her", "him")
            src = ctx.subject_before(span.start, person=person)
            if src is None:
                src = ctx.last_person if person else (ctx.last_actor if root in (
                    "it", "its", "they", "their", "we") else None)
            if src:
                return Actor(src.code, src.country, src.sector, src.name, span.text,
                             reason=f"'{span.text}' refers back to {src.name}")
        # a surname of a person the article has named: "Moon said", "Pompeo told reporters"
        names = [t.text for t in span if t.pos_ == "PROPN"]
        if names and len(names) <= 2 and all(t.pos_ in ("PROPN", "DET", "PUNCT") or t.lower_ in (
                "president", "minister", "secretary", "mr.", "mrs.", "ms.", "mr", "ms") for t in span):
            for n in reversed(names):
                if n in ctx.surnames:
                    a = ctx.surnames[n]
                    return Actor(a.code, a.country, a.sector, a.name, span.text,
                                 reason=f"'{span.text}' refers back to {a.name}; is a person", entity="person")
        # "the North", "the reclusive nation", "the foreign ministry" with the article's one state
        if ctx.memory is not None:
            a = ctx.memory.resolve(span)
            if a is not None:
                return a
        # "state media", "the foreign ministry" in a story datelined from a capital: that state's
        sector = HOME_ROLES.get(root) or HOME_ROLES.get(span.root.lemma_.lower())
        if ctx.home and sector and not any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG") for t in span):
            return Actor(ctx.home + sector, ctx.home, sector, None, span.text,
                         reason=f"'{span.text}' in a story datelined in {ctx.home}: that state's")
        return None

    def _actor_inside(self, tok: Token, mentions, sectors, on) -> Actor | None:
        """An actor named inside the phrase of ``tok`` outside place/time prepositions."""
        keep = []
        for t in tok.subtree:
            cur, ok = t, True
            while cur.i != tok.i:
                if cur.dep_ == "prep" and cur.lower_ in PLACE_TIME_PREPS:
                    ok = False
                    break
                if cur.dep_ in ("relcl", "acl", "advcl", "ccomp"):
                    ok = False
                    break
                cur = cur.head
            if ok:
                keep.append(t.i)
        if not keep:
            return None
        for m in mentions:
            if m.start in keep and m.entry.kind != "person" or (m.start in keep and m.entry.kind == "person"):
                return self.resolver.actor_from_mention(m, None, sectors, on, text=tok.doc[m.start:m.end].text)
        return None

    @staticmethod
    def _subject(pred: Token) -> tuple[Token | None, bool]:
        """The subject token and whether it is a passive subject (then the agent is the source)."""
        cur = pred
        # "... were released by Putin" hung as a conjunct on another verb: passive by its own auxiliary
        own_passive = pred.dep_ == "conj" and any(c.dep_ == "auxpass" for c in pred.children)
        for _ in range(5):
            for c in cur.children:
                if c.dep_ in SUBJ:
                    return c, own_passive and cur is not pred
                if c.dep_ == "nsubjpass":
                    return c, True
            if cur.dep_ == "acomp" and cur.head is not cur:
                cur = cur.head
                continue
            if cur.dep_ in ("xcomp", "conj") and cur.head is not cur:
                # "agreed to meet": the subject of the governing verb; "X met and agreed": shared subject
                if cur.dep_ == "xcomp" and any(c.dep_ in OBJ for c in cur.head.children) and \
                        cur.head.lemma_ in ("urge", "ask", "tell", "call", "press", "order", "force", "invite"):
                    return [c for c in cur.head.children if c.dep_ in OBJ][0], False
                cur = cur.head
                continue
            if cur.dep_ == "acl" and cur.tag_ == "VBN" and cur.i == pred.i and \
                    not any(c.dep_ in ("aux", "auxpass") for c in cur.children):
                return cur.head, True  # "Mattis, asked what ...", "missiles fired by Israel": passive
            if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.lemma_.lower() in MEETING_NOUNS and \
                    cur.head.dep_ in ("pobj", "dobj"):
                # "presided over a ceremony reopening the embassy": who holds the ceremony does its act
                n = cur.head
                gov = n.head.head if n.dep_ == "pobj" and n.head.dep_ == "prep" else n.head
                if gov.pos_ in ("VERB", "AUX") and gov is not n:
                    cur = gov
                    continue
            if cur.dep_ in ("advcl", "acl", "relcl") and cur.tag_ in ("VBG", "VBN"):
                if cur.dep_ == "relcl":
                    return cur.head, False
                if cur.head.lemma_.lower() in ("say", "report", "tell", "add", "write"):
                    # "Lucian reports that Lavrov went into talks, warning that ...": the reported actor warns
                    inner = [c for c in cur.head.children if c.dep_ == "ccomp" and c.i < cur.i]
                    subj = next((g for c in inner for g in c.children if g.dep_ in ("nsubj",)), None)
                    if subj is not None:
                        return subj, False
                cur = cur.head
                continue
            if cur.dep_ == "relcl":
                return cur.head, False
            if cur.dep_ == "pcomp" and cur.tag_ == "VBG" and cur.head.dep_ == "prep" and cur.head.head is not cur.head:
                # "followed the U.S. in imposing sanctions", "vocal about linking the attacks to China"
                cur = cur.head.head
                continue
            if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.pos_ == "NOUN" and \
                    cur.head.lemma_.lower() in ("declaration", "statement", "letter", "resolution", "report",
                                                "communique", "petition", "message", "note") and \
                    cur.head.dep_ in ("dobj", "attr") and cur.head.head.pos_ in ("VERB", "AUX"):
                cur = cur.head.head  # "issued a declaration demanding that ...": the author of the declaration
                continue
            if cur.dep_ == "acl" and cur.head.lemma_.lower() in ACT_NOUNS:
                poss = [c for c in cur.head.children if c.dep_ == "poss"]
                if poss:
                    return poss[0], False
            break
        return None, False

    def _received(self, f: Found, subj: Token | None, mentions, sectors, ctx, on) -> tuple[list, list]:
        """Acts received by the subject: "Trump's decision won praise from other nations, including Saudi Arabia
        and Turkey" is each of those -> the decision's author."""
        froms = [c for t in (f.pred, f.object_tok) if t is not None for c in t.children
                 if c.dep_ == "prep" and c.lower_ == "from"]
        srcs: list[Actor] = []
        for pr in froms:
            for pobj in (g for g in pr.children if g.dep_ == "pobj"):
                srcs += self._actor(pobj, mentions, sectors, ctx, on)
                for inc in pobj.subtree:  # "other nations, including Saudi Arabia and Turkey"
                    if inc.dep_ == "prep" and inc.lower_ in ("including", "like", "such"):
                        for g in inc.subtree:
                            if g.dep_ in ("pobj", "conj") and g.pos_ == "PROPN":
                                srcs += [a for a in self._actor(g, mentions, sectors, ctx, on)
                                         if a.code and all(a.code != b.code for b in srcs)]
        if subj is None:
            return srcs, []
        tgts = self._actor(subj, mentions, sectors, ctx, on)
        if not tgts:
            a = self._actor_inside(subj, mentions, sectors, on)
            tgts = [a] if a is not None else []
        return srcs, tgts

    @staticmethod
    def _reporter_subject(pred: Token) -> Token | None:
        """The speaker's subject when the parser hung a verb of the speaker's on the reported clause:
        "X said that force should not be used and called for a halt" ("called" as a conjunct of "used")."""
        if pred.dep_ != "conj" or any(c.dep_ in SUBJ + ("nsubjpass",) for c in pred.children):
            return None
        head = pred.head
        while head.dep_ == "conj" and head.head is not head:
            head = head.head
        if head.dep_ != "ccomp" or head.head.lemma_.lower() not in STATEMENT_VERBS | {"report"}:
            return None
        subj, passive = RuleCoder._subject(head.head)
        return None if passive else subj

    def _agent(self, pred: Token) -> Token | None:
        """Who does a passive act: "was detained by Iranian police". An accident is no one ("victims killed by
        the Malaysia Airlines crash" names no author)."""
        for c in pred.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs and objs[0].lemma_.lower() not in ACCIDENT_NOUNS:
                    return objs[0]
        return None

    def _targets(self, f: Found, mentions, sectors, ctx, on) -> list[Actor]:
        pred, p = f.pred, f.pattern
        if p.target == "none":
            return []
        toks = []
        if p.cameo[:2] == "04":
            # "discussed Libya with Trump": who is consulted, before the topic
            toks.extend(g for c in pred.children if c.dep_ == "prep" and c.lower_ == "with" and c.i > pred.i
                        for g in c.children if g.dep_ == "pobj")
        if f.object_tok is not None and not p.object:
            toks.append(f.object_tok)
        for c in pred.children:
            if c.dep_ in OBJ and (not p.object or f.object_tok is None or c.i != f.object_tok.i):
                if c.lower_ in REQUEST_NOUNS or c.lemma_.lower() in REQUEST_NOUNS:
                    toks.extend(g for pr in c.children if pr.dep_ == "prep" and pr.lower_ in ("from", "by")
                                for g in pr.children if g.dep_ == "pobj")
                toks.append(c)
        for c in pred.children:
            if c.dep_ == "prep" and c.i > pred.i and (c.lower_ in p.target_preps or c.lower_ in (
                    "against", "at", "on", "with", "to", "toward", "towards") or c.lower_ == "from" and (
                    p.lemma in FROM_LEMMAS or p.cameo[:2] == "08")):
                # ("with the approval of Assad", "with the help of Iran" name no target)
                toks.extend(g for g in c.children if g.dep_ == "pobj" and not (
                    c.lower_ == "with" and g.lemma_.lower() in WITH_MANNER))
        for t in list(toks) + [g for c in pred.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"]:
            # "opened the door to restoring a hotline between the two countries": the pair, inside the phrase
            for g in t.subtree:
                if g.dep_ == "pobj" and g.head.lower_ == "between" and PAIR_PHRASE.match(noun_phrase(g).text.lower()):
                    toks.insert(0, g)
                    break
        if any(c.dep_ in OBJ for c in pred.children) and not any(c.dep_ == "auxpass" for c in pred.children):
            for c in pred.children:  # "condemned the launch by North Korea", with "by" hung on the verb
                if c.dep_ == "prep" and c.lower_ == "by":
                    toks.extend(g for g in c.children if g.dep_ == "pobj")
        if f.object_tok is not None:
            # the pattern's own prepositions first: "a letter from Trump to Kim" is aimed at Kim
            own = [c for c in f.object_tok.children if c.dep_ == "prep"]
            own += [g for c in own for g in c.children if g.dep_ == "prep"]  # "from Trump [to Kim]"
            preps = [c for c in own if c.lower_ in p.target_preps] + [
                c for c in f.object_tok.children if c.dep_ == "prep" and c.lower_ not in p.target_preps
                and c.lower_ in ("on", "against", "with", "to", "of", "from")]
            for c in preps:
                toks.extend(g for g in c.children if g.dep_ == "pobj")
        if p.spoken and not any(c.dep_ in OBJ for c in pred.children):
            # "warned that the U.S. not repeat strikes", "demanded that Russia end its support": who is told
            toks.extend(g for c in pred.children if c.dep_ == "ccomp" for g in c.children
                        if g.dep_ == "nsubj" and g.pos_ != "PRON")
        if p.object and f.object_tok is not None:
            toks.append(f.object_tok)  # last: "new U.N. sanctions on North Korea" targets North Korea
        for t in toks:
            # "sanctions on officials and companies tied to him": the country of whom they are tied to
            for acl in (c for c in t.children if c.dep_ == "acl" and c.lemma_.lower() in TIED_WORDS):
                for pr in (c for c in acl.children if c.dep_ == "prep" and c.lower_ in ("to", "with")):
                    for a in self._actor(next((g for g in pr.children if g.dep_ == "pobj"), None), mentions,
                                         sectors, ctx, on):
                        if a.country:
                            return [Actor(a.country, a.country, None, None, noun_phrase(t).text,
                                          reason=f"'{t.text}' {acl.text} to {a.name or a.text}: of {a.country}")]
        for t in toks:
            got = self._actor(t, mentions, sectors, ctx, on)
            if got:
                return got
        for t in toks:
            # "condemned Pyongyang's launch", "the launch by North Korea": actors inside the phrase,
            # but not places and times ("a meeting in Vienna")
            a = self._actor_inside(t, mentions, sectors, on)
            if a is not None:
                return [a]
        for t in toks:
            got = self._actor(t, mentions, sectors, ctx, on, unresolved=True)
            if got:
                return got
        return []

    # -- sentences ----------------------------------------------------------------------------------
    def code_sentence(self, sent: Span, article: Article, mentions: list[Mention], sectors, ctx: Context,
                      events_out: list[Draft], *, base: int = 0) -> None:
        """Code one sentence into ``events_out``; updates the article memory ``ctx``."""
        on = article.published
        ctx.events = events_out
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in PRONOUNS:
                a = self.resolver.actor_for(noun_phrase(tok), mentions, sectors, on)
                if a is not None and a.code:
                    ctx.subjects.append((tok.i, a))
        found = [f for f in (self.match(t) for t in sent) if f is not None]
        # "accuse X of Y": Y is the content of the accusation, not an event of its own
        skip = set()
        for f in found:
            if f.pattern.object_xcomp:  # "refused to comment", "tried to assassinate": one event
                skip.update(t.i for t in f.trigger if t.i != f.pred.i)
            if f.pattern.kind == "verb" and f.pattern.object and f.object_tok is not None and not any(
                    c.dep_ == "prep" and c.lower_ == "by" or c.dep_ == "poss" and c.pos_ == "PROPN"
                    for c in f.object_tok.children):
                # "imposed sanctions": one event, not also the noun "sanctions"; but "denied accusations by
                # China" keeps China's accusation
                skip.add(f.object_tok.i)
            if f.pattern.lemma in CONTENT_HOLDERS:
                for c in f.pred.children:
                    if c.dep_ in ("prep", "ccomp", "xcomp", "advcl", "pcomp"):
                        inner = {t.i for t in c.subtree if t.i != f.pred.i}
                        for t in c.subtree:
                            # "warned no sanctions would be lifted until ... and Pyongyang countered ...": a
                            # new speaker with a verb of saying of its own is not part of the warning
                            if t.dep_ == "conj" and t.lemma_.lower() in STATEMENT_VERBS and t.i != c.i and any(
                                    g.dep_ == "nsubj" and g.lower_ not in PRONOUNS for g in t.children):
                                inner -= {g.i for g in t.subtree}
                            # "threatened Iran, responding after Rouhani criticized Trump": a clause of time
                            # with a subject of its own states a fact of its own
                            if t.dep_ == "advcl" and t.i != c.i and any(
                                    g.dep_ == "mark" and g.lower_ in TEMPORAL_MARKS for g in t.children) and any(
                                    g.dep_ == "nsubj" and g.lower_ not in PRONOUNS for g in t.children):
                                inner -= {g.i for g in t.subtree}
                        skip.update(inner)
        violent = {f.pred.i for f in found if f.pattern.cameo[:2] in ("18", "19", "20")}
        for f in found:
            if f.pattern.cameo[:2] in ("18", "19", "20") and f.pred.dep_ == "advcl" and f.pred.tag_ == "VBG" and \
                    f.pred.head.i in violent:
                skip.add(f.pred.i)  # "bombarded the city, killing eight people": one attack, not two
        sent_events: list[Draft] = []
        ctx.sentence_events = sent_events
        sent_text, sent_span = _sentence_text(sent, article, base)
        fr = Frame(sent, sent_text, sent_span, article, mentions, sectors, ctx, base)
        for f in found:
            if f.pred.i in skip and not f.pattern.by_speaker:
                continue
            p = f.pattern
            pred = f.pred
            if p.kind == "noun":
                srcs, tgts = self._noun_actors(f, mentions, sectors, ctx, on)
            else:
                subj, passive = self._subject(pred)
                alt = self._reporter_subject(pred)
                if alt is not None and (passive and not any(c.dep_ == "auxpass" for c in pred.children) or not
                                        self._actor(subj, mentions, sectors, ctx, on)):
                    subj, passive = alt, False
                if p.by_speaker:
                    speakers_threat(self, f, subj, fr, sent_events)
                    continue
                if p.target == "subject":
                    srcs, tgts = self._received(f, subj, mentions, sectors, ctx, on)
                elif passive:
                    srcs = self._actor(self._agent(pred), mentions, sectors, ctx, on)
                    tgts = self._actor(subj, mentions, sectors, ctx, on)
                    if not srcs and (p.cameo[:2] == "17" or p.lemma in FROM_LEMMAS) and self._agent(pred) is None:
                        # "X was arrested in Rwanda", "inspectors were expelled from North Korea": the authorities
                        # of the place
                        srcs = self._place_authority(pred, mentions, ("in", "from") if p.lemma in FROM_LEMMAS
                                                     else ("in",))
                        if srcs and not tgts:
                            tgts = self._actor(subj, mentions, sectors, ctx, on, unresolved=True)
                    if (p.lemma in SYMMETRIC or p.cameo == "057") and len(srcs) > 1 and not tgts:
                        # "the arrangement established by Putin and Poroshenko": each with the other
                        if self._each_with_each(srcs, f, sent_events, fr):
                            continue
                        srcs, tgts = _one_with_the_rest(srcs)
                else:
                    srcs = self._actor(subj, mentions, sectors, ctx, on, unresolved=self.unresolved_sources)
                    tgts = self._targets(f, mentions, sectors, ctx, on)
                    if (p.lemma in SYMMETRIC or p.cameo[:2] in COOPERATION_ROOTS and not tgts) and len(srcs) > 1 \
                            and not any(c.dep_ == "prep" and c.lower_ == "with" for c in pred.children):
                        # "Trump and Kim met", "the United States and Sudan are upgrading ties": each with the other
                        if self._each_with_each(srcs, f, sent_events, fr):
                            continue
                        if not tgts:  # "China and the Eurasian Economic Union signed": the known one with the rest
                            srcs, tgts = _one_with_the_rest(srcs)
            referred = None
            if not srcs and p.kind == "verb" and not passive and subj is not None and p.target != "subject":
                # "The missile strikes hit the air base": the author of the strikes named earlier
                e = referred = ctx.referred(subj)
                if e is not None and e.source is not None and e.source.code:
                    a = e.source
                    srcs = [Actor(a.code, a.country, a.sector, a.name, noun_phrase(subj).text,
                                  reason=f"'{subj.text}' refers to the earlier '{e.trigger}': its author")]
                    if not tgts or all(t.code is None for t in tgts):
                        tgts = [t for t in self._place_targets(f, mentions, sectors, on) if t.country != a.country]
            if not srcs and p.kind == "verb" and p.cameo[:2] in ("18", "19", "20") and tgts and \
                    self._subject(pred)[1] and not self._actor(self._agent(pred), mentions, sectors, ctx, on):
                # "Three US servicemen were killed by a roadside bomb": violence whose author is not named is
                # coded with no source (EVENTS.md allows it) rather than dropped or guessed
                n = len(sent_events)
                self._emit(sent_events, f, Actor(None, None, None, None, "", reason="no author named"), tgts, fr)
                for e in sent_events[n:]:
                    e.source, e.no_source = None, "no author named"
                continue
            if not srcs:
                continue
            co = frozenset(a.country for a in srcs if a.country)
            override = "111" if warning_of_fact(f) else None
            if p.kind == "verb" and p.cameo == "062" and f.object_tok is not None and \
                    all(t.code is None for t in tgts) and \
                    len({a.country for a in srcs}) == 1 and not _joint(f):
                # "Russia is conducting military exercises in Alaska": drills with no partner show force (150)
                override = "150"
                tgts = self._place_targets(f, mentions, sectors, on, deep=True)
            elif p.kind == "verb" and p.cameo[:2] in ("18", "19", "20") and srcs and not tgts:
                # "Boko Haram launched attacks during its campaign in northeastern Nigeria": where it struck
                tgts = self._place_targets(f, mentions, sectors, on, deep=True) or tgts
            if p.lemma == "protest" and p.cameo == "114" and p.kind == "verb" and not passive and subj is not None \
                    and subj.tag_ == "NNS" and not any(c.dep_ in OBJ for c in pred.children):
                override = "141"  # "opponents protested in the capital": people demonstrate; states complain
            n = len(sent_events)
            for s in srcs:
                self._emit(sent_events, f, s, tgts, fr, co_sources=co - {s.country}, code_override=override,
                           rule_suffix=OVERRIDE_NOTES.get(override or "", ""))
            if referred is not None:
                for ev in sent_events[n:]:
                    if ev.date_basis == "publication":  # the strikes that hit happened when they were launched
                        ev.when = referred.when
            for s in srcs:
                ctx.remember(s)
        speech_events(self, fr, sent_events, skip)
        if not sent_events and self.learned is not None:
            self._learned_event(fr, sent_events)
        if self.scorer_stage is not None:
            sent_events = self.scorer_stage.apply(self, fr, sent_events)
        self._name_people(sent, mentions, sectors, ctx, on)
        # remember subjects even when they acted in no coded event
        for m in mentions:
            if sent.start <= m.start < sent.end and m.entry.kind in ("country", "metonym", "person", "org"):
                ctx.remember(self.resolver.actor_from_mention(m, None, sectors, on, text=sent.doc[m.start:m.end].text))
        events_out.extend(_dedupe(sent_events))

    def _emit(self, out: list[Draft], f: Found, s: Actor, tgts: list[Actor], fr: Frame, *,
              code_override: str | None = None, rule_suffix: str = "", co_sources: frozenset = frozenset(),
              chosen: bool = False) -> None:
        """The drafts of pattern ``f``'s act by ``s`` on each of ``tgts`` in the sentence ``fr``: its modality,
        attribution and date found here, and the acts derived from its modality (a demand, a refusal, a
        condition, a stated intent). ``chosen``: the pair is the scorer's, taken as it is."""
        p, pred, on = f.pattern, f.pred, fr.on
        sent, sent_text, sent_span, article, ctx, base = fr.sent, fr.text, fr.span, fr.article, fr.ctx, fr.base
        code = self.cameo.get(code_override or p.cameo)
        # the rule stages, in the order they need each other: who says it (the reporting clause), how it is told
        # (modality), when (the date, which an intended act reckons forward), then who is credited
        said = attribution_for(pred, sent, ctx.attribution)
        mod, why = _modality(pred, said)
        when = event_date(pred, sent, on, future=mod == "intended")
        mod, why = _not_yet(mod, why, when, on)
        attribution = self._attribution(said, s, code, fr, co_sources)
        trig_start = f.trigger[0].idx
        trig_end = f.trigger[-1].idx + len(f.trigger[-1].text)
        trigger_text = " ".join(t.text for t in f.trigger)
        targets = self._final_targets(f, s, tgts, fr, code, said, attribution, co_sources, chosen)
        trig_span = (base + trig_start, base + trig_end)

        def add(source, target, c, when_, modality_, confidence, variant, *, trigger=trigger_text, span=trig_span,
                attrib=attribution, derived=None):
            if (source is None or source.code is None and not source.text) and target is None:
                return  # no one acting on no one says nothing
            out.append(Draft(
                article_id=article.id, sentence=sent_text, span=sent_span, trigger=trigger, trigger_span=span,
                source=source, target=target, code=c, when=when_, modality=modality_, cue=why,
                attribution=attrib, confidence=confidence, coder=self.name, pattern=p.id, variant=variant,
                derived=derived))

        speaker = attribution.speaker if attribution is not None else None
        if mod == "demanded" and not code_override and speaker is not None and speaker.code and speaker.country \
                and s is not None and s.country and speaker.country != s.country and speaker.country not in co_sources \
                and said is not None and said.verb is not None:
            # ("both sides should pledge ...", said by one of them, is no demand of the other)
            # "Russia said Sudan must return the helicopter": the speaker demands it of the subject (CAMEO 10)
            add(speaker, s, self.cameo.get(DEMAND_CODE.get(code.root, "10")), event_date(said.verb, sent, on),
                "asserted", self._confidence(speaker, s, p, "asserted") - 0.1, "+demand", trigger=said.verb.text,
                span=(base + said.verb.idx, base + said.verb.idx + len(said.verb.text)), attrib=None, derived="demand")
        for t in targets:
            if t is not None and s is not None and s.country and t.country == s.country and t.sector == s.sector:
                continue
            add(s, t, code, when, mod, self._confidence(s, t, p, mod), rule_suffix)
            if s is None:
                continue  # an act by someone the text does not name ("was detained") states nothing more
            lower = self._confidence(s, t, p, "asserted") - 0.1  # a derived act's confidence
            refusal = REFUSAL_CODE.get(code.root)
            if mod == "negated" and refusal and not code_override and _subject_is_source(pred) and \
                    _refuses(pred):
                # "Pyongyang will not negotiate with the United States", "Hungary will not accept ...": a rejection
                add(s, t, self.cameo.get(refusal), when, "asserted", lower, "+refusal", derived="refusal")
            if mod in ("intended", "hypothetical") and not code_override and _subject_is_source(pred) and \
                    _only_if(pred) and code.quad_class in (1, 2):
                # "his country will only sign an agreement if sanctions are lifted": a condition set is a demand
                when_said = event_date(said.verb, sent, on) if said is not None and said.verb is not None else when
                add(s, t, self.cameo.get("10"), when_said, "asserted", lower, "+condition", derived="condition")
            if mod == "intended" and not code_override and _subject_is_source(pred) and \
                    not (set(why.lower().split()) & ATTEMPT_WORDS):
                intent = code.code if code.root == "13" else INTENT_CODE.get(code.root)
                if intent:
                    # the intention is stated when it is said, not when the act would happen
                    said_when = event_date(said.verb, sent, on) if said is not None and said.verb is not None \
                        else event_date(pred.head if pred.dep_ == "xcomp" else pred, sent, on, future=False)
                    if said_when.value and on and after(said_when.value, on):
                        said_when = event_date(sent.root, sent, on)
                    if said_when.value and on and after(said_when.value, on):
                        said_when = EventDate(on.isoformat(), "day", "publication")  # stated by the time of writing
                    # A stated future act is itself an event: an intent to cooperate (03) or a threat (13)
                    add(s, t, self.cameo.get(intent), said_when, "asserted", lower, "+stated_intent",
                        derived="stated_intent")

    def _final_targets(self, f: Found, s: Actor | None, tgts: list[Actor], fr: Frame, code, said,
                       attribution: Attribution | None, co_sources: frozenset, chosen: bool) -> list:
        """The targets the act's drafts take (None for no target): ``tgts`` less the source's own, and where none
        is left, an act the pattern aims at someone takes the party an act noun refers back to, the one other
        actor of the sentence, the reporting side, the article's main other actor (a guess, marked so), or the
        words of its object. The scorer's pair (``chosen``) is taken as it is: a target with the source's own
        code makes no event, and is never swapped for another, guessed, target."""
        targets = list(tgts) if chosen else [t for t in tgts if s is None or t.code != s.code]
        if s is not None and len(targets) > 1 and any(t.country != s.country for t in targets):
            targets = [t for t in targets if t.country != s.country]  # "between the two countries": the other one
        if not targets and s is not None and f.pattern.target != "none" and code.root not in ("01",) and not chosen:
            t = self._referred_party(f, s, fr.ctx) or self._implicit_target(
                s, fr.sent, fr.mentions, fr.sectors, fr.on, said, exclude=co_sources, pred=f.pred) or \
                self._reporting_party(code.root, s, attribution) or fr.ctx.focus_other(s, co_sources) or (
                _object_phrase(f) if not tgts else None)
            targets = [t]
        return targets or [None]

    def _attribution(self, said, s: Actor | None, code, fr: Frame, co_sources: frozenset) -> Attribution | None:
        """The attribution stage: the reporting clause ``said`` (``attribution.attribution_for``), or, for a verbal
        act with none of its own, a nearby report of its country's news agency; its speaker resolved as an
        actor (a person the knowledge base does not know keeps the name the text gives)."""
        reported = said or (fr.ctx.attribution.carried(fr.sent, s.country) if s is not None and code.quad_class in (
            1, 3) and not co_sources else None)
        if reported is None:
            return None
        speaker = None
        if reported.speaker is not None:
            speaker = self.resolver.actor_for(reported.speaker, fr.mentions, fr.sectors, fr.on)
            if speaker is None:
                speaker = self._coref(reported.speaker, fr.ctx)
            if speaker is None:
                speaker = Actor(None, None, None, reported.name, reported.speaker.text, reason="unresolved speaker")
            elif speaker.name is None and reported.name:  # "Chung" -> the "Chung Eui-yong" named before
                speaker = replace(speaker, name=reported.name)
        return Attribution(reported.text, speaker, reported.outlet)

    def _each_with_each(self, srcs: list[Actor], f: Found, out: list[Draft], fr: Frame) -> bool:
        """A symmetric act of conjoined parties, each with the other; False when fewer than two states act."""
        if len({a.country for a in srcs if a.country}) < 2:
            return False
        for a in srcs:
            for b in srcs:
                if a.country and b.country and a.country != b.country:
                    self._emit(out, f, a, [b], fr, co_sources=frozenset(x.country for x in srcs) - {a.country})
        return True

    def _learned_event(self, fr: Frame, out: list[Draft]) -> None:
        """Where no pattern fired but the main clause has an actor subject and another actor, let the learned
        pair classifier type the event (kept only when confident)."""
        from .learned import TYPE_TO_ROOT

        sent, mentions, sectors, ctx, article = fr.sent, fr.mentions, fr.sectors, fr.ctx, fr.article
        root = sent.root
        if root.pos_ not in ("VERB",):
            return
        subj, passive = self._subject(root)
        if subj is None or passive:
            return
        srcs = self._actor(subj, mentions, sectors, ctx, article.published)
        if not srcs:
            return
        s = srcs[0]
        other = None
        for m in mentions:
            if sent.start <= m.start < sent.end and m.start > root.i:
                a = self.resolver.actor_from_mention(m, None, sectors, article.published,
                                                     text=sent.doc[m.start:m.end].text)
                if a.country and a.country != s.country:
                    other = (m, a)
                    break
        if other is None:
            return
        m, t = other
        off = sent.start_char
        src_span = (subj.left_edge.idx - off, subj.right_edge.idx + len(subj.right_edge.text) - off)
        tgt_span = (sent.doc[m.start].idx - off, sent.doc[m.end - 1].idx + len(sent.doc[m.end - 1].text) - off)
        label, prob = self.learned.predict_pairs([(sent.text, src_span, tgt_span)])[0]
        if prob < self.learned_threshold or label not in TYPE_TO_ROOT:
            return
        pattern = Pattern(id=f"learned.pair.v1.{label}", lemma=root.lemma_, cameo=TYPE_TO_ROOT[label])
        f = Found(root, pattern, [root], None)
        self._emit(out, f, s, [t], fr, rule_suffix=f"(p={prob:.2f})")

    def _noun_actors(self, f: Found, mentions, sectors, ctx, on):
        tok = f.pred
        srcs, tgts = [], []
        if f.pattern.cameo[:2] == "04" and any(c.dep_ == "poss" and c.lower_ == "their" for c in tok.children):
            # "he and Erdogan are friends, but their meeting failed": the pair named before
            both = self._pair_before(tok, mentions, sectors, ctx, on)
            if both:
                return [both[0], both[1]], [both[1], both[0]]
        between = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"]
        if between:
            pobj = next((g for g in between[0].children if g.dep_ == "pobj"), None)
            both = self._actor(pobj, mentions, sectors, ctx, on)
            if len(both) >= 2:
                return [both[0], both[1]], [both[1], both[0]]
        for c in tok.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i < tok.i):
                srcs = srcs or self._actor(c, mentions, sectors, ctx, on)
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                srcs = srcs or self._actor(next((g for g in c.children if g.dep_ == "pobj"), None), mentions,
                                           sectors, ctx, on)
            if c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "over", "toward", "towards", "to", "into"):
                tgts = tgts or self._actor(next((g for g in c.children if g.dep_ == "pobj"), None), mentions,
                                           sectors, ctx, on)
        if not srcs:
            # "the attack was the work of Iran", "Iran was behind the attack"
            author = None
            if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
                author = next((g for a in tok.head.children if a.dep_ == "attr" and a.lemma_.lower() in (
                    "work", "handiwork") for pr in a.children if pr.dep_ == "prep" and pr.lower_ == "of"
                    for g in pr.children if g.dep_ == "pobj"), None)
            elif tok.dep_ == "pobj" and tok.head.lower_ == "behind" and tok.head.head.lemma_ == "be":
                author = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
            if author is not None:
                srcs = self._actor(author, mentions, sectors, ctx, on)
        if not srcs and f.pattern.cameo[:2] == "04" and tok.dep_ in ("pobj", "dobj"):
            # "Speaking after a week of talks in Lausanne, Kerry told reporters": who took part in the talks
            verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
            subj, passive = self._subject(verb) if verb is not None else (None, False)
            if subj is not None and not passive:
                srcs = [a for a in self._actor(subj, mentions, sectors, ctx, on) if a.code]
        if not srcs and tok.dep_ == "dobj" and tok.head.lemma_.lower() in AUTHORING_VERBS:
            # "Denmark announced a suspension of aid", "Kiir declared a ceasefire": who announces it does it
            subj, passive = self._subject(tok.head)
            if subj is not None and not passive:
                srcs = [a for a in self._actor(subj, mentions, sectors, ctx, on) if a.code]
        if f.pattern.target == "none" and not srcs and tgts:
            srcs, tgts = tgts, []
        return srcs, tgts

    def _implicit_target(self, src: Actor, sent: Span, mentions, sectors, on, said,
                         exclude: frozenset = frozenset(), pred: Token | None = None) -> Actor | None:
        """With no explicit target, the one other actor the sentence names (outside the attribution and the
        source's own phrase: "US and British activists staged a protest" is not aimed at Britain)."""
        excl = set()
        subj = self._subject(pred)[0] if pred is not None else None
        if subj is not None:
            excl |= {t.i for t in subj.subtree}
        if said is not None and said.verb is not None:
            excl |= {t.i for t in said.verb.subtree} - {t.i for t in sent if t.dep_ in ("ccomp",)}
            for c in said.verb.children:
                if c.dep_ in ("ccomp", "parataxis", "conj"):
                    excl -= {t.i for t in c.subtree}
        others = {}
        for t in sent:
            if t.dep_ == "prep" and (t.lower_ in ("at", "in", "from") and t.head.pos_ in ("VERB", "AUX") or
                                     t.lower_ in ("in", "at", "near") and t.head.lemma_.lower() in MEETING_NOUNS):
                excl |= {g.i for g in t.subtree}  # "At the United Nations, ...", "talks in Lausanne": where
        for m in mentions:
            if not (sent.start <= m.start < sent.end) or m.start in excl:
                continue
            if m.entry.kind == "person" or m.entry.country in (None, src.country) or m.entry.country in exclude:
                continue
            a = self.resolver.actor_from_mention(m, None, sectors, on, text=sent.doc[m.start:m.end].text)
            if a.sector == "MED":  # the outlet that reports it is not the one acted upon
                continue
            others.setdefault(a.country, a)
        if len(others) == 1:
            a = next(iter(others.values()))
            a.reason = (a.reason or "") + "; implicit target: the only other actor in the sentence"
            a.via = "implicit"
            return a
        return None

    def _pair_before(self, tok: Token, mentions, sectors, ctx, on) -> list[Actor]:
        """Two actors of different states joined by "and" before ``tok`` in its sentence, else the article's
        latest pair of states."""
        for t in reversed([t for t in tok.sent if t.i < tok.i and t.dep_ in SUBJ + ("nsubjpass",)]):
            got = self._actor(t, mentions, sectors, ctx, on)
            if len(got) >= 2 and got[0].country and got[1].country and got[0].country != got[1].country:
                return got[:2]
        pair = ctx.pair()
        if pair:
            return [Actor(c, c, None, None, "their", reason="'their': the article's latest pair of states")
                    for c in pair]
        return []

    @staticmethod
    def _place_authority(pred: Token, mentions, preps=("in",)) -> list[Actor]:
        """The state where a coercive act without an author took place ("was arrested in Niger")."""
        m = _state_mention({g.i for c in pred.children if c.dep_ == "prep" and c.lower_ in preps for g in c.subtree},
                           mentions)
        if m is None:
            return []
        c = m.entry.country
        return [Actor(c, c, None, None, pred.doc[m.start:m.end].text,
                      reason=f"no author named; the authorities where it happened ({c})")]

    def _place_targets(self, f: Found, mentions, sectors, on, *, deep: bool = False) -> list[Actor]:
        """What an attack hit, by where it is: "hit the air base in central Syria" -> Syria. With ``deep``, a place
        after "in" anywhere in the predicate's phrase, outside its subject, counts too."""
        objs = [c for c in f.pred.children if c.dep_ in OBJ]
        objs += [g for c in f.pred.children if c.dep_ == "prep" and c.i > f.pred.i and c.lower_ in (
            "on", "against", "at", "in", "near") for g in c.children if g.dep_ == "pobj"]
        if deep:
            subj = {t.i for c in f.pred.children if c.dep_ in SUBJ + ("nsubjpass",) for t in c.subtree}
            objs += [g for t in f.pred.subtree if t.dep_ == "prep" and t.lower_ in ("in", "near") and t.i > f.pred.i
                     and t.i not in subj for g in t.children if g.dep_ == "pobj"]
        for o in objs:
            m = _state_mention({t.i for t in o.subtree}, mentions)
            if m is not None:
                a = self.resolver.actor_from_mention(m, None, sectors, on, text=o.doc[m.start:m.end].text)
                a.reason = (a.reason or "") + "; the place the act hit"
                return [a]
        return []

    @staticmethod
    def _reporting_party(root: str, s: Actor, attribution: Attribution | None) -> Actor | None:
        """An offer or agreement with no partner named, reported by the other side's official, is made to that
        side: "Kim has agreed to refrain from tests, Seoul's security chief said after talks with Kim"."""
        sp = attribution.speaker if attribution is not None else None
        if root not in ("03", "04", "05") or sp is None or not sp.code or not sp.country or sp.country == s.country:
            return None
        return Actor(sp.country, sp.country, None, None, sp.text,
                     reason=f"implicit target: the reporting side ({sp.country}), no partner named", via="implicit")

    @staticmethod
    def _referred_party(f: Found, s: Actor, ctx: Context) -> Actor | None:
        """The other party of an earlier event that the act's object refers to: "The Obama administration
        welcomed the agreement" (reached by Kerry and Lavrov) is aimed at Russia."""
        objs = [f.object_tok] if f.object_tok is not None else []
        objs += [c for c in f.pred.children if c.dep_ in OBJ]
        objs += [g for c in f.pred.children if c.dep_ == "prep" and c.i > f.pred.i for g in c.children
                 if g.dep_ == "pobj"]
        for o in objs:
            e = ctx.referred(o)
            if e is None:
                continue
            for a in (e.source, e.target):
                if a is not None and a.code and a.country and a.country != s.country:
                    return Actor(a.code, a.country, a.sector, a.name, o.text,
                                 reason=f"'{o.text}' refers to the earlier '{e.trigger}': its other party")
        return None

    @staticmethod
    def _confidence(s, t, p, mod) -> float:
        c = 0.55 + (0.15 if s and s.code else 0) + (0.15 if t and t.code else 0) + (0.1 if p.specificity else 0)
        return min(c, 0.95)


def _object_phrase(f: Found) -> Actor | None:
    """The words of what the act is aimed at when no actor can be found ("rejected the Kirkuk council decision",
    "demanded that Yediyurappa step down"): kept as an unresolved target, code null, rather than nothing."""
    pred, p = f.pred, f.pattern
    if p.kind != "verb" or p.target != "object":
        return None
    cands = [c for c in pred.children if c.dep_ in OBJ and (f.object_tok is None or c.i != f.object_tok.i)]
    cands += [g for c in pred.children if c.dep_ == "prep" and c.i > pred.i and c.lower_ in p.target_preps
              for g in c.children if g.dep_ == "pobj"]
    if p.spoken:  # "demanded that X step down": X
        cands += [g for c in pred.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in ("nsubj",)]
    for c in cands:
        if c.pos_ not in ("NOUN", "PROPN") or c.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"):
            continue
        span = noun_phrase(c)
        if 0 < len(span) <= 12:
            return Actor(None, None, None, None, span.text, reason="not in the knowledge base: words kept, no code")
    return None


def _dedupe(events: list[Draft]) -> list[Draft]:
    seen = {}
    for e in events:
        key = (e.source.code if e.source else None, e.target.code if e.target else None, e.cameo_root,
               e.trigger_span, e.modality)
        if key not in seen:
            seen[key] = e
    return list(seen.values())
