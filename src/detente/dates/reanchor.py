"""Re-date an article's events from the date its text was written, when its own date is missing or ruled out.

``date_article`` runs after an article is coded: it infers the writing date (``infer.py``), judges the
article's date against it, and where the article has no date, or the text rules it out beyond doubt, codes
the article again with the inferred date, so that every relative expression ("on Sunday", "last week", the
lede's day) and every dated role is reckoned from it. The events then say ``date_basis: "inferred"`` (a date
named with its year stays ``explicit``); when the inference fixes only the month, their dates are cut to the
month. Each re-dated event's trace records the anchor, the window, the confidence and the date it had before.
Without enough evidence nothing changes and the warning says why.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..actors.kb import ActorKB
from ..model import Article
from .checks import DateWarning, after_publication, misdating_warnings
from .evidence import article_evidence
from .infer import DateInference, infer_date, judge_published

if TYPE_CHECKING:  # the coder's drafts; dates never import the coder
    from ..events.draft import Draft

INFERRED = "inferred"  # Article.published_basis of the second coding pass, and the events' date_basis


def _cut(value: str | None, precision: str | None, to: str) -> tuple[str | None, str | None]:
    """A date cut to the inference's precision ("2016-03-06" -> "2016-03" when only the month is known)."""
    if value is None or to != "month":
        return value, precision
    first = value.split("/")[0]
    if len(first) >= 7 and precision in ("day", "span"):
        return first[:7], "month"
    return value, precision


def mark_inferred(events: list[Draft], inference: DateInference, before: dict[str, Draft] | None = None) -> None:
    """Mark events (drafts, not yet built) coded against the inferred date: basis "inferred" unless the text
    names the date outright, dates cut to the inference's precision, and the anchor, window, confidence and
    former date in the trace."""
    before = before or {}
    for ev in events:
        if ev.date_basis == "explicit":
            continue
        old = before.get(ev.event_id)
        value, precision = _cut(ev.date, ev.date_precision, inference.precision or "day")
        ev.reanchored = {"anchor": inference.value.isoformat() if inference.value else None,
                         "window": inference.window(), "precision": inference.precision,
                         "confidence": inference.confidence, "reckoned": ev.date_basis,
                         "from": old.date if old is not None else None}
        ev.when = replace(ev.when, value=value, precision=precision, basis=INFERRED)


def date_article(article: Article, events: list[Draft], kb: ActorKB,
                 recode: Callable[[Article], list[Draft]] | None = None) -> list[DateWarning]:
    """Infer when ``article`` was written; re-date ``events`` (the article's drafts) in place (through
    ``recode``, which codes an article again) when its date is missing or ruled out beyond doubt; RETURNS the
    date warnings."""
    if article.published_basis == INFERRED:
        return []  # the second pass of an article being re-dated: the first pass warns
    ev = article_evidence(article.text, kb)
    inf = infer_date(ev)
    warnings = misdating_warnings(article.text, article.published, kb, evidence=ev, inference=inf)
    anchor: date | None = article.published
    redate = inf.value is not None and (
        article.published is None or judge_published(inf, article.published, ev).status == "contradicted")
    if redate and recode is not None:
        before = {e.event_id: e for e in events}
        again = recode(replace(article, published=inf.value, published_basis=INFERRED))
        mark_inferred(again, inf, before)
        events[:] = again
        anchor = inf.value
    return warnings + after_publication(events, anchor)
