"""The event store: articles, mentions (coded event records) and events (merged mentions).

DuckDB (a file path, the embedded default) and PostgreSQL (a postgresql:// URL) share one schema. Besides
``StoreError``, opening or reading one can raise ``StoreLocked`` (another process writes the DuckDB file) and
``StoreDamaged`` (the file fails its checksums, or was cut short).
"""
from __future__ import annotations

from .base import Filters, Store, StoreDamaged, StoreLocked


def open_store(target: str = "detente.duckdb", *, read_only: bool = False) -> Store:
    """Open a store: a DuckDB file path, or a postgresql:// URL."""
    if str(target).startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(str(target), read_only=read_only)
    from .duck import DuckDBStore

    return DuckDBStore(str(target), read_only=read_only)


__all__ = ["Filters", "Store", "StoreDamaged", "StoreLocked", "open_store"]
