"""Attribution: who says an event happened ("X said", "according to Y", "officials told the Journal")."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

SPEECH_VERBS = {"say", "tell", "report", "announce", "state", "add", "claim", "note", "confirm", "declare",
                "write", "quote", "cite", "explain", "insist", "stress", "reiterate", "assert", "comment",
                "disclose", "reveal", "indicate", "acknowledge", "admit", "argue", "maintain", "suggest",
                "remark", "tweet", "post", "mention", "testify", "brief", "inform", "carry", "publish"}
OUTLETS = {
    "journal": "The Wall Street Journal", "the journal": "The Wall Street Journal",
    "wall street journal": "The Wall Street Journal", "the wall street journal": "The Wall Street Journal",
    "wsj": "The Wall Street Journal", "new york times": "The New York Times", "the new york times": "The New York Times",
    "the times": "The New York Times", "washington post": "The Washington Post",
    "the washington post": "The Washington Post", "the post": "The Washington Post", "reuters": "Reuters",
    "ap": "Associated Press", "the associated press": "Associated Press", "associated press": "Associated Press",
    "afp": "Agence France-Presse", "agence france-presse": "Agence France-Presse", "kcna": "KCNA",
    "korean central news agency": "KCNA", "yonhap": "Yonhap", "xinhua": "Xinhua", "tass": "TASS",
    "ria": "RIA Novosti", "ria novosti": "RIA Novosti", "interfax": "Interfax", "cnn": "CNN", "bbc": "BBC",
    "nbc": "NBC News", "cbs": "CBS News", "abc": "ABC News", "fox news": "Fox News", "npr": "NPR",
    "kyodo": "Kyodo News", "nhk": "NHK", "bloomberg": "Bloomberg", "the guardian": "The Guardian",
    "guardian": "The Guardian", "financial times": "Financial Times", "al jazeera": "Al Jazeera",
    "irna": "IRNA", "fars": "Fars", "tasnim": "Tasnim", "press tv": "Press TV", "sputnik": "Sputnik",
    "rodong sinmun": "Rodong Sinmun", "global times": "Global Times", "people's daily": "People's Daily",
    "politico": "Politico", "axios": "Axios", "the hill": "The Hill", "usa today": "USA TODAY",
    "cctv": "CCTV", "state media": None, "state television": None,
}


@dataclass
class Said:
    """A reporting clause found for a predicate."""

    verb: Token | None
    speaker: Span | None
    text: str
    outlet: str | None


def outlet_in(span_text: str) -> str | None:
    """The outlet a phrase names, if any ("the Journal" -> The Wall Street Journal)."""
    low = " ".join(span_text.lower().split()).strip(" ,.")
    if low in OUTLETS:
        return OUTLETS[low]
    for key in sorted(OUTLETS, key=len, reverse=True):
        if OUTLETS[key] and (f" {key} " in f" {low} ") and len(key) > 3:
            return OUTLETS[key]
    for key in ("kcna", "yonhap", "xinhua", "tass", "ria", "afp", "ap", "reuters", "irna", "wsj"):
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


def attribution_for(pred: Token, sent: Span) -> Said | None:
    """The reporting clause that carries ``pred``, or None when the sentence asserts it directly."""
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
        if head is cur:
            break
        if head.lemma_.lower() in SPEECH_VERBS and cur.dep_ in ("ccomp", "parataxis", "conj", "advcl", "xcomp",
                                                                  "dobj"):
            speaker, text, outlet = _clause_text(head, cur)
            if speaker is not None or outlet:
                return Said(head, speaker, text, outlet)
        cur = head
    # the predicate governs the speech verb: "Pyongyang declined, officials told the Journal" (parataxis child)
    for c in pred.children:
        if c.lemma_.lower() in SPEECH_VERBS and c.dep_ in ("parataxis", "ccomp", "advcl", "conj") and c.i > pred.i:
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
        after = [t for t in sent if t.i > v.right_edge.i and not (t.is_punct or t.is_space)]
        if after:
            continue
        speaker, text, outlet = _clause_text(v, pred if pred in v.subtree else None)
        if speaker is not None:
            return Said(v, speaker, text, outlet)
    return None
