"""When was an article written? Infer it from the clues in its text, and judge the date the article carries.

``infer_date(evidence)`` adds up the writing dates each clue allows (``evidence.py``): every day from 1946 to
next year gets the summed weight of the clues that allow it. The best-scoring run of days is the window
(``candidate``). It can stand only when

- it is not a tie: it beats every day further than ``APART`` days from it by at least half a clue (a day and month
  without a year ties every year: it needs a clue that picks the year),
- the window is at most ``MAX_WINDOW`` days wide,
- and a clue that fixes a month or a day supports it;

then the gate (``gate.py``, a logistic regression learned from articles whose date is known) gives the chance
that the window lies within a month of the true date, from how far it leads, how many clues and sentences tell
it apart from its best rival and of which kinds, and it stands when the chance reaches the gate's threshold.
Otherwise there is no inference, and the reason says what is missing: a wrong inference is worse than none.

``judge_published(inference, evidence, published)`` says whether the article's own date is ruled out beyond
doubt: the inference stands, the date lies well outside the window, and hard clues (bounds, not "probably soon
after") from at least two sentences exclude it, or a tweet or dateline well after it does, or a weekday with its
date ("Tuesday, March 1") that does not fall on that weekday within ten months of it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from ..actors.kb import ActorKB
from .evidence import MAX_DAY, MIN_DAY, Evidence, article_evidence
from .gate import Gate

MAX_WINDOW = 62      # days: wider is a season, not a date
APART = 45           # days: a rival window this far away or more
TIE = 0.5            # summed weight under which the window does not lead its best rival at all
OFFSET = 2           # days after the window opens (a day before the latest date told) the article is taken to be
FAR = 45             # days: a published date this far outside the window is contradicted, if hard clues agree
HARD_MARGIN = 2.0    # hard weight by which the window must lead the published date
MIN_AGAINST = 2      # sentences whose hard clues exclude the published date ...
STRONG_ALONE = 2.5   # ... or one tweet or dateline dated well after it, or a weekday and date that rule it out
_N = (MAX_DAY - MIN_DAY).days + 1


@dataclass(frozen=True)
class DateInference:
    """The inferred writing date of an article, or why there is none.

    ``value``: the date events are re-anchored to (None: not enough evidence); ``lo``..``hi``: the window;
    ``precision``: "day" (a window of a week or less) or "month"; ``confidence``: the gate's probability;
    ``support``: the clues that allow the window; ``reason``: one line on how it was decided.
    """

    value: date | None
    lo: date | None = None
    hi: date | None = None
    precision: str | None = None
    confidence: float = 0.0
    margin: float = 0.0
    support: tuple[Evidence, ...] = ()
    evidence: tuple[Evidence, ...] = field(default=(), repr=False)
    reason: str = ""

    def window(self) -> str:
        return f"{self.lo}..{self.hi}" if self.lo else "none"

    def explain(self, n: int = 3) -> str:
        """The inference with its strongest clues, for a warning."""
        best = sorted(self.support, key=lambda e: -max(iv.weight for iv in e.intervals))[:n]
        clues = "; ".join(e.describe() for e in best)
        return (f"inferred {self.value} (window {self.window()}, confidence {self.confidence:.2f}) from "
                f"{len(self.support)} clue(s): {clues}")


@dataclass(frozen=True)
class Judgement:
    """Whether an article's own date stands against its text.

    ``status``: "consistent", "contradicted" (beyond doubt: re-anchor) or "doubtful" (warn, keep the date);
    ``against``: the clues that exclude the published date.
    """

    status: str
    against: tuple[Evidence, ...] = ()
    reason: str = ""


def _index(d: date) -> int:
    return min(max((d - MIN_DAY).days, 0), _N - 1)


def _day(i: int) -> date:
    return MIN_DAY + timedelta(days=int(i))


def scores(evidence: list[Evidence] | tuple[Evidence, ...], *, hard_only: bool = False) -> np.ndarray:
    """The summed weight of the clues that allow each day from ``MIN_DAY`` to ``MAX_DAY``."""
    diff = np.zeros(_N + 1)
    for ev in evidence:
        for iv in ev.intervals:
            if hard_only and not iv.hard:
                continue
            a, b = _index(iv.lo), _index(iv.hi)
            if b >= a:
                diff[a] += iv.weight
                diff[b + 1] -= iv.weight
    return np.cumsum(diff)[:_N]


def _dedupe(evidence) -> list[Evidence]:
    """One clue per kind and meaning: a date told three times is one clue."""
    seen: dict[tuple[str, str], Evidence] = {}
    for ev in evidence:
        seen.setdefault((ev.kind, ev.note), ev)
    return list(seen.values())


def _allows(ev: Evidence, d: date, *, hard_only: bool = False, grace: int = 0) -> bool:
    g = timedelta(days=grace)
    return any(iv.lo - g <= d <= iv.hi + g for iv in ev.intervals if iv.hard or not hard_only)


def _weight(ev: Evidence, d: date) -> float:
    return sum(iv.weight for iv in ev.intervals if iv.lo <= d <= iv.hi)


@dataclass(frozen=True)
class Candidate:
    """The best-scoring window of writing dates, before any gate: what ``infer_date`` accepts or refuses."""

    lo: date
    hi: date
    point: date
    best: float
    margin: float
    rival: date | None
    support: tuple[Evidence, ...]
    telling: tuple[Evidence, ...]
    strength: float          # the most weight one telling clue gives the window over the rival
    items: tuple[Evidence, ...]

    @property
    def width(self) -> int:
        return (self.hi - self.lo).days


def candidate(evidence: list[Evidence] | tuple[Evidence, ...]) -> Candidate | None:
    """The best-scoring run of days (the latest of equal runs: a text is written after what it tells), its best
    rival at least ``APART`` days away, and the clues that allow it and tell it from the rival; None when no clue
    allows any day."""
    items = _dedupe(evidence)
    if not items:
        return None
    s = scores(items)
    best = float(s.max())
    if best <= 0:
        return None
    top = np.flatnonzero(s >= best - 1e-9)
    runs = np.split(top, np.flatnonzero(np.diff(top) > 1) + 1)
    main = runs[-1]
    lo, hi = _day(main[0]), _day(main[-1])
    rivals = s.copy()
    rivals[max(main[0] - APART, 0):main[-1] + APART + 1] = -np.inf
    alt = float(rivals.max()) if np.isfinite(rivals).any() else 0.0
    rival = _day(int(np.argmax(rivals))) if np.isfinite(rivals).any() else None
    point = min(lo + timedelta(days=OFFSET), hi)
    support = tuple(ev for ev in items if _allows(ev, point))
    telling = tuple(ev for ev in support if rival is None or _weight(ev, point) > _weight(ev, rival))
    strength = max((_weight(ev, point) - (_weight(ev, rival) if rival else 0.0) for ev in telling), default=0.0)
    return Candidate(lo, hi, point, best, best - max(alt, 0.0), rival, support, telling, strength, tuple(items))


def infer_date(evidence: list[Evidence] | tuple[Evidence, ...], gate: Gate | None = None) -> DateInference:
    """The writing date the clues point to, with its window and confidence, or None with the reason.

    The window must be at most ``MAX_WINDOW`` days wide and rest on a clue that names a day or month near it;
    then the gate (``gate.py``, learned from articles with known dates) gives the chance that it lies within a
    month of the true date, and the inference stands when that chance reaches the gate's threshold."""
    c = candidate(evidence)
    if c is None:
        return DateInference(None, reason="the text gives no clue to when it was written",
                             evidence=tuple(_dedupe(evidence)))
    gate = gate or Gate.load()
    p = gate.probability(c)
    base = dict(lo=c.lo, hi=c.hi, confidence=round(p, 2), margin=round(c.margin, 2), support=c.support,
                evidence=c.items)
    if c.margin < TIE and c.rival is not None:
        return DateInference(None, **base, reason=f"the clues fit {c.rival} as well as {c.lo}..{c.hi} (margin "
                                                  f"{c.margin:.1f}): nothing in the text tells them apart")
    if c.width > MAX_WINDOW:
        return DateInference(None, **base, reason=f"the clues narrow it to {c.lo}..{c.hi} only, wider than "
                                                  f"{MAX_WINDOW} days")
    if not any(ev.precise for ev in c.support):
        return DateInference(None, **base, reason=f"the window {c.lo}..{c.hi} rests on no clue that names a day "
                                                  "or month near it")
    if p < gate.threshold:
        lead = f"over {c.rival}" if c.rival else "alone"
        return DateInference(None, **base, reason=f"the clues point to {c.lo}..{c.hi} ({len(c.telling)} clue(s) in "
                                                  f"{len({ev.sentence for ev in c.telling})} sentence(s), margin "
                                                  f"{c.margin:.1f} {lead}), but the gate gives it {p:.2f} < "
                                                  f"{gate.threshold:.2f}")
    precision = "day" if c.width <= 7 else "month"
    return DateInference(c.point, precision=precision, **base,
                         reason=f"{len(c.support)} clues agree on {c.lo}..{c.hi}, leading any other window by "
                                f"{c.margin:.1f}; the gate gives it {p:.2f}")


