"""Where the server reads its data: the store opened read-only per request.

DuckDB lets one process write a file, and while it writes no other process may open it, not even
read-only. So the server never holds the file between requests (``detente ingest`` can always take it),
and each time it opens a file that has changed it copies it to a private snapshot. A request that
finds the file locked by a writer is answered from that snapshot (``Source.stale`` says so); the next
request after the writer finishes sees the new data. A PostgreSQL URL is simply opened per request.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from functools import lru_cache
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError


def _locked(e: Exception) -> bool:
    s = str(e).lower()
    return "lock" in s or "conflicting" in s or "different configuration" in s  # another process / this one writes


@lru_cache(maxsize=1)
def _one_try():
    from ..store.duck import DuckDBStore

    class OneTry(DuckDBStore):
        """A DuckDB store that does not wait for a writer's lock: it fails at once, so we can use the copy."""

        def _connect(self, tries: int = 1):
            return super()._connect(tries=1)

    return OneTry


def _OneTry(path: str, *, read_only: bool):
    return _one_try()(path, read_only=read_only)


class Source:
    """Opens the store named by ``target`` for one request at a time, read-only."""

    def __init__(self, target: str):
        self.target = str(target)
        self.is_file = not self.target.startswith(("postgresql://", "postgres://"))
        self._lock = threading.Lock()
        self._snap_dir: Path | None = None
        self._snap_key: tuple | None = None
        self.stale = False  # the last open was served from the snapshot

    def _key(self) -> tuple:
        p = Path(self.target)
        wal = Path(self.target + ".wal")
        st = p.stat()
        w = wal.stat() if wal.exists() else None
        return (st.st_mtime_ns, st.st_size, w.st_mtime_ns if w else None, w.st_size if w else None)

    def _snapshot_path(self) -> Path:
        if self._snap_dir is None:
            self._snap_dir = Path(tempfile.mkdtemp(prefix="detente-serve-"))
        return self._snap_dir / "snapshot.duckdb"

    def _refresh_snapshot(self) -> None:
        """Copy the file (we hold a read lock, so no writer is mid-write) if it changed since the last copy."""
        key = self._key()
        if key == self._snap_key:
            return
        dst = self._snapshot_path()
        tmp = dst.with_suffix(".tmp")
        shutil.copyfile(self.target, tmp)
        wal = Path(self.target + ".wal")
        if wal.exists():
            shutil.copyfile(wal, str(tmp) + ".wal")
        elif Path(str(tmp) + ".wal").exists():
            os.unlink(str(tmp) + ".wal")
        os.replace(tmp, dst)
        if Path(str(tmp) + ".wal").exists():
            os.replace(str(tmp) + ".wal", str(dst) + ".wal")
        elif Path(str(dst) + ".wal").exists():
            os.unlink(str(dst) + ".wal")
        self._snap_key = key

    def _open_file(self):
        if not Path(self.target).exists():
            raise StoreError(f"{self.target}: no such store; build one with `detente ingest PATH --db {self.target}`")
        try:
            store = _OneTry(self.target, read_only=True)
        except StoreError as e:
            if not _locked(e):
                raise
            with self._lock:
                if self._snap_key is None:
                    err = StoreError(f"{self.target}: the store is locked by a writer (is `detente ingest` "
                                     f"running?) and no earlier copy is at hand; try again when it finishes")
                    err.status = 503
                    raise err from None
                self.stale = True
                return _OneTry(str(self._snapshot_path()), read_only=True)
        with self._lock:
            try:
                self._refresh_snapshot()
            except OSError:
                pass  # a snapshot is a convenience; the live store still answers
            self.stale = False
        return store

    @contextmanager
    def open(self) -> Iterator:
        """The store, read-only, for the duration of one request."""
        from ..store import open_store

        store = self._open_file() if self.is_file else open_store(self.target, read_only=True)
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def open_for_write(self) -> Iterator:
        """The store opened for writing (for token-protected write endpoints)."""
        from ..store import open_store

        store = open_store(self.target)
        try:
            yield store
        finally:
            store.close()

    def close(self) -> None:
        if self._snap_dir is not None:
            shutil.rmtree(self._snap_dir, ignore_errors=True)
            self._snap_dir = None
