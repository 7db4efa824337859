"""The Store protocol and the filters every query accepts."""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING

from ..errors import InputError, StoreError

if TYPE_CHECKING:
    from ..model import CodedArticle


class StoreLocked(StoreError):
    """Another process holds the store's lock (a DuckDB file takes one writer at a time): try again later."""

    status = 503


class StoreDamaged(StoreError):
    """The store's file is damaged (a block fails its checksum, or the file is cut short)."""


LIKE = "LIKE {} ESCAPE '\\'"  # both backends: a backslash makes the next character literal


def like_literal(text: str) -> str:
    """``text`` for a LIKE pattern that matches it literally: ``%``, ``_`` and ``\\`` match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def date_bases(value: str | None) -> str | None:
    """A checked, normalised ``date_basis`` filter ("relative, explicit" -> "explicit,relative"); InputError names
    what is wrong."""
    from ..model import DATE_BASES

    if value is None or not str(value).strip():
        return None
    got = {v.strip().lower() for v in str(value).split(",") if v.strip()}
    bad = sorted(got - set(DATE_BASES))
    if bad:
        raise InputError(f"date_basis={value!r}: {', '.join(bad)} unknown; choose from {', '.join(DATE_BASES)} "
                         "(several separated by commas)")
    return ",".join(b for b in DATE_BASES if b in got)


@dataclass
class Filters:
    """Filters shared by `detente events`, exports and the HTTP API. All optional."""

    actor: str | None = None        # source code prefix ("USA", "USAGOV")
    target: str | None = None       # target code prefix
    country: str | None = None      # source or target country
    root: str | None = None         # CAMEO root ("12")
    cameo: str | None = None        # CAMEO code prefix ("163")
    plover: str | None = None
    quad_class: int | None = None
    modality: str | None = "asserted"
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    text: str | None = None         # substring of the evidence sentence (any case; % and _ are literal)
    article_id: str | None = None
    sector: str | None = None
    date_basis: str | None = None   # comma-separated DATE_BASES ("explicit,relative": dated by the text itself)
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        self.date_basis = date_bases(self.date_basis)

    def where(self, ph: str = "?") -> tuple[str, list]:
        """A parameterised WHERE clause over the mentions table (aliased m) and its parameters (a mention row
        carries its article's outlet, so no filter needs the articles table)."""
        c, p = [], []
        like = LIKE.format(ph)
        if self.actor:
            c.append(f"m.source_code {like}"); p.append(like_literal(self.actor.upper()) + "%")
        if self.target:
            c.append(f"m.target_code {like}"); p.append(like_literal(self.target.upper()) + "%")
        if self.country:
            c.append(f"(m.source_country = {ph} OR m.target_country = {ph})"); p += [self.country.upper()] * 2
        if self.sector:
            c.append(f"(m.source_sector = {ph} OR m.target_sector = {ph})"); p += [self.sector.upper()] * 2
        if self.root:
            c.append(f"m.cameo_root = {ph}"); p.append(str(self.root).zfill(2))
        if self.cameo:
            c.append(f"m.cameo {like}"); p.append(like_literal(str(self.cameo)) + "%")
        if self.plover:
            c.append(f"m.plover = {ph}"); p.append(self.plover.upper())
        if self.quad_class:
            c.append(f"m.quad_class = {ph}"); p.append(int(self.quad_class))
        if self.modality and self.modality != "all":
            c.append(f"m.modality = {ph}"); p.append(self.modality)
        if self.since:
            c.append(f"m.day >= {ph}"); p.append(date.fromisoformat(str(self.since)[:10]))
        if self.until:
            c.append(f"m.day <= {ph}"); p.append(date.fromisoformat(str(self.until)[:10]))
        if self.outlet:
            c.append(f"m.outlet = {ph}"); p.append(self.outlet)
        if self.text:
            c.append(f"lower(m.sentence) {like}"); p.append("%" + like_literal(self.text.lower()) + "%")
        if self.article_id:
            c.append(f"m.article_id = {ph}"); p.append(self.article_id)
        if self.date_basis:
            bases = self.date_basis.split(",")
            c.append(f"m.date_basis IN ({', '.join([ph] * len(bases))})"); p += bases
        return (" AND ".join(c) if c else "TRUE"), p

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


class Store:
    """What every backend offers."""

    def add(self, coded: list[CodedArticle]) -> tuple[int, int]:
        """Store coded articles in one transaction; returns (articles added, mentions added)."""
        raise NotImplementedError

    def events(self, filters: Filters | None = None) -> list[dict]:
        """Mentions as EVENTS.md records."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError

    # The queries below are what the CLI, the HTTP API and the web UI call (issue "event store").
    # Frames are pandas DataFrames.
    def events_frame(self, filters: Filters | None = None):
        """Mentions matching ``filters`` as a flat DataFrame (one row per mention)."""
        raise NotImplementedError

    def clusters(self, filters: Filters | None = None):
        """Merged events (clusters of mentions) matching ``filters``: DataFrame with cluster_id, dyad, root,
        first/last report, n_mentions, n_articles, n_outlets and the representative mention."""
        raise NotImplementedError

    def event(self, cluster_or_event_id: str) -> dict | None:
        """One merged event with all its mentions and their evidence (or None)."""
        raise NotImplementedError

    def article(self, article_id: str) -> dict | None:
        """One article: metadata, text, warnings and its event records (or None)."""
        raise NotImplementedError

    def dyad(self, a: str, b: str, *, by: str = "month", filters: Filters | None = None):
        """Counts per QuadClass and summed/mean Goldstein per period, both directions (DataFrame)."""
        raise NotImplementedError

    def aggregate(self, unit: str = "country-month", filters: Filters | None = None):
        """Aggregates by country-month, dyad-month or actor-year (DataFrame)."""
        raise NotImplementedError

    def actors(self, filters: Filters | None = None, *, limit: int = 50):
        """Most active actors with counts (DataFrame)."""
        raise NotImplementedError

    def stats(self) -> dict:
        """What the store holds: articles, mentions, events, outlets, date range, warnings."""
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def record_from_row(row: dict) -> dict:
    """An EVENTS.md record from a mentions row."""
    return json.loads(row["record"]) if isinstance(row["record"], str) else row["record"]