def infer_article_date(text: str, kb: ActorKB | None = None) -> DateInference:
    """``infer_date`` over the clues of ``text`` (``evidence.article_evidence``)."""
    return infer_date(article_evidence(text, kb))


def judge_published(inference: DateInference, published: date, evidence=None) -> Judgement:
    """Whether the text rules the article's own date out: "contradicted" beyond doubt, "doubtful", "consistent"."""
    items = _dedupe(evidence if evidence is not None else inference.evidence)
    against = tuple(ev for ev in items if any(iv.hard for iv in ev.intervals)
                    and not _allows(ev, published, hard_only=True, grace=14))
    if not against:
        return Judgement("consistent", (), "no hard clue excludes the published date")
    if inference.value is not None and inference.lo is not None:
        far = (inference.lo - published).days > FAR or (published - inference.hi).days > FAR
        hard = scores(items, hard_only=True)
        lead = float(hard[_index(inference.value)] - hard[_index(published)])
        total = scores(items)
        lead_all = float(total[_index(inference.value)] - total[_index(published)])
        agree = [ev for ev in against if _allows(ev, inference.value, hard_only=True, grace=14)
                 and ev.note.find("(in a photo gallery)") < 0]  # a gallery's captions do not re-date its page
        sentences = {ev.sentence for ev in agree}
        # a tweet or dateline dated well after the article's date, or a weekday and date ("Tuesday, March 1")
        # that does not fall on that weekday near it, is enough alone
        sure = any(ev.precise and not ev.quoted and (
            (ev.kind == "caption" and max(iv.weight for iv in ev.intervals) >= STRONG_ALONE)
            or ev.kind == "weekday_date") for ev in agree)
        if far and lead_all >= HARD_MARGIN + 1 and (
                (lead >= HARD_MARGIN and len(sentences) >= MIN_AGAINST) or (sure and lead >= 1.0)):
            return Judgement("contradicted", against,
                             f"{len(sentences)} sentences rule {published} out and agree on {inference.window()}")
    return Judgement("doubtful", against, f"{len(against)} clue(s) exclude {published}, not enough to re-date")
