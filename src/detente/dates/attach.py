"""Which date expression in a sentence belongs to an event's predicate.

An expression belongs to the predicate it hangs from in the parse, climbing through nouns and
prepositions but not into another clause ("talks that took place on Tuesday" dates "took", not "held").
A sentence-initial adjunct ("In March 2003, X invaded Iraq and toppled Saddam") dates the main verb and
the verbs conjoined with it; a date on a verb is shared with its conjuncts and open complements
("agreed on Sunday to resume talks").
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from .expressions import find_expressions
from .names import not_a_date
from .resolve import EventDate, resolve_expression

_VERBAL = ("VERB", "AUX")
_SHARE = ("conj", "xcomp")
#: prepositions that give a thing its end ("a delay to January 31", "an extension until June"), not an act its day
_UNTIL = {"to", "until", "till", "through"}
_SPEECH = {"say", "tell", "announce", "report", "state", "add", "claim", "confirm", "declare", "warn", "write"}
_FUTURE_AUX = ("will", "'ll", "shall", "wo")


def is_future(pred: Token) -> bool:
    """The predicate is in the future tense ("will meet", "is going to meet", "is set to meet")."""
    for c in pred.children:
        if c.dep_ == "aux" and c.lower_ in _FUTURE_AUX:
            return True
    head = pred.head
    if pred.dep_ == "xcomp" and head.lemma_ in ("go", "set", "plan", "schedule", "expect", "due") and \
            any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in head.children):
        return True
    if pred.dep_ == "conj" and head.i != pred.i and head.pos_ in _VERBAL:
        return is_future(head)
    return False


def _perfect(pred: Token) -> bool:
    """'has occupied', 'have been fighting': a state that lasts up to the time of writing."""
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve", "'s") for c in pred.children) or \
        any(c.dep_ == "aux" and c.lower_ in ("is", "are", "been") and pred.tag_ == "VBG" for c in pred.children)


def _clause_of(span: Span) -> tuple[Token, int]:
    """The token a date expression hangs from: the first verb above it (or the root), with the steps climbed."""
    cur, steps = span.root, 0
    while cur.head.i != cur.i:
        cur = cur.head
        steps += 1
        if cur.pos_ in _VERBAL and not (span.start <= cur.i < span.end):
            return cur, steps
    return cur, steps


def _score(span: Span, pred: Token) -> int | None:
    """How closely the expression belongs to the predicate (lower is closer), None when it does not."""
    # "said on Tuesday it had launched": spaCy often hangs the date on the reported verb
    before = span.doc[span.start - 1] if span.start > span.sent.start else None
    if before is not None and before.lemma_ in _SPEECH and before.pos_ in _VERBAL:
        return 1 if before.i == pred.i else None
    cur = span.root
    steps = 0
    # climb to the predicate itself (nominal predicates: "the 2003 invasion", "strikes in 2014")
    while cur.head.i != cur.i:
        if cur.dep_ == "prep" and cur.lower_ in _UNTIL and cur.head.pos_ in ("NOUN", "PROPN") and cur.head.i != pred.i:
            return None  # "asked for a delay to January 31", "an extension until June": the thing's own date
        cur = cur.head
        steps += 1
        if cur.i == pred.i:
            return steps
        if cur.pos_ in _VERBAL:
            break
    verb, steps = _clause_of(span)
    if verb.i == pred.i:
        return steps
    # shared with conjuncts and open complements, in either direction
    a, b = pred, verb
    for x, y in ((a, b), (b, a)):
        t, hops = x, 0
        while t.dep_ in _SHARE and t.head.i != t.i and hops < 3:
            t, hops = t.head, hops + 1
            if t.i == y.i:
                if x is pred and span.start > pred.i and span.start > verb.i and verb.i < pred.i:
                    # "X invaded Iraq in 2003 and toppled Saddam": a trailing date of the first verb
                    return 20 + steps
                return 10 + steps
    # a nominal predicate's own relative or participial clause tells of the same act: "a drone strike that killed
    # Soleimani last week", "the attack carried out on Tuesday"
    if pred.pos_ not in _VERBAL and verb.dep_ in ("relcl", "acl") and verb.head.i == pred.i:
        return 12 + steps
    # a nominal predicate inside the verb's clause: "conducted a missile test on Tuesday"
    if pred.pos_ not in _VERBAL:
        t = pred
        while t.head.i != t.i and t.pos_ not in _VERBAL:
            t = t.head
        if t.i == verb.i:
            return 10 + steps
        hops = 0
        while t.dep_ in _SHARE and t.head.i != t.i and hops < 3:
            # "vowed Friday to keep the pressure after the missile strikes": the strikes, by Friday
            t, hops = t.head, hops + 1
            if t.i == verb.i:
                return 25 + steps
    # sentence-initial adjunct: "In March 2003, ..." dates the main clause
    if span.start - span.sent.start <= 1 and verb.dep_ == "ROOT":
        t, hops = pred, 0
        while t.dep_ in _SHARE + ("ROOT",) and hops < 4:
            if t.i == verb.i:
                return 30 + steps
            t, hops = t.head, hops + 1
    return None


def sentence_expressions(sent: Span) -> list[Span]:
    """Date expressions in a sentence as token spans: the pattern finder's, then spaCy DATE entities it missed
    (less those that are names or numbers: ``names.not_a_date``)."""
    doc = sent.doc
    key = ("detente_expressions", sent.start, sent.end)
    if key in doc.user_data:
        return doc.user_data[key]
    spans: list[Span] = []
    for s, e, _ in find_expressions(sent.text):
        sp = doc.char_span(sent.start_char + s, sent.start_char + e, alignment_mode="expand")
        if sp is not None and len(sp):
            spans.append(sp)
    for ent in sent.ents:
        if ent.label_ != "DATE" or any(sp.start < ent.end and ent.start < sp.end for sp in spans):
            continue
        if ent.end < len(doc) and doc[ent.end].text in ("UTC", "GMT", "EST", "EDT", "local", "hours"):
            continue  # "(1800 UTC)" is a time, not a year
        if not_a_date(sent.text, ent.start_char - sent.start_char, ent.end_char - sent.start_char):
            continue  # "talks with May", "May's government", "Flight 1949": a name or a number
        start = ent.start
        if start > sent.start and doc[start - 1].lower_ in ("from", "between", "since", "in", "on", "during"):
            start -= 1
        spans.append(doc[start:ent.end])
    out = doc.user_data[key] = sorted(spans, key=lambda sp: sp.start)
    return out


def _year_modifier(sp: Span, pred: Token) -> bool:
    """A year that names another thing, not the event's time: "re-imposed sanctions and left the 2015 nuclear
    deal" (but "the 2003 invasion" dates the invasion)."""
    toks = [t for t in sp if not (t.is_punct or t.lower_ in ("the", "in", "on", "of"))]
    return len(toks) == 1 and toks[0].like_num and len(toks[0].text) == 4 and \
        toks[0].dep_ in ("compound", "nummod", "amod", "nmod") and toks[0].head.pos_ in ("NOUN", "PROPN") and \
        toks[0].head.ent_type_ != "DATE" and toks[0].head.i > toks[0].i and toks[0].head.i != pred.i


