"""detente: political event data from news text, with evidence.

    >>> import detente
    >>> events = detente.code_text("Pyongyang rejected the proposal.", published="2016-02-21")
    >>> result = detente.ingest_files(["samples/"], "detente.duckdb")

``Coder`` (``detente.pipeline``) is imported on first use: importing detente, or opening
a store, does not load spaCy.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from .coders import _as_date, get_coder
from .config import Settings
from .errors import ConfigError, DetenteError, InputError, NotEnglishError, StoreError, UnknownActor
from .ingest_loop import IngestProgress, IngestResult, ingest_files
from .model import Actor, Article, Attribution, CodedArticle, Event, Place

if TYPE_CHECKING:
    from .pipeline import Coder

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "Attribution", "CodedArticle", "Coder", "ConfigError", "DetenteError", "Event",
           "IngestProgress", "IngestResult", "InputError", "NotEnglishError", "Place", "Settings", "StoreError",
           "UnknownActor", "code", "code_text", "ingest_files", "open_store", "read_articles", "__version__"]

_LAZY = {"Coder"}  # in detente.pipeline, which loads spaCy


def __getattr__(name: str):
    if name in _LAZY:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY)




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
