"""Actors: the dated knowledge base (``kb``), resolution of mentions in context (``resolve``) and article-level
coreference (``coref``).

    >>> from detente.actors import resolve_text
    >>> for r in resolve_text("Secretary Clinton met Lavrov.", on="2011-05-01"):
    ...     print(r.text, r.actor.code if r.actor else None)
    Secretary Clinton USAGOV
    Lavrov RUSGOV
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..model import Actor


@dataclass
class Resolution:
    """One actor phrase of a text: its words and offsets, and the actor it names (None: unresolved)."""

    text: str
    start: int
    end: int
    actor: Actor | None

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end,
                "actor": self.actor.to_dict() if self.actor else None,
                "reason": (self.actor.reason if self.actor else "no known actor; the text is kept")}


@lru_cache(maxsize=4)
def _resolver(model: str, actor_files: tuple[str, ...]):
    from ..nlp import load_nlp
    from .kb import ActorKB
    from .resolve import ActorResolver

    nlp = load_nlp(model)
    return nlp, ActorResolver(ActorKB.load(actor_files), nlp)


def resolve_text(text: str, on: date | str | None = None, *, settings=None, resolver=None, nlp=None
                 ) -> list[Resolution]:
    """Resolve every actor phrase of ``text`` as of the date ``on``, with coreference across its sentences.

    :param text: the text (one article).
    :param on: the article's date (``date`` or ISO string); people's roles are taken on that date.
    :param settings: ``detente.Settings`` (its model and ``actor_files`` are used); default settings if None.
    :param resolver: an ``ActorResolver`` to use instead of loading one (then ``nlp`` is needed too).
    """
    if isinstance(on, str):
        on = date.fromisoformat(on)
    if resolver is None or nlp is None:
        from ..config import Settings

        s = settings or Settings()
        nlp, resolver = _resolver(s.model, tuple(s.actor_files))
    doc = nlp(text)
    return [Resolution(span.text, span.start_char, span.end_char, actor)
            for span, actor in resolver.resolve_doc(doc, on)]


__all__ = ["Resolution", "resolve_text"]