def _possessive(sp: Span, pred: Token) -> bool:
    """A date that owns a noun ("next week's meeting", "Sunday's vote") dates that noun, not the clause around it."""
    root = sp.root
    return root.dep_ == "poss" and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != pred.i


def doc_sents(doc) -> list:
    """The document's sentences, listed once (``doc.sents`` walks the whole document on every access)."""
    got = doc.user_data.get("detente_sents")
    if got is None:
        got = doc.user_data["detente_sents"] = list(doc.sents)
    return got


def lead_date(sent: Span, published: date | None, first: int = 4) -> EventDate | None:
    """The day the article's opening sentences name (within a week before publication): what its undated,
    past-tense events most likely share ("... on Wednesday" in the lede, "She urged ..." further down)."""
    if published is None:
        return None
    doc = sent.doc
    key = ("detente_lead_date", published.isoformat())
    if key not in doc.user_data:
        found = None
        sents = doc_sents(doc)[:first + 4]
        # a caption or teaser before the dateline ("CLOSE ... on Friday (May 10) AP") is not the lede: start at
        # the sentence a blanked dateline opens, when there is one
        def _after_dateline(s) -> bool:
            before = doc[s.start - 1] if s.start > 0 else None
            return (s[0].is_space and len(s[0].text) >= 3) or (
                before is not None and before.is_space and before.text.endswith("   "))

        opened = next((n for n, s in enumerate(sents) if n > 0 and _after_dateline(s)), 0)
        for n, s in enumerate(sents[opened:]):
            if n >= first:
                break
            if not any(t.pos_ in ("VERB", "AUX") for t in s):
                continue  # a header date line ("Sunday, February 21, 2016") is no lede
            found = next((g for sp in sentence_expressions(s) if (g := recent_day(sp, published))), None)
            if found:
                break
        doc.user_data[key] = found
    got = doc.user_data[key]
    return got if got is not None and sent.start > 0 else None


