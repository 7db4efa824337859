"""PostgreSQL as the team store: the same schema, writes and queries as DuckDB."""
from __future__ import annotations

import psycopg

from ..errors import StoreError
from .base import StoreDamaged
from .sql import SQLStore

_LOCK = 0x64657465  # advisory lock key serialising writers (and schema creation)


class PostgresStore(SQLStore):
    """A PostgreSQL database given by a postgresql:// URL. Writers take turns (advisory lock); readers don't wait."""

    ph = "%s"
    _error = psycopg.Error

    def __init__(self, url: str, *, read_only: bool = False):
        self.url = url
        self.name = url.split("@")[-1]  # no password in messages
        self.read_only = read_only
        try:
            self.con = psycopg.connect(url, autocommit=True)
        except psycopg.Error as e:
            raise StoreError(f"{self.name}: cannot open the store: {e}") from None
        if not read_only:
            self._exec("SELECT pg_advisory_lock(%s)", [_LOCK])
            try:
                self._init_schema()
            finally:
                self._exec("SELECT pg_advisory_unlock(%s)", [_LOCK])

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def verify(self) -> dict[str, int]:
        """Read every table through (every value, out-of-line ones too), and check every index with the
        server's ``amcheck`` where that extension is installed; StoreDamaged names the first damage found."""
        counts = super().verify()
        if self._q("SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'")[1][0][0]:
            for (index,) in self._q("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                                    "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_am a ON a.oid = c.relam "
                                    "WHERE a.amname = 'btree' AND t.relnamespace = current_schema()::regnamespace")[1]:
                try:
                    self._q("SELECT bt_index_check(%s::regclass, true)", [index])
                except StoreError as e:
                    raise StoreDamaged(f"{self.name}: index {index} is damaged: {e}") from None
        return counts

    def _read_through(self, table: str) -> int:
        return int(self._q(f'SELECT count(*), sum(length(CAST(t AS text))) FROM "{table}" t')[1][0][0])

    def _failure(self, e: Exception) -> type[StoreError]:
        # SQLSTATE XX001 data_corrupted, XX002 index_corrupted
        return StoreDamaged if str(getattr(e, "sqlstate", "") or "").startswith(("XX001", "XX002")) else StoreError

    def _lock(self) -> None:
        self._exec("SELECT pg_advisory_xact_lock(%s)", [_LOCK])

    def _fetch(self, sql: str, params=()):
        cur = self.con.execute(sql, list(params) or None)
        cols = [d.name for d in cur.description] if cur.description else []
        return cols, cur.fetchall() if cur.description else []

    def _exec(self, sql: str, params=()) -> None:
        self.con.execute(sql, list(params) or None)

    def _many(self, sql: str, rows: list[list]) -> None:
        if rows:
            with self.con.cursor() as cur:
                cur.executemany(sql, rows)
