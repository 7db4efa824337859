"""When was an article written? Infer it from the clues in its text, and judge the date the article carries.

``infer_date(evidence)`` adds up the writing dates each clue allows (``evidence.py``): every day from 1946 to
next year gets the summed weight of the clues that allow it. The best-scoring run of days is the window; the
inference stands only when

- the window is at most ``MAX_WINDOW`` days wide,
- it beats every day further than ``APART`` days from it by at least ``MIN_MARGIN`` (a day and month without a
  year ties every year: it needs a clue that picks the year),
- a clue that fixes a month or a day supports it,
- and clues from at least two sentences tell it from its best rival, or one strong clue does (a tweet, a
  dateline, a weekday with its date); the latest day and year told count with the sentence they come from.

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
from .evidence import MAX_DAY, MIN_DAY, Evidence, _short, article_evidence

MAX_WINDOW = 62      # days: wider is a season, not a date
APART = 45           # days: a rival window this far away or more
MIN_MARGIN = 1.0     # summed weight the window must lead its rivals by
MIN_SENTENCES = 2    # sentences whose clues tell the window from its best rival ...
STRONG = 1.25        # ... unless one clue is this strong (a tweet, a dateline, "Friday, Sept. 27, 2019")
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
    ``precision``: "day" (a window of a week or less) or "month"; ``confidence``: 0..1 from the margin;
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


def infer_date(evidence: list[Evidence] | tuple[Evidence, ...]) -> DateInference:
    """The writing date the clues point to, with its window and confidence, or None with the reason."""
    items = _dedupe(evidence)
    if not items:
        return DateInference(None, reason="the text gives no clue to when it was written", evidence=())
    s = scores(items)
    best = float(s.max())
    if best <= 0:
        return DateInference(None, reason="the text gives no clue to when it was written", evidence=tuple(items))
    top = np.flatnonzero(s >= best - 1e-9)
    runs = np.split(top, np.flatnonzero(np.diff(top) > 1) + 1)
    main = runs[-1]  # the latest of equal runs: a text is written after what it tells
    lo, hi = _day(main[0]), _day(main[-1])
    rivals = s.copy()
    rivals[max(main[0] - APART, 0):main[-1] + APART + 1] = -np.inf
    alt = float(rivals.max()) if np.isfinite(rivals).any() else 0.0
    margin = best - max(alt, 0.0)
    point = min(lo + timedelta(days=OFFSET), hi)
    support = tuple(ev for ev in items if _allows(ev, point))
    confidence = round(1 - 0.5 ** (margin / MIN_MARGIN), 2)
    base = dict(lo=lo, hi=hi, confidence=confidence, margin=round(margin, 2), support=support,
                evidence=tuple(items))
    if margin < MIN_MARGIN:
        rival = _day(int(np.argmax(rivals))) if np.isfinite(rivals).any() else None
        why = (f"the clues fit {rival} as well as {lo}..{hi} (margin {margin:.1f}): nothing in the text tells "
               "them apart" if rival and margin < 0.5
               else f"the clues point to {lo}..{hi} but not clearly (margin {margin:.1f} < {MIN_MARGIN})")
        return DateInference(None, **base, reason=why)
    if (hi - lo).days > MAX_WINDOW:
        return DateInference(None, **base, reason=f"the clues narrow it to {lo}..{hi} only, wider than "
                                                  f"{MAX_WINDOW} days")
    if not any(ev.precise for ev in support):
        return DateInference(None, **base, reason=f"the window {lo}..{hi} rests on no clue that names a day or "
                                                  "month near it")
    rival = _day(int(np.argmax(rivals))) if np.isfinite(rivals).any() else None
    telling = [ev for ev in support if rival is None or _weight(ev, point) > _weight(ev, rival)]
    strong = [ev for ev in telling if _weight(ev, point) - (_weight(ev, rival) if rival else 0.0) >= STRONG]
    if len({ev.sentence for ev in telling}) < MIN_SENTENCES and not strong:
        return DateInference(None, **base, reason=f"only one sentence tells {lo}..{hi} from {rival} "
                                                  f"(\"{_short(telling[0].sentence) if telling else ''}\")")
    precision = "day" if (hi - lo).days <= 7 else "month"
    return DateInference(point, precision=precision, **base,
                         reason=f"{len(support)} clues agree on {lo}..{hi}, leading any other window by "
                                f"{margin:.1f}")


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