def _anchor(sent: Span, published: date | None, lookback: int = 3, *, past_only: bool = False) -> EventDate | None:
    """The latest resolvable date in the previous few sentences: what "the next day" counts from. With
    ``past_only``, a date of a future act ("a cease-fire is set to begin Sunday") is no anchor."""
    doc = sent.doc
    prev = []
    for s in doc_sents(doc):
        if s.start >= sent.start:
            break
        prev.append(s)
    for s in reversed(prev[-lookback:]):
        spans = [sp for sp in sentence_expressions(s) if not (past_only and is_future(_clause_of(sp)[0]))]
        got = [resolve_expression(sp.text, published) for sp in spans]
        got = [g for g in got if g and g.value and g.note is None and "/" not in g.value]
        if got:
            return got[-1]
    return None


def best_date(pred: Token, sent: Span, published: date | None, *, future: bool = False) -> EventDate | None:
    """The date the sentence gives for the event of ``pred``, or None when it gives none."""
    future = future or is_future(pred)
    anchor: EventDate | None = None
    anchor_done = False
    best: tuple[int, int, EventDate] | None = None
    for sp in sentence_expressions(sent):
        score = _score(sp, pred)
        if score is None or _year_modifier(sp, pred) or _possessive(sp, pred):
            continue
        got = resolve_expression(sp.text, published, future=future)
        if got is None and not anchor_done:
            anchor, anchor_done = _anchor(sent, published), True
        if got is None and anchor is not None:
            got = resolve_expression(sp.text, published, future=future, anchor=anchor)
        if got is None or got.value is None:
            continue
        if got.note == "since" and not _perfect(pred):
            continue
        key = (score, abs(sp.start - pred.i))
        if best is None or key < best[:2]:
            best = (key[0], key[1], got)
    return best[2] if best else None


def recent_day(sp: Span, published: date) -> EventDate | None:
    """The day a date expression names when it is a day of the past week, told of the past ("on Wednesday",
    "yesterday"; not "a cease-fire is set to begin Sunday"), else None."""
    if is_future(_clause_of(sp)[0]):
        return None
    got = resolve_expression(sp.text, published)
    if got is None or not got.value or got.precision != "day" or got.note is not None or \
            got.value > published.isoformat() or (published - date.fromisoformat(got.value)).days > 7:
        return None
    return got


def main_day(sent: Span, published: date) -> EventDate | None:
    """The past day the sentence's main clause is dated by ("Trump on Wednesday struck a cautious note, ... the
    Sept. 14 strikes" -> Wednesday), or None: what the next sentence, with no date of its own, runs on from."""
    root = sent.root
    if is_future(root):
        return None
    days = [(score, got) for score, sp in _main_clause_expressions(sent) if (got := recent_day(sp, published))]
    return min(days, key=lambda x: x[0])[1] if days else None


def _main_clause_expressions(sent: Span) -> list[tuple[int, Span]]:
    """(how closely it belongs, expression) for the date expressions that belong to the sentence's main clause."""
    root = sent.root
    return [(score, sp) for sp in sentence_expressions(sent) if (score := _score(sp, root)) is not None]


def main_past_date(sent: Span, published: date | None) -> EventDate | None:
    """The date a sentence's main clause, told in the past, is dated by ("In 1999, President Clinton bombed
    Yugoslavia" -> 1999; "Last month, the Commerce Department blocked ..." -> that month), or None: what a past
    event told next, with no date of its own, continues ("The air campaign killed some 500 civilians")."""
    root = sent.root
    if is_future(root) or not (root.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in root.children)):
        return None
    dated = []
    for score, sp in _main_clause_expressions(sent):
        if _year_modifier(sp, root) or _possessive(sp, root):
            continue
        got = resolve_expression(sp.text, published)
        if got is None or not got.value or got.note is not None or (published is None and got.basis != "explicit"):
            continue
        dated.append((score, abs(sp.start - root.i), got))
    return min(dated, key=lambda x: x[:2])[2] if dated else None


def own_day(pred: Token, sent: Span, published: date) -> EventDate | None:
    """The one past day another clause of the sentence names ("In a statement issued Monday evening, Kerry
    defended ..."), for an event with no date of its own; None when it names none, or more than one day."""
    days = [(abs(sp.start - pred.i), got) for sp in sentence_expressions(sent)
            if (got := recent_day(sp, published)) is not None]
    if not days or len({g.value for _, g in days}) > 1:
        return None
    return min(days, key=lambda x: x[0])[1]
