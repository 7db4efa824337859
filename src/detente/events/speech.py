"""Acts performed by speaking: the speech stage of the rule coder.

A statement can itself be the event: "X said the launch was a flagrant violation" disapproves (CAMEO 111), "X
called the talks constructive" approves (051), "the attack was the work of Iran, Pompeo said" accuses (112),
"Russia says Israel must end attacks on Syria" demands (10), and a plain statement by a coded actor, neither
judging nor demanding, is a comment (010). "Trump said Iran will pay a price" is the speaker's threat to Iran
(13x, told when it is said), and "warned that the strikes dealt a blow to relations", a warning about what is
or was, is criticism (111), not a threat.

The words it decides with are data (``events/data/speech.yaml``), extended by the user's ``DETENTE_WORDLISTS``
files (section ``speech``; see docs/extending.md), read once at import. The functions take the ``RuleCoder``
whose actor finding and emitter they use (``coder._actor``, ``coder._emit``).
"""
from __future__ import annotations

from spacy.tokens import Token

from ..model import Actor
from ..wordlists import load_word_lists
from .attribution import attribution_for
from .context import Found, Frame
from .draft import Draft
from .modality import modality
from .patterns import Pattern

_LISTS = load_word_lists("speech")  # events/data/speech.yaml and the user's DETENTE_WORDLISTS files
#: verbs of saying whose content may be the act ("said", "called it", "described ... as")
STATEMENT_VERBS = frozenset(_LISTS["statement_verbs"])
#: of those, the verbs whose content, neither approving nor disapproving, makes a plain statement (010)
STATEMENT_ONLY_VERBS = frozenset(_LISTS["statement_only_verbs"])
#: words in what is said that make it disapproval (111) or approval (051)
NEGATIVE_WORDS = frozenset(_LISTS["disapproval_words"])
POSITIVE_WORDS = frozenset(_LISTS["approval_words"])
#: "actions must avoid bringing disaster": a judging word under these judges nothing
AVOIDING = frozenset(_LISTS["avoiding_words"])
#: verbs that claim another's hostile act, making it an accusation whoever its victim
CLAIM_VERBS = frozenset(_LISTS["claim_verbs"])
#: nouns whose author is the speaker of a threat ("warnings by Trump that it would face fire and fury")
WARNING_NOUNS = frozenset(_LISTS["warning_nouns"])
#: "the work of Iran", "Iran was responsible for": the words that blame
BLAME_NOUNS = frozenset(_LISTS["blame_nouns"])
BLAME_ADJECTIVES = frozenset(_LISTS["blame_adjectives"])
#: auxiliaries that put an obligation on the subject of what is said ("Israel must end ...")
OBLIGATION_AUX = frozenset(_LISTS["obligation_aux"])
#: words that make a warning's clause a threat (future or condition), not a warning of a fact
THREAT_WORDS = frozenset(_LISTS["threat_words"])
CONFLICT_ROOTS = {"15", "16", "17", "18", "19", "20"}


def speakers_threat(coder, f: Found, subj: Token | None, fr: Frame, out: list[Draft]) -> None:
    """'Trump said Iran will pay a price', 'warnings by Trump that it would face fire and fury': consequences
    promised to the subject are the speaker's threat to it, made when it is said."""
    sent, mentions, sectors, ctx, on = fr.sent, fr.mentions, fr.sectors, fr.ctx, fr.on
    mod, _ = modality(f.pred)
    if mod not in ("intended", "hypothetical") or subj is None:
        return
    tgts = [a for a in coder._actor(subj, mentions, sectors, ctx, on) if a.code]
    if not tgts:
        return
    speaker, anchor = None, None
    nouns = [a for a in f.pred.ancestors if a.pos_ == "NOUN" and a.lemma_.lower() in WARNING_NOUNS]
    if f.pred.dep_ == "ccomp":  # "dismissed warnings by Trump that it would face ...", the clause hung on the verb
        nouns += [t for t in f.pred.head.subtree if t.i < f.pred.i and t.pos_ == "NOUN" and
                  t.lemma_.lower() in WARNING_NOUNS and t.head.i in (f.pred.head.i,) + tuple(
                      c.i for c in f.pred.head.children if c.dep_ == "prep")]
    for noun in nouns:
        # "warnings by U.S. President Donald Trump that it would face ...": the warning's author
        who = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
                    if g.dep_ == "pobj"), None) or next((c for c in noun.children if c.dep_ == "poss"), None)
        got = coder._actor(who, mentions, sectors, ctx, on)
        if got:
            speaker, anchor = got[0], noun
            break
    if speaker is None:
        said = attribution_for(f.pred, sent, ctx.attribution)
        if said is None or said.verb is None or said.speaker is None:
            return
        speaker = coder.resolver.actor_for(said.speaker, mentions, sectors, on) or coder._coref(said.speaker, ctx)
        anchor = said.verb
    if speaker is None or not speaker.code:
        return
    tgts = [t for t in tgts if t.country and t.country != speaker.country]
    if tgts:
        coder._emit(out, Found(anchor, f.pattern, f.trigger, f.object_tok), speaker, tgts, fr,
                    rule_suffix="(speaker's threat)")


