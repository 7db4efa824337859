"""Article consistency checks: events dated after publication, content that contradicts the article date.

The content check reads the clues of ``evidence.py``: people named with a title the knowledge base dates
("Secretary of State Mike Pompeo", "Mike Pompeo, the secretary of state"), "the Trump administration" acting in
the present tense, dates, weekdays and chains. A title counts only where the sentence speaks of the present
and nothing marks it as past ("former", "then-", "when Clinton was secretary of state", "as secretary of state,
Kerry had ...", a year in the sentence, a later holder of the office named too).

Each warning is a ``DateWarning`` (kind, a stable key, the message, the sentence that made it);
``article_warnings`` gives the messages, one line each. When the text rules the article's date out beyond doubt
(``infer.judge_published``), the warning gives the inferred date and its evidence, and ``reanchor.py`` re-dates
the events.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..actors.kb import ActorKB
from ..model import Article, Event
from .evidence import GRACE, Evidence, _short, article_evidence  # noqa: F401 (GRACE: kept for importers)
from .infer import FAR, DateInference, Judgement, infer_date, judge_published
from .resolve import after

_SINGLE = ("role_current", "administration")  # clues that warn on their own
_TOLD = ("date", "caption")  # ... and dates told with their year in the past, well after the article's date


def _after_by(ev: Evidence, published: date) -> int:
    """Days from ``published`` to the earliest writing date a clue's hard bounds allow (0 when they allow it)."""
    los = [iv.lo for iv in ev.intervals if iv.hard and iv.hi >= published]
    if not los or any(iv.lo <= published <= iv.hi for iv in ev.intervals if iv.hard):
        return 0
    return (min(los) - published).days


@dataclass(frozen=True)
class DateWarning:
    """One warning about an article's date: its kind ("role", "administration", "contradicted", "no_date",
    "after_publication"), a key stable across runs (for judging it once), the message and the sentence."""

    kind: str
    key: str
    message: str
    sentence: str | None = None


def _anchor_of(published: date | None, inference: DateInference | None, judgement: Judgement | None) -> date | None:
    """The date events are reckoned from: the inferred one where the article's is missing or ruled out."""
    if inference is not None and inference.value is not None and (
            published is None or (judgement is not None and judgement.status == "contradicted")):
        return inference.value
    return published


def misdating_warnings(text: str, published: date | None, kb: ActorKB, *, evidence: list[Evidence] | None = None,
                       inference: DateInference | None = None) -> list[DateWarning]:
    """Warnings where the text contradicts the article's date, or infers a date the article lacks."""
    ev = article_evidence(text, kb) if evidence is None else evidence
    inf = infer_date(ev) if inference is None else inference
    if published is None:
        if inf.value is not None:
            return [DateWarning("no_date", "no_date:inferred",
                                f"no publication date: events dated from the text's own date, {inf.explain()}")]
        return [DateWarning("no_date", "no_date:none",
                            "no publication date: events carry no date unless the text gives one "
                            f"(no date inferred: {inf.reason})")]
    j = judge_published(inf, published, ev)
    pub = published.isoformat()
    if j.status == "contradicted":
        against = sorted(j.against, key=lambda e: -max(iv.weight for iv in e.intervals))[:3]
        first = against[0].sentence if against else None
        return [DateWarning("contradicted", "contradicted",
                            f"dated {pub} but the text rules that date out, so events are re-dated: "
                            f"{inf.explain()}; against {pub}: " + "; ".join(e.describe() for e in against),
                            first)]
    out = []
    seen = set()
    told = [e for e in j.against if e.kind in _TOLD and not e.quoted and _after_by(e, published) > FAR]
    if told:
        e = max(told, key=lambda e: _after_by(e, published))
        out.append(DateWarning("told_after", "told_after",
                               f"dated {pub} but tells of {e.text.strip()} as past, {_after_by(e, published)} days "
                               f"later: the article may be misdated or updated since (sentence: "
                               f"\"{_short(e.sentence)}\")", e.sentence))
    for e in j.against:
        if e.kind not in _SINGLE or e.text in seen or not e.curated:
            continue  # a generated entry may lack a later term of office: it does not warn alone
        seen.add(e.text)
        if e.kind == "role_current":
            out.append(DateWarning("role", f"role:{e.text}",
                                   f"dated {pub} but {e.note}: the article may be misdated "
                                   f"(sentence: \"{_short(e.sentence)}\")", e.sentence))
        else:
            out.append(DateWarning("administration", f"administration:{e.text.split()[1]}",
                                   f"dated {pub} but {e.note}: the article may be misdated "
                                   f"(sentence: \"{_short(e.sentence)}\")", e.sentence))
    return out


def date_contradictions(text: str, published: date, kb: ActorKB) -> list[str]:
    """Warnings where the text speaks of a person's title, or an administration, as current on a date the
    knowledge base rules out (and the re-dating warning when the text rules the date out beyond doubt)."""
    return [w.message for w in misdating_warnings(text, published, kb)]


def after_publication(events: list[Event], anchor: date | None) -> list[DateWarning]:
    """Asserted events the text dates, with the year, after the article was written ("launched a rocket on March 3,
    2016" in an article of February 2016): the page is misdated, or the date belongs to another act. A relative date
    after publication ("next week") makes the act intended, not asserted (``events.coder``), so it warns of nothing."""
    if anchor is None:
        return []
    pub = anchor.isoformat()
    out = []
    for ev in events:
        if ev.modality == "asserted" and ev.date and ev.date_basis == "explicit":
            if after(ev.date, anchor):
                out.append(DateWarning("after_publication", f"after:{ev.event_id}",
                                       f"event dated {ev.date} after publication {pub}: '{ev.trigger}' in "
                                       f"\"{ev.sentence[:80]}\"", ev.sentence))
    return out


def article_warnings(article: Article, events: list[Event], kb: ActorKB, *,
                     evidence: list[Evidence] | None = None, inference: DateInference | None = None) -> list[str]:
    """Warnings about an article, each one line."""
    ev = article_evidence(article.text, kb) if evidence is None else evidence
    inf = infer_date(ev) if inference is None else inference
    ws = misdating_warnings(article.text, article.published, kb, evidence=ev, inference=inf)
    j = judge_published(inf, article.published, ev) if article.published is not None else None
    ws += after_publication(events, _anchor_of(article.published, inf, j))
    return [w.message for w in ws]
