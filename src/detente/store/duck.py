"""The embedded DuckDB store (the default)."""
from __future__ import annotations

import json
import time

import duckdb

from ..errors import StoreError
from ..pipeline import CodedArticle
from .base import Filters, Store
from .rows import article_row, mention_row
from .schema import ARTICLE_COLUMNS, INDEXES, MENTION_COLUMNS, TABLES


class DuckDBStore(Store):
    """A DuckDB file. One writer at a time; readers open it read-only and see committed data."""

    ph = "?"

    def __init__(self, path: str, *, read_only: bool = False):
        self.path = path
        self.read_only = read_only
        self.con = self._connect()
        if not read_only:
            self._init()

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

    def _init(self) -> None:
        try:
            for ddl in TABLES.values():
                self.con.execute(ddl)
            for ddl in INDEXES:
                self.con.execute(ddl)
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: cannot create the schema: {e}") from None

    def close(self) -> None:
        self.con.close()

    def query(self, sql: str, params: list | tuple = ()) -> list[dict]:
        """Run a read query; rows as dicts."""
        try:
            cur = self.con.execute(sql, list(params))
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: query failed: {e}") from None
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def has_article(self, article_id: str, content_hash: str) -> bool:
        r = self.con.execute("SELECT 1 FROM articles WHERE article_id = ? AND content_hash = ?",
                             [article_id, content_hash]).fetchone()
        return r is not None

    def add(self, coded: list[CodedArticle]) -> tuple[int, int]:
        """Store coded articles in one transaction; an article already stored with the same text is skipped."""
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")
        n_art = n_men = 0
        try:
            self.con.execute("BEGIN TRANSACTION")
            for c in coded:
                row = article_row(c)
                old = self.con.execute("SELECT content_hash FROM articles WHERE article_id = ?",
                                       [row["article_id"]]).fetchone()
                if old is not None and old[0] == row["content_hash"]:
                    continue
                if old is not None:  # same id, new text: replace
                    self.con.execute("DELETE FROM mentions WHERE article_id = ?", [row["article_id"]])
                    self.con.execute("DELETE FROM articles WHERE article_id = ?", [row["article_id"]])
                self.con.execute(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES "
                                 f"({', '.join('?' * len(ARTICLE_COLUMNS))})", [row[k] for k in ARTICLE_COLUMNS])
                rows = {}
                for ev in c.events:
                    m = mention_row(ev, c.article.outlet)
                    rows[m["event_id"]] = m
                if rows:
                    self.con.executemany(
                        f"INSERT INTO mentions ({', '.join(MENTION_COLUMNS)}) VALUES "
                        f"({', '.join('?' * len(MENTION_COLUMNS))}) ON CONFLICT DO NOTHING",
                        [[m[k] for k in MENTION_COLUMNS] for m in rows.values()])
                n_art += 1
                n_men += len(rows)
            self.con.execute("COMMIT")
        except duckdb.Error as e:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise StoreError(f"{self.path}: write failed, nothing from this batch was stored: {e}") from None
        return n_art, n_men

    def events(self, filters: Filters | None = None) -> list[dict]:
        """Mentions matching ``filters`` as EVENTS.md records, oldest first."""
        f = filters or Filters()
        where, params = f.where(self.ph)
        sql = (f"SELECT m.record FROM mentions m JOIN articles a USING (article_id) WHERE {where} "
               f"ORDER BY m.day NULLS LAST, m.article_id, m.event_id")
        if f.limit:
            sql += f" LIMIT {int(f.limit)} OFFSET {int(f.offset)}"
        return [json.loads(r["record"]) for r in self.query(sql, params)]
