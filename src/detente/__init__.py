"""detente: political event data from news text, with evidence.

    >>> import detente
    >>> events = detente.code_text("Pyongyang rejected the proposal.", published="2016-02-21")
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from .config import Settings
from .errors import ConfigError, DetenteError, InputError, NotEnglishError, StoreError, UnknownActor
from .model import Actor, Article, Attribution, Event, Place
from .pipeline import CodedArticle, Coder

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "Attribution", "CodedArticle", "Coder", "ConfigError", "DetenteError", "Event",
           "InputError", "NotEnglishError", "Place", "Settings", "StoreError", "UnknownActor", "code",
           "code_text", "open_store", "read_articles", "__version__"]


@lru_cache(maxsize=4)
def _coder(settings: Settings) -> Coder:
    return Coder(settings)


def get_coder(settings: Settings | None = None) -> Coder:
    """The process's Coder for ``settings`` (loaded once)."""
    return _coder(settings or Settings())


def _as_date(value) -> date | None:
    from .ingest.readers import parse_date

    return parse_date(value) if value is not None else None


def code_text(text: str, published: str | date | None = None, *, article_id: str = "text",
              all_modalities: bool = False, settings: Settings | None = None) -> list[Event]:
    """Code one text; returns its asserted events (all events with ``all_modalities``)."""
    from .ingest.readers import make_article

    art = make_article(id=article_id, text=text, published=_as_date(published))
    coded = get_coder(settings).code_article(art)
    return [e for e in coded.events if all_modalities or e.modality == "asserted"]


def code(articles: Iterable[Article], *, all_modalities: bool = False,
         settings: Settings | None = None) -> Iterator[Event]:
    """Code many articles (batched); yields their asserted events (all with ``all_modalities``)."""
    for coded in get_coder(settings).code_articles(articles):
        for e in coded.events:
            if all_modalities or e.modality == "asserted":
                yield e


def read_articles(*paths, published: str | date | None = None, on_error=None) -> Iterator[Article]:
    """Articles from files, directories or '-' (stdin); see detente.ingest."""
    from .ingest import iter_articles

    return iter_articles(paths, published=_as_date(published), on_error=on_error)


def open_store(path: str = "detente.duckdb", *, read_only: bool = False):
    """Open (or create) an event store: a DuckDB file path or a postgresql:// URL."""
    from .store import open_store as _open

    return _open(path, read_only=read_only)
