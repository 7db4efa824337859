"""The process's coders: one ``Coder`` (spaCy, the knowledge base, the scorer) per settings, loaded on first use
and kept. ``detente.get_coder`` and the ingest loop share them."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from .config import Settings

if TYPE_CHECKING:
    from .pipeline import Coder


@lru_cache(maxsize=4)
def _coder(settings: Settings) -> Coder:
    from .pipeline import Coder

    return Coder(settings)


def get_coder(settings: Settings | None = None) -> Coder:
    """The process's Coder for ``settings`` (loaded once)."""
    return _coder(settings or Settings())


def _as_date(value) -> date | None:
    """A date argument (ISO text, a date or None) as a date."""
    from .ingest.readers import parse_date

    return parse_date(value) if value is not None else None
