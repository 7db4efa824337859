"""Article consistency checks: events dated after publication, content that contradicts the article date."""
from __future__ import annotations

from ..actors.kb import ActorKB
from ..model import Article, Event


def article_warnings(article: Article, events: list[Event], kb: ActorKB) -> list[str]:
    """Warnings about an article, each one line."""
    out = []
    if article.published is None:
        out.append("no publication date: events carry no date unless the text gives one")
        return out
    pub = article.published.isoformat()
    for ev in events:
        if ev.modality == "asserted" and ev.date and ev.date_basis != "publication":
            first = ev.date.split("/")[0]
            if first[: len(pub)] > pub[: len(first)]:
                out.append(f"event dated {ev.date} after publication {pub}: '{ev.trigger}' in \"{ev.sentence[:80]}\"")
    return out
