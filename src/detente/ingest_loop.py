"""The ingest loop: read inputs, skip articles stored already, code the rest, store them in transactions.

    >>> import detente
    >>> result = detente.ingest_files(["samples/"], "detente.duckdb")
    >>> result.articles, result.mentions, result.failed

One bad input or article never stops the others: it goes to ``on_error`` and the loop goes on.
``detente ingest`` calls ``ingest_files``; ``detente ingest --dask-workers N`` codes on Dask
(``detente.scale``) and stores through the same ``StoreWriter``.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from .config import Settings
from .errors import InputError
from .model import Article

if TYPE_CHECKING:
    from .model import CodedArticle
    from .store import Store

log = logging.getLogger("detente.ingest")

OnError = Callable[[InputError], None]
OnWarning = Callable[[str, str], None]
"""A warning about an input or article that is still coded: ``on_warning(path or article id, message)``."""


@dataclass
class IngestResult:
    """What one ingest did: inputs read, articles coded, skipped and stored, mentions stored, failures."""

    inputs: int = 0         # input files (or '-') read, those that failed included
    coded: int = 0          # articles coded
    skipped: int = 0        # articles not coded: stored already with the same text
    failed: int = 0         # inputs and articles that could not be read or coded (each one went to on_error)
    articles: int = 0       # articles stored (new, or with new text)
    mentions: int = 0       # event records stored; the store merges them into events
    seconds: float = 0.0    # time spent reading, coding and storing (not loading the model or opening the store)
    store_seconds: float = 0.0  # of which storing and merging (and asking the store what it holds already)

    @property
    def rate(self) -> float:
        """Articles coded per second."""
        return self.coded / max(self.seconds, 1e-6)


class IngestProgress(Protocol):
    """What ``ingest_files`` tells a progress display (the CLI's bar), article by article."""

    def read(self, article: Article) -> None:
        """An article was read from its input (``article.source_path``); it may still be skipped."""

    def coded(self, coded: CodedArticle) -> None:
        """An article was coded (it is stored with the next transaction)."""


class StoreWriter:
    """Stores coded articles in transactions of ``batch`` and counts what was added in ``result``.

    Shared by ``ingest_files`` and the Dask client (``detente.scale``), so both store and merge alike.
    """

    def __init__(self, store: Store, result: IngestResult, *, batch: int = 64):
        self.store = store
        self.result = result
        self.batch = max(int(batch), 1)
        self.pending: list[CodedArticle] = []

    def add(self, coded: CodedArticle) -> None:
        """Queue one coded article; a full batch is stored in one transaction."""
        self.pending.append(coded)
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Store what is queued, in one transaction (StoreError when it fails: nothing of it is stored)."""
        if not self.pending:
            return
        t = time.monotonic()
        try:
            a, m = self.store.add(self.pending)
        finally:
            self.result.store_seconds += time.monotonic() - t
        self.result.articles += a
        self.result.mentions += m
        self.pending.clear()


def _log_error(e: InputError) -> None:
    log.warning("skipped: %s", e)


def _log_warning(where: str, message: str) -> None:
    log.warning("%s: %s", where, message)


def ingest_files(paths: Iterable[str | os.PathLike], store: Store | str | os.PathLike, *,
                 settings: Settings | None = None, published: str | date | None = None, batch: int = 64,
                 on_error: OnError | None = None, on_warning: OnWarning | None = None,
                 progress: IngestProgress | None = None) -> IngestResult:
    """Code the articles under ``paths`` and store them in ``store``; returns the counts.

    paths: files, directories (recursively) or '-' for standard input, as ``read_articles`` reads them.
    store: an open Store (left open), or a DuckDB file path or postgresql:// URL (opened, then closed).
    settings: the coder's settings (``Settings()`` by default); the Coder is loaded once per process.
    published: the publication date of every article (overrides what the inputs say; a date or YYYY-MM-DD).
    batch: coded articles per transaction.
    on_error: hears of each input or article that cannot be read or coded (an ``InputError``, with its path
    and line); it is skipped and the others are coded. Without it they go to the ``detente.ingest`` logger.
    on_warning: ``on_warning(path or article id, message)`` hears of inputs read with a repair and of
    articles coded with a warning (the ``detente.ingest`` logger otherwise).
    progress: told of each article read and each article coded (``IngestProgress``).

    An article stored already with the same text is skipped, so a second run over the same inputs stores
    nothing new. A store that cannot be opened or written raises ``StoreError`` (``StoreLocked`` when another
    process writes it); a bad setting raises ``ConfigError``. What was stored before the error stays stored.
    """
    from .coders import _as_date, get_coder
    from .ingest import iter_articles
    from .store import open_store

    if isinstance(store, (str, os.PathLike)):
        with open_store(os.fspath(store)) as opened:
            return ingest_files(paths, opened, settings=settings, published=published, batch=batch,
                                on_error=on_error, on_warning=on_warning, progress=progress)
    coder = get_coder(settings)
    result = IngestResult()
    writer = StoreWriter(store, result, batch=batch)
    warn = on_warning or _log_warning
    report = on_error or _log_error
    seen: set[str] = set()

    def input_seen(path: str | None) -> None:
        if path and path not in seen:
            seen.add(path)
            result.inputs += 1

    def read_error(e: InputError) -> None:
        result.failed += 1
        input_seen(e.path)
        report(e)

    def code_error(e: InputError, article: Article) -> None:
        result.failed += 1
        report(e)

    def to_code(articles: Iterable[Article]) -> Iterator[Article]:
        for a in articles:
            input_seen(a.source_path)
            if progress is not None:
                progress.read(a)
            t = time.monotonic()
            stored = store.has_article(a.id, a.content_hash)
            result.store_seconds += time.monotonic() - t
            if stored:
                result.skipped += 1
                continue
            yield a

    arts = iter_articles(paths, published=_as_date(published), on_error=read_error, on_warning=warn)
    t0 = time.monotonic()
    try:
        for coded in coder.code_articles(to_code(arts), on_error=code_error):
            result.coded += 1
            if progress is not None:
                progress.coded(coded)
            for w in coded.warnings:
                warn(coded.article.id, w)
            writer.add(coded)
        writer.flush()
    finally:
        result.seconds = time.monotonic() - t0
    return result
