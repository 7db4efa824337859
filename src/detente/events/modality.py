"""Modality of an event predicate: asserted, negated, hypothetical, intended, demanded or believed.

The words that decide it are data: ``events/data/modality.yaml``, which a user extends with the files named by
``DETENTE_WORDLISTS`` (read once, at import; see :func:`detente.wordlists.load_word_lists` and docs/extending.md).
"""
from __future__ import annotations

from spacy.tokens import Token

from ..wordlists import WORD_LIST_STAGES, WORD_LISTS_ENV, WordLists, load_word_lists, word_list_files  # noqa: F401

_LISTS = load_word_lists("modality")  # events/data/modality.yaml, which says what each list decides
HYPOTHETICAL_AUX = set(_LISTS["hypothetical_aux"])
FUTURE_AUX = set(_LISTS["future_aux"])
OBLIGATION_AUX = set(_LISTS["obligation_aux"])
CONDITIONAL_MARKS = set(_LISTS["conditional_marks"])
INTENT_HEADS = set(_LISTS["intent_heads"])
NEGATING_HEADS = set(_LISTS["negating_heads"])
NEGATING_PREPS = set(_LISTS["negating_preps"])
HYPOTHETICAL_HEADS = set(_LISTS["hypothetical_heads"])
DEMAND_HEADS = set(_LISTS["demand_heads"])
BELIEF_HEADS = set(_LISTS["belief_heads"])
DESIRE_HEADS = set(_LISTS["desire_heads"])
FACTUAL_MARKS = set(_LISTS["factual_marks"])
NEG_WORDS = set(_LISTS["neg_words"])
NEG_SUBJECTS = set(_LISTS["negative_subjects"])
NEG_DETS = set(_LISTS["negative_determiners"])
CONDITION_OPENERS = set(_LISTS["condition_openers"])
HEDGES = set(_LISTS["hedges"])
CLAIM_HEADS = set(_LISTS["claim_heads"])
PLAN_NOUNS = set(_LISTS["plan_nouns"])
_SAYING = set(_LISTS["saying"])


def _conditional(mark: Token) -> bool:
    """'if', 'unless', ... and 'in case' (spaCy may make "in" the mark and "case" its object)."""
    return mark.lower_ in CONDITIONAL_MARKS or mark.lower_ == "in" and any(g.lower_ == "case" for g in mark.children)


def _own_modality(tok: Token) -> str | None:
    if tok.dep_ == "pcomp" and tok.head.lower_ in NEGATING_PREPS:
        return "negated"  # "left without signing"
    for c in tok.children:
        if c.dep_ == "neg" or (c.lower_ in NEG_WORDS and c.dep_ in ("advmod", "neg", "det", "preconj")):
            return "negated"
        # "No nation claimed responsibility", "Nobody rejected it"
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in NEG_SUBJECTS or any(
                g.dep_ == "det" and g.lower_ in NEG_DETS for g in c.children)):
            return "negated"
        # "There was no immediate comment from the delegation", "there has been no response"
        if c.dep_ == "attr" and any(g.dep_ == "expl" for g in tok.children) and any(
                g.dep_ == "det" and g.lower_ in NEG_DETS for g in c.children):
            return "negated"
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass"):
            low = c.lower_
            if low in HYPOTHETICAL_AUX:
                return "hypothetical"
            if low in FUTURE_AUX:
                return "intended"
            if low in OBLIGATION_AUX:
                return "demanded"
        if c.dep_ == "mark" and _conditional(c):
            return "hypothetical"
    # "..., provided Pyongyang agreed to ...": the parser often hangs the condition elsewhere; read the word
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.left_edge.i > tok.sent.start:
        before = tok.doc[subj.left_edge.i - 1]
        if before.lower_ in CONDITION_OPENERS and before.i < tok.i:
            return "hypothetical"
    # "is going to", "are about to"
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ == "to" and tok.head.lemma_ in ("go", "about") and tok.dep_ == "xcomp":
            return "intended"
    return None


def modality(tok: Token, *, spoken_by: Token | None = None) -> tuple[str, str]:
    """The modality of the predicate ``tok`` and the words that decide it.

    Climbs through the clauses that embed the predicate (xcomp, ccomp, advcl, conj) so that
    "plans to attack", "urged X not to attack", "feared that X would invade" and "if X attacks" are
    not asserted.
    """
    own = _own_modality(tok)
    if own:
        return own, _why(tok)
    cur = tok
    for _ in range(8):
        head = cur.head
        if head is cur:
            break
        dep = cur.dep_
        hl = head.lemma_.lower()
        if dep == "conj":
            if tok.i == cur.i and cur.lemma_.lower() in _SAYING and any(
                    c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN") for c in cur.children):
                # "X warned no sanctions would be lifted until ... and Pyongyang countered ...": a new speaker
                # whom the parser hung on the clause before; saying is asserted
                break
            # "will test and deploy": the second verb shares the auxiliaries of the first unless it has a subject
            if not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
                m = _own_modality(head)
                if m and m != "negated":
                    return m, _why(head)
            cur = head
            continue
        if dep == "acl" and head.lower_ in ("case", "event") and head.head.lower_ == "in":
            return "hypothetical", "in case"  # "in case Russia launches an incursion"
        if dep in ("acl", "relcl") and cur.tag_ in ("VBN", "VBD") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "victims killed by the crash", "the missile North Korea fired last week": a past fact that
            # describes a noun, whatever the clause around the noun says
            break
        if dep == "advcl" and any(c.dep_ == "mark" and _conditional(c) for c in cur.children):
            return "hypothetical", "if/unless"
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in FACTUAL_MARKS for c in cur.children):
            return "asserted", ""  # "after the UN imposed sanctions": a subordinate clause that states a fact
        if dep in ("xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "pobj", "dobj", "acomp", "prep"):
            if spoken_by is not None and head.i == spoken_by.i:
                # reported speech: "X said that Y rejected" is asserted, unless the saying itself is not:
                # "Iran's leaders will probably say they refuse"
                m = _own_modality(head)
                if m is None and any(c.lower_ in HEDGES for c in head.children):
                    m = "hypothetical"
                if m is None and hl in CLAIM_HEADS and dep == "ccomp":
                    return "believed", head.text  # "the US claimed that ISIL had attacked Iraq": only claimed
                return (m, _why(head)) if m else ("asserted", "")
            if dep in ("xcomp", "ccomp", "acomp", "pcomp", "prep", "pobj") or dep == "advcl":
                if dep == "xcomp" and hl in NEGATING_HEADS:
                    return "negated", head.text
                if dep in ("xcomp", "ccomp") and hl in DEMAND_HEADS and head.lemma_ != "tell":
                    return "demanded", head.text
                if dep == "ccomp" and hl in BELIEF_HEADS:
                    return "believed", head.text
                if dep == "xcomp" and hl in DESIRE_HEADS:
                    return "intended", head.text
                if dep in ("xcomp", "acomp") and hl in HYPOTHETICAL_HEADS:
                    return "hypothetical", head.text
                if dep == "xcomp" and hl in INTENT_HEADS:
                    return "intended", head.text
            if dep == "acl" and head.lemma_.lower() in PLAN_NOUNS:
                return "hypothetical", head.text
            m = _own_modality(head)
            if m:
                return m, _why(head)
            cur = head
            continue
        break
    return "asserted", ""


def _why(tok: Token) -> str:
    return " ".join(c.text for c in tok.children if c.dep_ in ("aux", "neg", "mark", "auxpass")) or tok.text
