"""The embedded DuckDB store (the default)."""
from __future__ import annotations

import os
import time

import duckdb
import numpy as np

from ..errors import StoreError
from .base import StoreDamaged, StoreLocked
from .schema import column_types
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
                if not _locked(e):
                    break
                time.sleep(0.1)
            except duckdb.Error as e:
                last = e
                break
        if _locked(last):
            raise StoreLocked(f"{self.path}: the store is busy: another process has it open (a `detente ingest` "
                              f"or `serve`?); try again when it is done ({last})")
        raise self._failure(last)(f"{self.path}: cannot open the store: {last}")

    def _failure(self, e: Exception) -> type[StoreError]:
        return StoreDamaged if _damaged(e) else StoreError

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def verify(self) -> dict[str, int]:
        """Read every table through, every column of every row (DuckDB checks each block's checksum as it
        reads it), then check the checksum of every block of the file, indexes and free blocks included;
        StoreDamaged names the first damage found. Returns the rows per table."""
        counts = super().verify()
        if self.path != ":memory:" and os.path.exists(self.path):
            (block_size,) = self._q("SELECT block_size FROM pragma_database_size() "
                                    "WHERE database_name = current_database()")[1][0]
            verify_blocks(self.path, int(block_size))
        return counts

    def _read_through(self, table: str) -> int:
        return int(self._q(f'SELECT count(*), bit_xor(hash(COLUMNS(*))) FROM "{table}"')[1][0][0])

    def _fetch(self, sql: str, params=()):
        cur = self.con.execute(sql, list(params))
        return [d[0] for d in cur.description], cur.fetchall()

    def _columnar(self, sql: str, params=()):
        try:
            return self.con.execute(sql, list(params)).df()
        except duckdb.Error as e:
            raise self._failure(e)(f"{self.name}: query failed: {e}") from None

    def _exec(self, sql: str, params=()) -> None:
        self.con.execute(sql, list(params))

    def _many(self, sql: str, rows: list[list]) -> None:
        if rows:
            self.con.executemany(sql, rows)

    def _insert(self, table: str, columns: list[str], rows: list[list], *, ignore_conflicts: bool = False) -> None:
        """One set-based INSERT from an Arrow table: DuckDB's executemany runs a statement per row (about 7 ms
        each on a 2-core machine, two thirds of ingest's storing time before this)."""
        if not rows:
            return
        import pyarrow as pa

        arrow = {"TEXT": pa.string(), "DATE": pa.date32(), "INTEGER": pa.int64(), "DOUBLE PRECISION": pa.float64(),
                 "BYTEA": pa.binary(), "TIMESTAMP": pa.timestamp("us")}
        types = column_types(table)
        data = pa.table({c: pa.array([r[i] for r in rows], type=arrow[types[c]]) for i, c in enumerate(columns)})
        name = f"_detente_{table}_rows"
        self.con.register(name, data)
        try:
            cols = ", ".join(columns)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}"
                             + (" ON CONFLICT DO NOTHING" if ignore_conflicts else ""))
        finally:
            self.con.unregister(name)


def _locked(e: Exception | None) -> bool:
    """Whether DuckDB refused a connection because another process (or connection) holds the file's lock."""
    s = str(e)
    return "Could not set lock" in s or "Conflicting lock" in s


def _damaged(e: Exception | None) -> bool:
    """Whether a DuckDB error says the file is damaged."""
    s = str(e)
    return "Corrupt database file" in s or "Could not read enough bytes" in s or "not a valid DuckDB" in s


_HEADER = 4096                       # a DuckDB file opens with three headers of this size
_CHECKSUM = np.uint64(0xBF58476D1CE4E5B9)


def _checksum(words: np.ndarray) -> np.uint64:
    """DuckDB's block checksum (``Checksum`` in its ``common/checksum.cpp``) over 64-bit words."""
    with np.errstate(over="ignore"):
        return np.bitwise_xor.reduce(words * _CHECKSUM) ^ np.uint64(5381)


def verify_blocks(path: str, block_size: int) -> int:
    """Check the checksum of every block of a DuckDB file, as DuckDB does when it reads one; StoreDamaged on a
    damaged or missing block. Returns the blocks checked (0 where the layout is not the one known here: the
    main header does not check out with this checksum, though DuckDB opened the file)."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        head = np.frombuffer(f.read(_HEADER), dtype=np.uint64)
        if len(head) * 8 < _HEADER or head[0] != _checksum(head[1:]):
            return 0
        f.seek(3 * _HEADER)
        n = 0
        while True:
            raw = f.read(block_size)
            if not raw:
                break
            at = 3 * _HEADER + n * block_size
            if len(raw) < block_size:
                raise StoreDamaged(f"{path}: the file ends inside block {n} (at byte {size}): it was cut short "
                                   f"(a copy or download that did not finish?)")
            words = np.frombuffer(raw, dtype=np.uint64)
            if words[0] != _checksum(words[1:]):
                raise StoreDamaged(f"{path}: block {n} (bytes {at}-{at + block_size}) is damaged: its checksum "
                                   f"does not match")
            n += 1
    return n
