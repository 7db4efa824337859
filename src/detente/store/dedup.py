"""Merge mentions of one happening into events, and find reprints of one article.

Two mentions report the same happening when they share the block (source code, target code, CAMEO root,
modality), their dates are compatible (the periods they cover, widened by ``DAY_SLACK`` days, overlap) and
their evidence sentences are similar (MinHash Jaccard of content words >= ``EVIDENCE_JACCARD``). A new
mention joins the most similar such event (ties: the smallest cluster id), or founds one whose id is its own
event id. Clustering runs at ``add`` time, article by article in input order, so one run and a run resumed
after a crash give the same events. Reprints: an article whose text has the same content hash as a stored
one, or a MinHash Jaccard of word 3-grams >= ``COPY_JACCARD`` and a publication date at most ``COPY_DAYS``
apart, is a copy and counts once.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from datasketch import LeanMinHash, MinHash

SEED = 17
SCHEME = "affine32"
EVIDENCE_PERM = 64
TEXT_PERM = 128
EVIDENCE_JACCARD = 0.05
COPY_JACCARD = 0.80
COPY_DAYS = 3
DAY_SLACK = 2
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("""a an the of to in on at by for from with and or but as is are was were be been being has have
had it its this that these those he she they his her their them we our you your i said says say told tells
will would could should may might must not no than then there here who whom which what when where while also
after before over under into about against between during up down out more most very just so such""".split())


def _words(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


def evidence_tokens(sentence: str) -> set[bytes]:
    """Content words of an evidence sentence (short function words dropped)."""
    return {w.encode() for w in _words(sentence) if w not in _STOP and len(w) > 1} or {b"-"}


def text_tokens(text: str) -> set[bytes]:
    """Word 3-grams of an article text."""
    w = _words(text)
    if len(w) < 3:
        return {" ".join(w).encode()}
    return {" ".join(w[i:i + 3]).encode() for i in range(len(w) - 2)}


def minhashes(token_sets: list[set[bytes]], num_perm: int) -> list[bytes]:
    """MinHash signatures as bytes (stored with the rows)."""
    if not token_sets:
        return []
    return [m.hashvalues.astype(np.uint32).tobytes()
            for m in MinHash.bulk(token_sets, num_perm=num_perm, seed=SEED, scheme=SCHEME)]


def load(sig: bytes | None) -> LeanMinHash | None:
    if not sig:
        return None
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(bytes(sig), dtype=np.uint32), scheme=SCHEME)


def jaccard(a: LeanMinHash | None, b: LeanMinHash | None) -> float:
    if a is None or b is None or len(a) != len(b):
        return 0.0
    return float(a.jaccard(b))


def period(value: str | None, fallback: date | None = None) -> tuple[date, date] | None:
    """The first and last day an event date covers ("2016-02" -> Feb 1..29); the fallback day if none."""
    if value:
        try:
            a, _, b = value.partition("/")
            lo, hi = _bounds(a)
            if b:
                hi = _bounds(b)[1]
            return lo, hi
        except ValueError:
            pass
    return (fallback, fallback) if fallback else None


def _bounds(s: str) -> tuple[date, date]:
    if len(s) == 4:
        y = int(s)
        return date(y, 1, 1), date(y, 12, 31)
    if len(s) == 7:
        y, m = int(s[:4]), int(s[5:7])
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    d = date.fromisoformat(s[:10])
    return d, d


def compatible(p: tuple[date, date] | None, q: tuple[date, date] | None, slack: int = DAY_SLACK) -> bool:
    """Whether two date periods, widened by ``slack`` days, overlap (an unknown date fits any)."""
    if p is None or q is None:
        return True
    s = timedelta(days=slack)
    return p[0] - s <= q[1] and q[0] - s <= p[1]


@dataclass
class Member:
    """What clustering needs to know about one mention."""

    event_id: str
    cluster_id: str
    block: tuple
    period: tuple[date, date] | None
    sig: LeanMinHash | None
    article_id: str


@dataclass
class Doc:
    """What reprint detection needs to know about one article."""

    article_id: str
    content_hash: str
    canonical: str
    sig: LeanMinHash | None
    published: date | None = None


@dataclass
class Clusterer:
    """Incremental clustering over the mentions and articles a batch can touch."""

    evidence_jaccard: float = EVIDENCE_JACCARD
    copy_jaccard: float = COPY_JACCARD
    slack: int = DAY_SLACK
    blocks: dict[tuple, list[Member]] = field(default_factory=dict)
    docs: dict[str, Doc] = field(default_factory=dict)

    def know(self, m: Member) -> None:
        self.blocks.setdefault(m.block, []).append(m)

    def know_doc(self, d: Doc) -> None:
        self.docs[d.article_id] = d

    def canonical(self, article_id: str, content_hash: str, sig: LeanMinHash | None,
                  published: date | None = None) -> str | None:
        """The article this one is a copy of (its canonical id), or None for an original."""
        best: tuple[float, str] | None = None
        for d in sorted(self.docs.values(), key=lambda d: d.article_id):
            if d.article_id == article_id:
                continue
            if d.content_hash == content_hash:
                s = 1.0
            elif published and d.published and abs((published - d.published).days) > COPY_DAYS:
                continue
            else:
                s = jaccard(sig, d.sig)
            if s >= self.copy_jaccard and (best is None or (-s, d.canonical) < (-best[0], best[1])):
                best = (s, d.canonical)
        return best[1] if best else None

    def assign(self, event_id: str, block: tuple | None, per: tuple[date, date] | None,
               sig: LeanMinHash | None, article_id: str) -> str:
        """The cluster id for a new mention (and remember it)."""
        if block is None:  # no source or no target code: an event of its own
            return event_id
        scores: dict[str, float] = {}
        for m in self.blocks.get(block, ()):
            if m.event_id == event_id or not compatible(per, m.period, self.slack):
                continue
            s = jaccard(sig, m.sig)
            if s >= self.evidence_jaccard and s > scores.get(m.cluster_id, -1.0):
                scores[m.cluster_id] = s
        cid = min(scores, key=lambda c: (-scores[c], c)) if scores else event_id
        self.know(Member(event_id, cid, block, per, sig, article_id))
        return cid


def block_of(row: dict) -> tuple | None:
    """The block key of a mention row, or None when an actor code is missing."""
    if not row.get("source_code") or not row.get("target_code"):
        return None
    return (row["source_code"], row["target_code"], row["cameo_root"], row["modality"])


PRECISION_RANK = {"day": 0, "span": 1, "month": 2, "year": 3}
BASIS_RANK = {"explicit": 0, "relative": 1, "publication": 2}


def representative_key(r: dict):
    """Sort key: the first row is the mention that represents its event."""
    return (-(r.get("confidence") or 0.0), BASIS_RANK.get(r.get("date_basis"), 3),
            PRECISION_RANK.get(r.get("date_precision"), 4), r.get("published") or date.max, r["event_id"])


def summarise(cluster_id: str, rows: list[dict]) -> dict:
    """The events-table row for one cluster's mention rows (each with article copy_of, outlet, published)."""
    rep = min(rows, key=representative_key)
    days = [r["day"] for r in rows if r.get("day")]
    pubs = [r["published"] for r in rows if r.get("published")]
    return {
        "cluster_id": cluster_id, "rep_event_id": rep["event_id"], "source_code": rep["source_code"],
        "target_code": rep["target_code"], "cameo_root": rep["cameo_root"], "modality": rep["modality"],
        "day_first": min(days) if days else None, "day_last": max(days) if days else None,
        "first_report": min(pubs) if pubs else None, "last_report": max(pubs) if pubs else None,
        "n_mentions": len(rows), "n_articles": len({r.get("copy_of") or r["article_id"] for r in rows}),
        "n_outlets": len({r["outlet"] for r in rows if r.get("outlet")}),
    }
