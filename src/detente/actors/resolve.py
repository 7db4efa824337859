"""Resolve actor mentions in a parsed document against the knowledge base, with reasons."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..model import Actor
from .kb import ActorKB, Entry, role_on, split_code

FORMER = {"former", "ex", "ex-", "erstwhile", "onetime", "then-"}
PRONOUNS = {"it", "he", "she", "they", "its", "his", "her", "their", "we", "i"}
ANAPHORS = {"the country", "the nation", "the regime", "the government", "the north", "the south",
            "the reclusive nation", "the reclusive state", "the isolated nation", "the communist state",
            "the kingdom", "the islamic republic"}


@dataclass
class Mention:
    """A knowledge-base phrase found in the document."""

    start: int
    end: int
    entries: list[Entry]

    @property
    def entry(self) -> Entry:
        return self.entries[0]


class ActorResolver:
    """Finds KB phrases in a Doc and turns noun phrases into Actors."""

    def __init__(self, kb: ActorKB, nlp):
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.sector_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = list(kb.phrases)
        for i in range(0, len(phrases), 5000):
            chunk = phrases[i:i + 5000]
            docs = list(nlp.tokenizer.pipe(chunk))
            for phrase, d in zip(chunk, docs):
                variants = [d]
                if phrase[:1].islower():
                    variants.append(nlp.tokenizer(phrase[:1].upper() + phrase[1:]))
                elif phrase.startswith("the "):
                    variants.append(nlp.tokenizer("The " + phrase[4:]))
                self.matcher.add(phrase, variants)
        words = list(kb.sectors)
        for w, d in zip(words, nlp.tokenizer.pipe(words)):
            self.sector_matcher.add(kb.sectors[w], [d])

    def mentions(self, doc: Doc) -> list[Mention]:
        """Longest non-overlapping KB mentions, in order."""
        found = []
        for match_id, start, end in self.matcher(doc):
            phrase = doc.vocab.strings[match_id]
            # "the X" phrases also match without "the" via their own entries; skip bare lowercase common words
            if doc[start:end].text.islower() and end - start == 1 and len(doc[start].text) <= 3:
                continue
            found.append((start, end, phrase))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out: list[Mention] = []
        last_end = -1
        for start, end, phrase in found:
            if start < last_end:
                continue
            entries = self.kb.phrases.get(phrase, [])
            if entries:
                out.append(Mention(start, end, entries))
                last_end = end
        return out

    def sectors_in(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, sector) role-word matches, longest first at each position."""
        got = sorted(((s, e, doc.vocab.strings[m]) for m, s, e in self.sector_matcher(doc)),
                     key=lambda m: (m[0], -(m[1] - m[0])))
        out, last = [], -1
        for s, e, sec in got:
            if s >= last:
                out.append((s, e, sec))
                last = e
        return out

    def actor_for(self, span: Span, mentions: list[Mention], sectors: list[tuple[int, int, str]],
                  on: date | None) -> Actor | None:
        """The actor a noun phrase names, or None when it names no known actor."""
        inside = [m for m in mentions if m.start >= span.start and m.end <= span.end]
        text = span.text
        if not inside:
            return None
        root = span.root

        def hops(m: Mention) -> int:
            best = 99
            for t in span.doc[m.start:m.end]:
                n, cur = 0, t
                while cur.i != root.i and n < 20:
                    if cur.dep_ in ("relcl", "acl", "advcl", "ccomp") and cur.i != t.i:
                        n += 10
                    cur = cur.head
                    n += 1
                best = min(best, n)
            return best

        m = min(inside, key=lambda m: (hops(m), m.start))
        return self.actor_from_mention(m, span, sectors, on, text=text)

    def actor_from_mention(self, m: Mention, span: Span | None, sectors, on: date | None,
                           text: str | None = None) -> Actor:
        doc_text = text or (span.text if span is not None else "")
        e = m.entry
        reason = f"'{e.name}' is a {e.kind}"
        if e.kind == "person":
            code, why = role_on(e, on)
            country, sector = split_code(code) if code else (None, None)
            if span is not None and any(t.lower_ in FORMER for t in span) and sector != "ELI" and country:
                sector, code, why = "ELI", country + "ELI", why + "; text says 'former'"
            return Actor(code, country, sector, e.name, doc_text or e.name, reason=f"{reason}: {why}")
        country, sector = e.country, e.sector
        if span is not None:
            role = [s for s in sectors if s[0] >= span.start and s[1] <= span.end
                    and not (s[0] < m.end and s[1] > m.start)]
            if role:
                former = any(t.lower_ in FORMER for t in span)
                # The sector word nearest the head of the phrase wins.
                s = min(role, key=lambda s: abs(s[1] - 1 - span.root.i))
                if e.kind in ("country", "demonym", "metonym") or e.sector is None:
                    sector = "ELI" if former else s[2]
                    reason += f"; role word '{span.doc[s[0]:s[1]].text}' -> {sector}"
        if e.kind == "country" or e.kind == "demonym":
            code = (country or "") + (sector or "")
        elif e.kind == "metonym":
            code = (country or "") + (sector or "GOV")
            sector = sector or "GOV"
        else:
            code = e.code if sector == e.sector else (country or "") + (sector or "")
        return Actor(code or None, country, sector, e.name, doc_text, reason=reason)


def noun_phrase(tok: Token) -> Span:
    """The noun phrase headed by ``tok``: its subtree, cut before relative clauses and appositions."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep") and child.dep_ != "prep":
            break
        if child.dep_ == "prep" and child.lower_ not in ("of",):
            break
        right = child.right_edge.i
    return doc[left:right + 1]
