"""Attribution: who says an event happened ("X said", "according to Y", "officials told the Journal").

Three levels, tried in order by :func:`attribution_for`:

1. the sentence itself: a reporting clause that governs the predicate ("X said Iran refused"), closes the sentence
   (", Seoul's security chief Chung Eui-yong said after returning from talks", nested: ", Siluanov said on state TV,
   RIA news agency reported"), "according to X", or a bare reporting clause the sentence splitter cut off
   (", Moon's office announced Saturday.");
2. a quotation that spans sentences: every sentence inside it inherits the quote's reporting clause, found before the
   quote ("Trump said on Twitter: ...", a paragraph ending "The wire service adds that:") or after it ("... Stay
   tuned!" he added.);
3. the article's memory (:class:`ArticleAttribution`): a verbal act of a country credited, a sentence or a few away, to
   that country's news agency ("In a statement carried by the official KCNA news agency, ..."), used only by the coder
   through :meth:`ArticleAttribution.carried`.

The memory also names speakers: a bare surname gets the full name the article gave earlier ("Chung" ->
"Chung Eui-yong"), and "the wire service", "the state news agency" get the outlet the article named last.
A sentence with none of these is the journalist's own assertion: no attribution.

The words of reporting and the outlets are data: ``events/data/attribution.yaml``, which a user extends with the
files named by ``DETENTE_WORDLISTS`` (read once, at import; see :func:`.modality.load_word_lists`).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..errors import ConfigError
from .modality import load_word_lists, word_list_files

_LISTS = load_word_lists("attribution")  # events/data/attribution.yaml and the user's DETENTE_WORDLISTS files
SPEECH_VERBS = set(_LISTS["speech_verbs"])
# verbs that make a reporting clause on their own at the end of a sentence (", the minister said on Sunday.")
TAIL_VERBS = set(_LISTS["tail_verbs"])
QUOTING_VERBS = set(_LISTS["quoting_verbs"])
REPORT_NOUNS = set(_LISTS["report_nouns"])
STATE_WORDS = set(_LISTS["state_words"])
OUTLETS: dict[str, str | None] = _LISTS["outlets"]
# outlets looked for inside a longer phrase whatever their length, in this order
OUTLET_SHORT_NAMES = tuple(_LISTS["outlet_short_names"])
# news agencies and papers of a state: a statement they carry is, by default, that state's
OUTLET_COUNTRY: dict[str, str] = _LISTS["outlet_country"]
_unmapped = [k for k in OUTLET_SHORT_NAMES if not OUTLETS.get(k)]
if _unmapped:
    raise ConfigError(f"word list outlet_short_names: {', '.join(_unmapped)} not in outlets (add them there, with "
                      f"the outlet's name; files: attribution.yaml {' '.join(word_list_files())})")
# "the wire service", "the state news agency": an outlet named earlier in the article
_GENERIC_OUTLET = re.compile(
    r"^(the|that|this|its) ([\w-]+ ){0,3}(news agency|wire service|news service|newspaper|broadcaster|tabloid|"
    r"news channel|daily)$"
    r"|^(the|its) (state|official|state-run|government)( [\w-]+){0,2} (agency|television|tv|media|broadcaster)$")
_COUNTRY_AGENCY = re.compile(r"^(?:the )?([a-z .-]+?)'s (?:state|official|state-run|government|central)"
                             r"(?: [\w-]+){0,2} (?:agency|television|tv|media|broadcaster)$")
# a country's own state news agency, for "North Korea's state news agency"
STATE_AGENCY: dict[str, str] = _LISTS["state_agency"]
QUOTE_OPEN = "\u201c"
QUOTE_CLOSE = "\u201d"
_NP_POS = {"DET", "PROPN", "NOUN", "ADJ", "PART", "NUM", "PRON"}
_NP_PUNCT = {"-", "'", "\u2019", ".", "&"}
CARRY_BACK, CARRY_AHEAD = 4, 1  # sentences a news agency's report reaches


@dataclass
class Said:
    """A reporting clause found for a predicate.

    ``verb`` is the reporting verb when it is in the predicate's own sentence (None for an inherited quote or a
    report the article made elsewhere); ``name`` is the speaker's full name where the article gives it elsewhere.
    """

    verb: Token | None
    speaker: Span | None
    text: str
    outlet: str | None
    name: str | None = None


_OUTLET_KEYS = [k for k in sorted(OUTLETS, key=len, reverse=True) if OUTLETS[k] and len(k) > 3]


def outlet_in(span_text: str) -> str | None:
    """The outlet a phrase names, if any ("the Journal" -> The Wall Street Journal)."""
    low = " ".join(span_text.lower().split()).strip(" ,.")
    if low in OUTLETS:
        return OUTLETS[low]
    padded = f" {low} "
    for key in _OUTLET_KEYS:
        if f" {key} " in padded:
            return OUTLETS[key]
    for key in OUTLET_SHORT_NAMES:
        if f" {key} " in f" {low} ":
            return OUTLETS[key]
    return None


def _clause_text(verb: Token, exclude: Token | None) -> tuple[Span | None, str, str | None]:
    doc = verb.doc
    keep = [verb]
    speaker = None
    outlet = None
    for c in verb.children:
        if exclude is not None and (c.i == exclude.i or exclude in c.subtree):
            continue
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent", "prep", "aux", "neg", "advmod", "npadvmod",
                      "prt", "attr"):
            sub = list(c.subtree)
            if c.dep_ in ("prep", "advmod", "npadvmod") and c.lower_ not in ("to", "in", "by", "according"):
                continue
            keep.extend(sub)
            if c.dep_ in ("nsubj", "nsubjpass"):
                speaker = doc[c.left_edge.i:c.right_edge.i + 1]
            if c.dep_ in ("dobj", "dative", "prep", "agent", "nsubj"):
                o = outlet_in(doc[c.left_edge.i:c.right_edge.i + 1].text)
                outlet = outlet or o
    keep.sort(key=lambda t: t.i)
    start, end = keep[0].i, keep[-1].i + 1
    text = doc[start:end].text.strip(" ,\u201c\u201d\"'")
    return speaker, text, outlet


# -- reporting clauses read off the words: ", Chung Eui-yong said after returning from talks." ---------------------
def _is_np(toks: list[Token]) -> bool:
    """A plain noun phrase: "Seoul's national security chief Chung Eui-yong", "RIA news agency", "he"."""
    if not toks or len(toks) > 12:
        return False
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in toks):
        return False
    for t in toks:
        if t.pos_ in _NP_POS and t.tag_ not in ("WDT", "WP", "WRB"):
            continue
        if t.is_punct and t.text in _NP_PUNCT:
            continue
        if t.pos_ == "ADP" and t.lower_ in ("of", "for", "at") and t.i > toks[0].i:
            continue
        if t.pos_ == "CCONJ" and t.lower_ == "and" and t.i > toks[0].i:  # "officials and diplomats"
            continue
        return False
    return toks[0].pos_ != "PART"


def _free_rest(toks: list[Token]) -> bool:
    """Words after a reporting verb that open no clause of their own ("on state TV on Sunday", "after returning
    from talks with Kim", "reporters"), so that the verb reports what came before."""
    if len(toks) > 14:
        return False
    if toks and toks[0].lower_ in ("that", "if", "whether"):
        return False
    return not any(t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") or t.lower_ in ("that", "because") or
                   t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in toks)


def _reporting_verb(t: Token) -> bool:
    """A finite reporting verb ("said", "says", "has said"), not a participle ("citing", "quoted by")."""
    if t.lemma_.lower() not in TAIL_VERBS or t.pos_ not in ("VERB", "AUX"):
        return False
    if t.tag_ == "VBN":
        return t.i > 0 and t.doc[t.i - 1].dep_ == "aux" and t.doc[t.i - 1].lemma_ == "have"
    return t.tag_ != "VBG"


@dataclass
class _Clause:
    verb: Token | None
    speaker: list[Token]
    start: int
    end: int


def _segment(toks: list[Token]) -> _Clause | None | bool:
    """One comma-separated piece of a closing reporting chain: a clause, True for a piece that only adds to one
    ("speaking on condition of anonymity", "citing an official"), None when it is anything else."""
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return True
    for k, t in enumerate(toks):
        if _reporting_verb(t):
            before, after = toks[:k], toks[k + 1:]
            while before and before[-1].dep_ == "aux":  # "the minister has said"
                before = before[:-1]
            if before and _is_np(before) and _free_rest(after):
                return _Clause(t, before, toks[0].i, toks[-1].i + 1)
            if not before and after and _is_np(after):  # ", said Chung"
                return _Clause(t, after, toks[0].i, toks[-1].i + 1)
            return None
    if toks[0].tag_ == "VBG" and _free_rest(toks[1:]):  # "speaking on condition of anonymity", "citing X"
        return True
    if _is_np(toks):  # an apposition: ", said Chung, the security chief"
        return _Clause(None, toks, toks[0].i, toks[-1].i + 1)
    return None


def _chain(toks: list[Token]) -> list[_Clause] | None:
    """Reporting clauses that fill ``toks`` exactly (the words after a sentence's content), innermost first:
    ", Finance Minister Anton Siluanov said on state TV on Sunday, RIA news agency reported." -> two clauses."""
    pieces: list[list[Token]] = [[]]
    for t in toks:
        if t.text in (",", ";", "\u2014", "--"):
            pieces.append([])
        else:
            pieces[-1].append(t)
    out: list[_Clause] = []
    pending_np: _Clause | None = None
    for p in pieces:
        got = _segment(p)
        if got is None:
            return None
        if got is True:
            continue
        if got.verb is None:
            if out and out[-1].verb is not None and not pending_np:
                continue  # apposition to the clause before
            if pending_np is not None:
                return None
            pending_np = got  # "a U.S. official, speaking on condition of anonymity, told Reuters"
            continue
        if pending_np is not None and not got.speaker:
            got = _Clause(got.verb, pending_np.speaker, pending_np.start, got.end)
        elif pending_np is not None:
            return None
        pending_np = None
        out.append(got)
    if pending_np is not None or not out:
        return None
    return out


def _said_from_chain(doc: Doc, chain: list[_Clause]) -> Said:
    first = chain[0]
    sp = first.speaker
    speaker = doc[sp[0].i:sp[-1].i + 1] if sp else None
    text = doc[first.start:chain[-1].end].text.strip(" ,.\u201c\u201d\"'")
    outlet = None
    for c in chain:
        if c.speaker:
            outlet = outlet or outlet_in(doc[c.speaker[0].i:c.speaker[-1].i + 1].text)
        if c.verb is not None:
            rest = doc[c.verb.i + 1:c.end].text
            outlet = outlet or (outlet_in(rest) if c.verb.lemma_.lower() == "tell" else None)
    return Said(first.verb, speaker, text, outlet)


def _tail_chain(pred: Token, sent: Span) -> Said | None:
    """A chain of reporting clauses closing the sentence after ``pred``, read off the words (the parser often hangs
    them wrongly): "..., Seoul's security chief Chung Eui-yong said after returning from talks with Kim."."""
    doc = sent.doc
    end = sent.end
    while end > sent.start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text != ",":
        end -= 1
    best = None
    for t in sent:
        if t.i <= pred.i or t.i >= end or t.text not in (",", "\u201d", '"'):
            continue
        if t.text in ("\u201d", '"') and not (t.i > sent.start and doc[t.i - 1].text == ","):
            continue  # a closing quote after a comma: '..., he said'
        chain = _chain(list(doc[t.i + 1:end]))
        if chain:
            best = chain  # the earliest start wins: the whole chain
            break
    return _said_from_chain(doc, best) if best else None


def _split_tail(sent: Span) -> Said | None:
    """A reporting clause the sentence splitter cut off into a sentence of its own: ", Moon's office announced
    Saturday." after the content, or 'he said.' after a quotation closed with a comma."""
    doc = sent.doc
    if sent.end >= len(doc):
        return None
    nxt = doc[sent.end:].sents
    nxt = next(iter(nxt), None)
    if nxt is None or len(nxt) > 25:
        return None
    toks = [t for t in nxt if not t.is_space]
    if not toks:
        return None
    last = [t for t in sent if not t.is_space]
    ends_open = bool(last) and (last[-1].text == "," or (len(last) > 1 and last[-1].text in ("\u201d", '"')
                                                        and last[-2].text == ","))
    if toks[0].text != "," and not ends_open:
        return None
    chain = _chain(toks)
    return _said_from_chain(doc, chain) if chain else None


def _outlet_speech(pred: Token) -> Said | None:
    """A speech act whose speaker is a news outlet ("Yonhap News says the launch ..."): the outlet's own report."""
    if pred.lemma_.lower() not in SPEECH_VERBS:
        return None
    for c in pred.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            span = pred.doc[c.left_edge.i:c.right_edge.i + 1]
            o = outlet_in(span.text)
            if o:
                return Said(None, span, f"{span.text} {pred.text}", o)
    return None


def _quoting(verb: Token) -> Said | None:
    """ "X ..., quoting Kim as saying": X reports what it quotes Kim as saying."""
    holder = verb
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and verb.dep_ in ("advcl", "xcomp", "conj"):
        holder = verb.head
        subj = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return None
    doc = verb.doc
    sp = doc[subj[0].left_edge.i:subj[0].right_edge.i + 1]
    obj = [c for c in verb.children if c.dep_ == "dobj"]
    quoted = f" {doc[obj[0].left_edge.i:obj[0].right_edge.i + 1].text}" if obj else ""
    return Said(verb, sp, f"{sp.text} ... {verb.text}{quoted}", outlet_in(sp.text))


def local_attribution(pred: Token, sent: Span) -> Said | None:
    """The reporting clause of ``pred`` within its own sentence, or None."""
    # "according to X" anywhere in the sentence
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            to = t.doc[t.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in t.children if c.dep_ == "pobj"]
            if objs:
                o = objs[0]
                span = t.doc[o.left_edge.i:o.right_edge.i + 1]
                return Said(None, span, f"according to {span.text}", outlet_in(span.text))
    # climb from the predicate to a speech verb
    cur = pred
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            break
        if head.lemma_.lower() in QUOTING_VERBS and head.tag_ == "VBG" and cur.dep_ in ("prep", "pcomp"):
            said = _quoting(head)  # "the agency was conciliatory, quoting Kim as expressing gratitude"
            if said is not None:
                return said
        if head.lemma_.lower() in SPEECH_VERBS and cur.dep_ in ("ccomp", "parataxis", "conj", "advcl", "xcomp",
                                                                  "dobj"):
            if cur.dep_ == "conj" and _second_act(head, cur):
                break  # "The US said it would impose sanctions, and Tehran rejected the demand": Tehran's own act
            speaker, text, outlet = _clause_text(head, cur)
            if speaker is not None or outlet:
                return Said(head, speaker, text, outlet)
        cur = head
    # the predicate governs the speech verb: "Pyongyang declined, officials told the Journal" (parataxis child)
    for c in pred.children:
        if c.lemma_.lower() in SPEECH_VERBS and c.dep_ in ("parataxis", "ccomp", "advcl", "conj") and c.i > pred.i:
            if c.dep_ == "conj" and any(t.pos_ == "CCONJ" for t in sent.doc[pred.i + 1:c.left_edge.i]):
                continue  # "Iran rejected the offer, and the ministers said nothing": a second act
            speaker, text, outlet = _clause_text(c, None)
            if speaker is not None:
                return Said(c, speaker, text, outlet)
    # a reporting clause closing the sentence, hung elsewhere by the parser: "..., state news agency KCNA said."
    tail = [t for t in sent if t.i > pred.i and t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"
            and t.dep_ in ("parataxis", "ccomp", "conj", "ROOT", "advcl")]
    for v in reversed(tail):
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        if not subj or pred in subj[0].subtree:
            continue
        if v.dep_ == "conj" and any(t.pos_ == "CCONJ" for t in sent.doc[pred.i + 1:subj[0].left_edge.i]):
            continue  # "Iran rejected the offer, and the ministers said nothing": a second act, not a source
        after = [t for t in sent if t.i > v.right_edge.i and not (t.is_punct or t.is_space)]
        if after:
            continue
        speaker, text, outlet = _clause_text(v, pred if pred in v.subtree else None)
        if speaker is not None:
            return Said(v, speaker, text, outlet)
    # the same, read off the words when the parse hangs it nowhere useful
    said = _tail_chain(pred, sent)
    if said is not None:
        return said
    return _outlet_speech(pred)


def _second_act(verb: Token, conj: Token) -> bool:
    """A clause joined to a verb of saying by a conjunction, with a subject of its own that is no pronoun ("...,
    and Tehran rejected the demand"): a second act the sentence states, not part of what was said."""
    subj = next((c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON":
        return False
    return any(t.pos_ == "CCONJ" for t in verb.doc[verb.i + 1:subj.left_edge.i])


def _nested_outlet(said: Said, pred: Token, sent: Span) -> Said:
    """Add the outlet of a report that carries the speaker's words: "X said on state TV, RIA news agency reported"."""
    if said.outlet or said.verb is None:
        return said
    whole = _tail_chain(pred, sent)
    if whole is not None and whole.outlet and whole.verb is not None and whole.verb.i == said.verb.i:
        return Said(said.verb, said.speaker, whole.text, whole.outlet, said.name)
    chain = _tail_chain(said.verb, sent)
    if chain is not None and chain.outlet:
        return Said(said.verb, said.speaker, f"{said.text}, {chain.text}", chain.outlet, said.name)
    return said


def attribution_for(pred: Token, sent: Span, memory: ArticleAttribution | None = None) -> Said | None:
    """The reporting clause that carries ``pred``, or None when the sentence asserts it directly.

    With the article's ``memory`` (the coder's), a quotation that spans sentences lends its reporting clause to the
    sentences inside it, and speakers get their full names ("Chung" -> "Chung Eui-yong") and outlets ("the wire
    service" -> the outlet named before)."""
    if memory is not None:
        memory.see(sent)
    said = local_attribution(pred, sent)
    if said is not None:
        said = _nested_outlet(said, pred, sent)
    if said is None:
        said = _split_tail(sent)
    if said is None and memory is not None:
        said = memory.quoted(pred)
    if said is not None and memory is not None:
        said = memory.complete(said)
    return said


# -- the article's memory ----------------------------------------------------------------------------------------
@dataclass
class _Report:
    n: int  # the article's sentence number
    outlet: str
    country: str | None
    text: str
    speaker: Span | None


@dataclass
class _Quote:
    start: int  # character offsets in the doc
    end: int
    said: Said | None


@dataclass
class ArticleAttribution:
    """What one article says about its sources, read sentence by sentence as the coder goes (the coder keeps one
    per article in its Context): the people it named (for "Chung" -> "Chung Eui-yong"), the outlets it named (for
    "the wire service"), the news agencies' reports (for :meth:`carried`), and each text piece's quotations."""

    names: list[tuple[tuple[int, int], str]] = field(default_factory=list)  # ((doc no., token), full name)
    outlets: list[tuple[tuple[int, int], str, Span]] = field(default_factory=list)  # ((doc no., token), outlet, span)
    reports: list[_Report] = field(default_factory=list)
    n: int = 0  # sentences read
    lead: int | None = None  # number of the first sentence with an event
    _doc: Doc | None = None
    _docs: int = 0
    _sents: list[Span] = field(default_factory=list)
    _read: int = 0  # sentences of the current doc read
    _number: dict[int, int] = field(default_factory=dict)  # sentence start token -> article sentence number
    _quotes: list[_Quote] | None = None
    _ents: list[list[Span]] = field(default_factory=list)

    # reading --------------------------------------------------------------------------------------------------
    def _switch(self, doc: Doc) -> None:
        if self._doc is doc:
            return
        if self._doc is not None:
            while self._read < len(self._sents):  # finish the previous piece of the article
                self._read_one()
        self._doc, self._docs = doc, self._docs + 1
        self._sents = list(doc.sents)
        self._read = 0
        self._number = {}
        self._quotes = None
        # the entities of each sentence, gathered once (Span.ents walks the whole doc every time)
        starts = [s.start for s in self._sents]
        self._ents = [[] for _ in self._sents]
        for ent in doc.ents:
            self._ents[bisect.bisect_right(starts, ent.start) - 1].append(ent)

    def _read_one(self) -> None:
        s = self._sents[self._read]
        ents = self._ents[self._read]
        self._number[s.start] = self.n
        for ent in ents:
            if ent.label_ == "PERSON" and ent.text[:1].isupper() and \
                    sum(1 for t in ent if t.text[:1].isupper()) >= 2:
                self.names.append(((self._docs, ent.start), ent.text))
        for span, o in _outlet_mentions(s, ents):
            self.outlets.append(((self._docs, span.start), o, span))
            if o in OUTLET_COUNTRY and _reports(s):
                self.reports.append(_Report(self.n, o, OUTLET_COUNTRY[o], _report_text(span), span))
        self._read += 1
        self.n += 1

    def see(self, sent: Span, *, ahead: int = 0) -> int:
        """Read the article up to ``sent`` (and ``ahead`` sentences more); returns ``sent``'s number."""
        self._switch(sent.doc)
        upto = self._index(sent) + ahead
        while self._read < len(self._sents) and self._read <= upto:
            self._read_one()
        k = self._number.get(sent.start, self.n)
        if self.lead is None:
            self.lead = k  # the first sentence the coder asks about: the article's lead
        return k

    def _index(self, sent: Span) -> int:
        for k, s in enumerate(self._sents):
            if s.start == sent.start:
                return k
        return len(self._sents)

    # quotations -----------------------------------------------------------------------------------------------
    def quoted(self, pred: Token) -> Said | None:
        """The reporting clause of a quotation around ``pred`` that reaches beyond its sentence."""
        doc = pred.doc
        self._switch(doc)
        if self._quotes is None:
            self._quotes = _quotations(doc)
        for q in self._quotes:
            if q.start <= pred.idx < q.end and q.said is not None:
                return Said(None, q.said.speaker, q.said.text, q.said.outlet, q.said.name)
        return None

    # naming ---------------------------------------------------------------------------------------------------
    def complete(self, said: Said) -> Said:
        """Give a bare surname its full name and a generic "the wire service" its outlet."""
        sp = said.speaker
        if sp is None:
            return said
        self.see(_sent_of(sp[0]) if len(sp) else sp.sent)
        at = (self._docs, sp.start)
        name, outlet = said.name, said.outlet
        words = [t for t in sp if t.pos_ == "PROPN"]
        if name is None and len(words) == 1 and sp.root.i == words[0].i and \
                sp.root.ent_type_ not in ("GPE", "NORP", "LOC", "FAC"):  # the tagger often calls a lone surname ORG
            name = self.full_name(words[0].text, at)
        m = _COUNTRY_AGENCY.match(" ".join(sp.text.lower().replace("\u2019", "'").split()))
        if outlet is None and len(sp) <= 7 and m:  # "North Korea's state news agency"
            outlet = STATE_AGENCY.get(m.group(1)) or self.last_outlet(at, state=True)
            if outlet:
                name = name or outlet
        if outlet is None and len(sp) <= 6 and _GENERIC_OUTLET.match(sp.text.lower()):
            state = any(t.lower_ in STATE_WORDS for t in sp)
            outlet = self.last_outlet(at, state=state)
            if outlet:
                name = name or outlet
        if (name, outlet) == (said.name, said.outlet):
            return said
        return Said(said.verb, sp, said.text, outlet, name)

    def full_name(self, word: str, at: tuple[int, int] | None = None) -> str | None:
        """The full name the article gave (before ``at``) a person it now calls by one name ("Chung" ->
        "Chung Eui-yong", "Siluanov" -> "Anton Siluanov")."""
        for pos, full in reversed(self.names):
            if at is not None and pos >= at:
                continue
            parts = full.split()
            if full != word and (parts[0] == word or parts[-1] == word):
                return full
        return None

    def last_outlet(self, at: tuple[int, int], *, state: bool = False) -> str | None:
        """The outlet named last before ``at`` (a state one with ``state``: "the official news agency")."""
        got = [o for pos, o, _ in self.outlets if pos < at and (not state or o in OUTLET_COUNTRY)]
        return got[-1] if got else None

    # reports of news agencies ---------------------------------------------------------------------------------
    def reporting_state(self, sent: Span) -> str | None:
        """The country whose state news agency ``sent`` itself credits ("In a statement carried by the official
        KCNA news agency, the government said ..." -> PRK), for a bare "the government" in it."""
        k = self.see(sent)
        return next((r.country for r in self.reports if r.n == k and r.country), None)

    def carried(self, sent: Span, country: str | None) -> Said | None:
        """A country's statement that the article credits, a sentence or a few away, to that country's news
        agency ("In a statement carried by the official KCNA news agency, the government said ..."): for the
        coder's verbal events of that country that have no reporting clause of their own."""
        if not country:
            return None
        k = self.see(sent, ahead=CARRY_AHEAD)
        # the lead sentence may summarise a report that the next one credits; other sentences only continue one
        ahead = CARRY_AHEAD if k == self.lead else 0
        near = [r for r in self.reports if r.country == country and k - CARRY_BACK <= r.n <= k + ahead]
        if not near:
            return None
        r = min(near, key=lambda r: (abs(r.n - k), r.n > k))
        return Said(None, None, r.text, r.outlet)


def _outlet_mentions(sent: Span, ents: list[Span]) -> list[tuple[Span, str]]:
    """The outlets ``sent`` names (entities, or proper nouns the tagger left out of one), with their names."""
    out = []
    covered = set()
    for ent in ents:
        covered.update(range(ent.start, ent.end))
        o = outlet_in(ent.text)
        if o:
            out.append((ent, o))
    for t in sent:
        if t.pos_ == "PROPN" and t.i not in covered:
            o = outlet_in(t.text)
            if o:
                out.append((sent.doc[t.i:t.i + 1], o))
    return out


def _reports(sent: Span) -> bool:
    """True when ``sent`` reports something (says, carries, a statement, "according to")."""
    return any(t.lemma_.lower() in SPEECH_VERBS or t.lemma_.lower() in REPORT_NOUNS or t.lower_ == "according"
               for t in sent)


def _report_text(span: Span) -> str:
    """The words that credit the outlet: "In a statement carried by the official KCNA news agency"."""
    tok = span.root
    best = span
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            break
        sub = span.doc[head.left_edge.i:head.right_edge.i + 1]
        if head.pos_ == "VERB" and tok.dep_ in ("nsubj", "nsubjpass"):
            subj = span.doc[tok.left_edge.i:tok.right_edge.i + 1].text.strip(" ,")
            return f"{subj} {head.text}" if head.lemma_.lower() in SPEECH_VERBS else subj  # "Xinhua said"
        if len(sub) > 14:
            break
        best, tok = sub, head
    return best.text.strip(" ,")


# -- quotations ---------------------------------------------------------------------------------------------------
def _quotations(doc: Doc) -> list[_Quote]:
    """Quoted stretches of ``doc`` with the reporting clause that introduces or closes each."""
    text = doc.user_data.get("detente_text")
    if text is None:
        text = doc.user_data["detente_text"] = doc.text
    out: list[_Quote] = []
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    prev_intro: Said | None = None
    for ps, pe in paras:
        body = text[ps:pe]
        stripped = body.strip()
        if not stripped:
            continue
        if prev_intro is not None and stripped[0] in ('"', QUOTE_OPEN):
            # a quoted paragraph after "The wire service adds that:": all of it is the introducer's
            out.append(_Quote(ps, pe, prev_intro))
            prev_intro = None
            continue
        prev_intro = _colon_intro(doc, ps, pe) if stripped.endswith(":") else None
        spans: list[tuple[int, int]] = []
        open_at = None
        for i, ch in enumerate(body):
            if ch == QUOTE_OPEN or (ch == '"' and open_at is None):
                if open_at is None:
                    open_at = ps + i
            elif ch == QUOTE_CLOSE or ch == '"':
                if open_at is not None:
                    spans.append((open_at, ps + i + 1))
                    open_at = None
        if open_at is not None:
            spans.append((open_at, pe))
        for qs, qe in spans:
            out.append(_Quote(qs, qe, _quote_clause(doc, qs, qe, pe)))
    return out


def _sent_of(tok: Token) -> Span:
    """``tok.sent`` without spaCy's walk over the document (the sentences are listed once per document)."""
    from ..dates.attach import doc_sents

    sents = doc_sents(tok.doc)
    starts = tok.doc.user_data.get("_attribution_sent_starts")
    if starts is None or len(starts) != len(sents):
        starts = tok.doc.user_data["_attribution_sent_starts"] = [x.start for x in sents]
    k = bisect.bisect_right(starts, tok.i) - 1
    return sents[k] if 0 <= k < len(sents) and sents[k].start <= tok.i < sents[k].end else tok.sent


def _tok_at(doc: Doc, char: int, *, after: bool = False) -> Token | None:
    """The token starting at or covering ``char`` (the first one after it with ``after``)."""
    starts = doc.user_data.get("_attribution_token_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data["_attribution_token_starts"] = [t.idx for t in doc]
    k = bisect.bisect_right(starts, char) - 1
    if k >= 0 and doc[k].idx <= char < doc[k].idx + len(doc[k].text):
        return doc[k]
    if after and k + 1 < len(doc):
        return doc[k + 1]
    return None


def _quote_clause(doc: Doc, qs: int, qe: int, para_end: int) -> Said | None:
    """The reporting clause of the quote doc.text[qs:qe]: after it ('..." he added.') or before it ('Trump said:')."""
    close = _tok_at(doc, qe - 1)
    if close is not None and qe < para_end:
        sent = _sent_of(close)
        toks = [t for t in doc[close.i + 1:sent.end] if not t.is_space]
        if not toks and sent.end < len(doc):  # 'Stay tuned!"' | 'he added.': the splitter cut after the quote
            nxt = next(iter(doc[sent.end:].sents), None)
            toks = [t for t in nxt if not t.is_space] if nxt is not None and nxt.start_char < para_end else []
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        if toks:
            chain = _chain(toks)
            if chain:
                return _said_from_chain(doc, chain)
    opening = _tok_at(doc, qs)
    if opening is not None:
        sent = _sent_of(opening)
        return _intro(doc, sent.start, opening.i)
    return None


def _intro(doc: Doc, start: int, end: int) -> Said | None:
    """A reporting clause that ends right before a quotation: 'Trump said on Twitter:', 'As Louisa added,',
    'The wire service adds that:'."""
    toks = [t for t in doc[start:end] if not t.is_space]
    while toks and (toks[-1].is_punct or toks[-1].lower_ == "that"):
        toks = toks[:-1]
    if toks and toks[0].lower_ == "as":
        toks = toks[1:]
    if not toks:
        return None
    if len(toks) > 2 and toks[0].lower_ == "according" and toks[1].lower_ == "to" and _is_np(toks[2:]):
        sp = doc[toks[2].i:toks[-1].i + 1]  # "According to the BBC:"
        return Said(None, sp, doc[toks[0].i:toks[-1].i + 1].text, outlet_in(sp.text))
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if _reporting_verb(t):
            before, after = toks[:k], toks[k + 1:]
            while before and before[-1].dep_ == "aux":
                before = before[:-1]
            if _is_np(before) and (not after or _free_rest(after)):
                sp = doc[before[0].i:before[-1].i + 1]
                o = outlet_in(sp.text)
                if after and o is None and t.lemma_.lower() == "tell":
                    o = outlet_in(doc[after[0].i:after[-1].i + 1].text)
                return Said(t, sp, doc[toks[0].i:toks[-1].i + 1].text, o)
            return None
    return None


def _colon_intro(doc: Doc, ps: int, pe: int) -> Said | None:
    """A paragraph that ends "The wire service adds that:" introduces the quoted paragraph after it."""
    first = _tok_at(doc, ps, after=True)
    last = _tok_at(doc, pe - 1)
    if first is None or last is None:
        return None
    sent = _sent_of(last)
    return _intro(doc, max(sent.start, first.i), last.i + 1)
