"""The embedded DuckDB store (the default)."""
from __future__ import annotations

import time

import duckdb

from ..errors import StoreError
from .sql import SQLStore


class DuckDBStore(SQLStore):
    """A DuckDB file. One writer at a time; readers open it read-only and see committed data."""

    ph = "?"
    _error = duckdb.Error

    def __init__(self, path: str, *, read_only: bool = False):
        self.path = self.name = path
        self.read_only = read_only
        self.con = self._connect()
        if not read_only:
            self._init_schema()

    def _connect(self, tries: int = 50):
        last = None
        for _ in range(tries):
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.IOException as e:  # another process holds the write lock: wait a little
                last = e
                if "lock" not in str(e).lower() and "Conflicting" not in str(e):
                    break
                time.sleep(0.1)
            except duckdb.Error as e:
                last = e
                break
        raise StoreError(f"{self.path}: cannot open the store: {last}")

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def _fetch(self, sql: str, params=()):
        cur = self.con.execute(sql, list(params))
        return [d[0] for d in cur.description], cur.fetchall()

    def _exec(self, sql: str, params=()) -> None:
        self.con.execute(sql, list(params))

    def _many(self, sql: str, rows: list[list]) -> None:
        if rows:
            self.con.executemany(sql, rows)
