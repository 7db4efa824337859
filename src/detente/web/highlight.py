"""Cut a text into pieces marked by the spans that cover them (for highlighting; templates escape the pieces)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Piece:
    """A run of text and the labels of the spans covering it."""

    text: str
    labels: list = field(default_factory=list)

    def has(self, kind: str) -> bool:
        return any(lab[0] == kind for lab in self.labels)

    def ids(self, kind: str) -> list:
        return [lab[1] for lab in self.labels if lab[0] == kind]


def pieces(text: str, spans: list[tuple[int, int, tuple]]) -> list[Piece]:
    """Split ``text`` at every span boundary; each piece lists the labels (kind, id) of the spans over it."""
    n = len(text)
    good = [(max(0, s), min(n, e), lab) for s, e, lab in spans if s is not None and e is not None and s < e]
    cuts = sorted({0, n, *(s for s, _, _ in good), *(e for _, e, _ in good)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        labs = [lab for s, e, lab in good if s <= a and b <= e]
        out.append(Piece(text[a:b], labs))
    return out


def _find(sentence: str, words: str | None, near: int) -> tuple[int, int] | None:
    """Where ``words`` occur in ``sentence``, the occurrence nearest ``near``."""
    if not words:
        return None
    hits, i = [], sentence.find(words)
    while i >= 0:
        hits.append(i)
        i = sentence.find(words, i + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - near))
    return best, best + len(words)


def evidence(record: dict) -> list[Piece]:
    """The evidence sentence of an EVENTS.md record with its source actor, trigger and target marked."""
    sent = record.get("sentence") or ""
    base = (record.get("span") or [0, 0])[0]
    spans = []
    ts = record.get("trigger_span")
    if ts:
        trig = (ts[0] - base, ts[1] - base)
    else:
        trig = _find(sent, record.get("trigger"), 0)
    near = trig[0] if trig else 0
    if trig and 0 <= trig[0] < trig[1] <= len(sent):
        spans.append((trig[0], trig[1], ("trigger", None)))
    for role in ("source", "target"):
        actor = record.get(role) or {}
        hit = _find(sent, actor.get("text"), near)
        if hit:
            spans.append((hit[0], hit[1], (role, None)))
    return pieces(sent, spans)


def article(text: str, records: list[dict]) -> list[Piece]:
    """The article text with every event's sentence ("event", index) and trigger ("trigger", index) marked."""
    spans = []
    for i, r in enumerate(records):
        sp = r.get("span")
        if sp:
            spans.append((sp[0], sp[1], ("event", i)))
        ts = r.get("trigger_span")
        if ts:
            spans.append((ts[0], ts[1], ("trigger", i)))
    return pieces(text, spans)
