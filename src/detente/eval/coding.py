"""Code gold sentences with detente, one sentence per article, batched."""
from __future__ import annotations

from collections.abc import Sequence

from .gold import GoldActor, GoldSentence


def code_sentences(coder, sentences: Sequence[GoldSentence]) -> tuple[dict[str, list], dict[str, str]]:
    """Code each sentence as its own article.

    RETURNS (tuple): {sentence id: all its events (every modality)}, {sentence id: why it was not coded}.
    """
    from ..errors import InputError
    from ..ingest.readers import make_article

    errors: dict[str, str] = {}
    out: dict[str, list] = {s.id: [] for s in sentences}
    arts = []
    for s in sentences:
        try:
            arts.append(make_article(id=s.id, text=s.text, look_at_header=False))
        except InputError as e:
            errors[s.id] = str(e)
    for coded in coder.code_articles(arts, on_error=lambda e, a: errors.__setitem__(a.id, str(e))):
        out[coded.article.id] = list(coded.events)
    return out, errors


def resolve_gold_countries(coder, sentences: Sequence[GoldSentence]) -> None:
    """Fill in the countries of gold actors that have words but no codes (PLV) with detente's resolver.

    Uses the first actor mention the resolver finds in the gold words; leaves the actor as it is when none.
    """
    actors = [a for s in sentences for e in s.events for a in (*e.sources, *e.targets) if a.text and not a.countries]
    texts = sorted({a.text for a in actors})
    found: dict[str, frozenset] = {}
    for text, doc in zip(texts, coder.nlp.pipe(texts)):
        try:
            ms = coder.resolver.mentions(doc)
        except Exception:  # the resolver's API is another team's; without it, words alone match
            return
        cs = [m.entry.country for m in ms if getattr(m.entry, "country", None)]
        if cs:
            found[text] = frozenset([cs[0]])
    for a in actors:
        if a.text in found:
            a.countries = found[a.text]