def speech_events(coder, fr: Frame, out: list[Draft], skip: set[int]) -> None:
    """Events performed by speaking: "X said the launch was a flagrant violation" (111), praise (051),
    "X called it a provocative act" (111), and plain statements about another actor (010)."""
    sent, mentions, sectors, ctx, base, on = fr.sent, fr.mentions, fr.sectors, fr.ctx, fr.base, fr.on
    for verb in sent:
        if verb.lemma_.lower() not in STATEMENT_VERBS or verb.pos_ not in ("VERB", "AUX") or verb.i in skip:
            continue
        if any(e.trigger_span and e.trigger_span[0] == base + verb.idx for e in out):
            continue
        subj, passive = coder._subject(verb)
        if passive or subj is None:
            continue
        srcs = coder._actor(subj, mentions, sectors, ctx, on)
        if not srcs:
            continue
        content = [c for c in verb.children if c.dep_ in ("ccomp", "oprd", "dobj")
                   and not (c.dep_ == "dobj" and verb.lemma_ in ("tell", "say", "add", "warn", "express"))]
        if verb.lemma_ == "call" and not any(c.dep_ == "oprd" for c in verb.children):
            continue
        if not content and verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i and \
                verb.head.pos_ in ("VERB", "AUX"):
            content = [verb.head]  # '"Peru has shown disrespect!" the minister wrote': the quote before
        mine = {t.i for t in verb.subtree}
        toks = [t for c in content for t in c.subtree if c.i in mine or t.i not in mine]
        if not toks:
            continue
        # "actions must avoid bringing disaster": a negative word under a verb of avoiding judges nothing
        avoiding = {t.i for t in toks if t.lemma_.lower() in AVOIDING}
        toks_judged = [t for t in toks if not avoiding or not any(a.i in avoiding for a in t.ancestors)]
        words = {t.lemma_.lower() for t in toks_judged} | {t.lower_ for t in toks_judged}
        neg = bool(words & NEGATIVE_WORDS)
        pos = bool(words & POSITIVE_WORDS) and not neg
        main = {w for t in toks if _in_main_predication(t, content) for w in (t.lemma_.lower(), t.lower_)}
        if main & POSITIVE_WORDS and not main & NEGATIVE_WORDS:
            # "the action was an appropriate response to the barbaric attack": the judgement is on the
            # clause's own predicate, not on the attack named inside it
            neg, pos = False, True
        s = srcs[0]
        lo, hi = min(t.i for t in toks), max(t.i for t in toks) + 1
        target = None
        clause = next((c for c in content if c.dep_ in ("ccomp", "parataxis")), None)
        csubj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause else None
        extra_targets: list[Actor] = []
        if csubj is not None:
            for conj in csubj.conjuncts:  # "said the U.S. and EU have revived the Cold War"
                if conj.i > csubj.i:
                    extra_targets += [a for a in coder._actor(conj, mentions, sectors, ctx, on)
                                      if a.country and a.country != srcs[0].country]
            a = coder._actor_inside(csubj, mentions, sectors, on)
            e = ctx.referred(csubj) if a is None else None
            if e is not None and e.source is not None and e.source.code and e.source.country != s.country:
                # "the government said the sanctions were a violation": the sanctions' author
                a = Actor(e.source.code, e.source.country, e.source.sector, e.source.name, csubj.text,
                          reason=f"'{csubj.text}' refers to the earlier '{e.trigger}': its author")
            if a is None and csubj.pos_ in ("NOUN",) and csubj.lemma_.lower() not in ("agreement", "deal"):
                a = ctx.focus_other(s)  # "the launch was intolerable": the act of the article's other party
            if a is not None and a.country != s.country:
                target = a
        if target is None:
            for m in (m for m in mentions if lo <= m.start < hi):
                a = coder.resolver.actor_from_mention(m, None, sectors, on, text=sent.doc[m.start:m.end].text)
                if a.country and a.country != s.country:
                    target = a
                    break
        content_events = [e for e in out if e.trigger_span and base + sent.doc[lo].idx <= e.trigger_span[0]
                          < base + sent.doc[hi - 1].idx + 1]
        blamed = _blamed(coder, toks, csubj, mentions, sectors, ctx, on)
        if blamed is None:
            # "Ukraine said Russian forces shelled its positions", "the US claimed that ISIL had attacked
            # Iraq": telling of another's hostile act against oneself, or claiming it, accuses its author
            claim = verb.lemma_.lower() in CLAIM_VERBS
            for e in content_events:
                a = e.source
                victim = e.target is not None and e.target.country == s.country
                if e.cameo_root in CONFLICT_ROOTS and a is not None and a.code and a.country and \
                        a.country != s.country and (claim or victim):
                    blamed = Actor(a.code, a.country, a.sector, a.name, a.text,
                                   reason=f"accused of '{e.trigger}' in what {s.text} says")
                    break
        demanded_of: list[Actor] = []
        if clause is not None and csubj is not None and _obliges(clause):
            # "Russia says Israel must end attacks on Syria": what another must do is the speaker's demand,
            # whether or not the act has a pattern of its own
            who = [a for a in coder._actor(csubj, mentions, sectors, ctx, on) if a.code and a.country]
            if who and all(a.country != s.country for a in who) and not any(
                    e.derived == "demand" and e.source and e.source.country == s.country for e in out):
                demanded_of = who
        if blamed is not None and blamed.country and blamed.country != s.country:
            # "the attack was the work of Iran, Pompeo said": an accusation
            code, kind, target, extra_targets = "112", "accusation", blamed, []
        elif demanded_of:
            code, kind, target, extra_targets = "10", "demand", demanded_of[0], demanded_of[1:]
        elif neg or pos:
            code = "111" if neg else "051"
            kind = "disapproval" if neg else "approval"
        elif coder.statements and s.code \
                and verb.lemma_.lower() in STATEMENT_ONLY_VERBS and not content_events \
                and not any(e.source and e.source.country == s.country for e in out):
            # a plain statement by a coded actor: CAMEO 010, about the party its content names or no one
            code, kind = "010", "statement"
        else:
            continue
        if target is None and code != "010":
            target = ctx.focus_other(s)  # a judgement with no object named: of the article's other party
        f = Found(verb, _SPEECH_PATTERNS[code], [verb], None)
        coder._emit(out, f, s, ([target] if target else []) + extra_targets, fr, rule_suffix=f"({kind})")


def _blamed(coder, toks: list[Token], csubj: Token | None, mentions, sectors, ctx, on) -> Actor | None:
    """The actor a reported clause blames: "the work of Iran", "Iran was behind / responsible for the attack"."""
    for t in toks:
        who = None
        if t.lemma_.lower() in BLAME_NOUNS and t.dep_ in ("attr", "ROOT", "conj"):
            who = next((g for pr in t.children if pr.dep_ == "prep" and pr.lower_ == "of"
                        for g in pr.children if g.dep_ == "pobj"), None)
            if who is None:
                who = next((c for c in t.children if c.dep_ == "poss"), None)
        elif t.lower_ == "behind" and t.dep_ == "prep" and t.head.lemma_ == "be":
            who = next((c for c in t.head.children if c.dep_ in ("nsubj",)), None)
        elif t.lemma_.lower() in BLAME_ADJECTIVES and t.dep_ == "acomp":
            who = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
        if who is not None:
            got = coder._actor(who, mentions, sectors, ctx, on)
            if got:
                return got[0]
    return None


def warning_of_fact(f: Found) -> bool:
    """"Warned that the strikes dealt a blow to relations": a warning about what is or was, with no future or
    condition in it, is criticism (111), not a threat (13)."""
    if f.pattern.lemma != "warn" or f.pattern.cameo not in ("13", "130"):
        return False
    clauses = [c for c in f.pred.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    for c in clauses:
        toks = list(c.subtree)
        if c.tag_ not in ("VBD", "VBZ", "VBP") or any(
                t.lower_ in THREAT_WORDS for t in toks):
            return False
    return True


def _obliges(clause: Token) -> bool:
    """'Israel must end ...', 'should stop', 'has to withdraw', 'needs to leave': an obligation put on the subject."""
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in clause.children):
        return True
    return clause.lemma_ in ("have", "need") and any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in clause.children)


def _in_main_predication(tok: Token, content: list[Token]) -> bool:
    """False when ``tok`` sits in a phrase that modifies a noun ("a response [to the barbaric attack]")."""
    roots = {c.i for c in content}
    cur = tok
    while cur.i not in roots and cur.head is not cur:
        if cur.dep_ in ("prep", "relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN"):
            return False
        cur = cur.head
    return True


def _speech_pattern(code: str, name: str) -> Pattern:
    return Pattern(id=f"speech.{name}", lemma="say", cameo=code, spoken=True)


_SPEECH_PATTERNS = {"111": _speech_pattern("111", "disapprove"), "051": _speech_pattern("051", "approve"),
                    "10": _speech_pattern("10", "demand"),
                    "112": _speech_pattern("112", "accuse"),
                    "010": _speech_pattern("010", "statement")}
