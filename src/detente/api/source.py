"""Where the server reads its data: the store opened read-only per request, or a fresh copy of it.

DuckDB lets one process write a file, and while it writes no other process may open it, not even read-only.
So the server never holds the file between requests (``detente ingest`` can always take it):

- the file is free: the request reads it, read-only; if it changed since the last copy, it is copied to a
  private snapshot meanwhile (the read lock we hold keeps writers out, so the copy is whole);
- a writer holds it (an ingest is running): the request reads the snapshot. If the file changed since the last
  copy (the writer committed a batch), it is copied again first. A copy made under a writer's lock is kept only
  if the file did not change while it was read and the copy opens and reads; otherwise the previous snapshot
  serves. So a server started in the middle of an ingest sees each committed batch, never half of one.

Answers from a snapshot are marked (``Served.stale`` with ``as_of``, the time the copied data was written); the
API passes that on. A PostgreSQL URL is simply opened per request.
"""
from __future__ import annotations

import itertools
import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from ..errors import StoreError

log = logging.getLogger("detente.serve")
COPY_TRIES = 3  # copies attempted under a writer's lock before the previous snapshot is served instead
# a store that takes over 0.1 s to copy is copied again no sooner than 4 times that after the last copy, so an
# ingest committing often to a big store does not keep the server copying (at most a fifth of its time)
COPY_SPACING = 4


class StoreBusy(StoreError):
    """The store is held by a writer and cannot serve this request now; try again after a while."""

    status = 503

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Served:
    """Where one request's data came from: the live store, or a snapshot (``stale``) of data written at
    ``as_of``."""

    stale: bool = False
    as_of: datetime | None = None


def _locked(e: Exception) -> bool:
    s = str(e).lower()
    return "lock" in s or "conflicting" in s or "different configuration" in s  # another process / this one writes


def _other_process(e: Exception) -> bool:
    """A lock held by another process (an ingest), not a connection of this one with another configuration."""
    return "different configuration" not in str(e).lower()


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
    """Opens the store named by ``target`` for one request at a time, read-only (see the module)."""

    def __init__(self, target: str):
        self.target = str(target)
        self.is_file = not self.target.startswith(("postgresql://", "postgres://"))
        self._lock = threading.Lock()  # guards the current snapshot (opened under it, swapped under it)
        self._copying = threading.Lock()  # one copy at a time
        self._snap_dir: Path | None = None
        self._snap: Path | None = None  # the current snapshot file
        self._snap_key: tuple | None = None
        self._snap_as_of: datetime | None = None
        self._copied_at = self._copy_s = 0.0
        self._names = itertools.count()
        self.stale = False  # the last open was served from the snapshot

    def _key(self) -> tuple:
        p = Path(self.target)
        wal = Path(self.target + ".wal")
        st = p.stat()
        w = wal.stat() if wal.exists() else None
        return (st.st_mtime_ns, st.st_size, w.st_mtime_ns if w else None, w.st_size if w else None)

    @staticmethod
    def _as_of(key: tuple) -> datetime:
        ns = max(k for k in (key[0], key[2]) if k is not None)
        return datetime.fromtimestamp(ns / 1e9, tz=timezone.utc).replace(microsecond=0)

    def _copy(self, *, under_writer: bool) -> None:
        """Copy the store to a new snapshot if it changed since the last copy (see COPY_SPACING for big stores);
        under a writer's lock, keep the copy only if it is whole."""
        if self._snap_dir is None:
            self._snap_dir = Path(tempfile.mkdtemp(prefix="detente-serve-"))
        if self._snap is not None and self._copy_s > 0.1 and \
                time.monotonic() - self._copied_at < COPY_SPACING * self._copy_s:
            return  # a big store: the last copy is recent enough
        for _ in range(COPY_TRIES if under_writer else 1):
            t0 = time.monotonic()
            key = self._key()
            if key == self._snap_key:
                return
            dst = self._snap_dir / f"snapshot-{next(self._names)}.duckdb"
            shutil.copyfile(self.target, dst)
            wal = Path(self.target + ".wal")
            if wal.exists():
                shutil.copyfile(wal, str(dst) + ".wal")
            took = time.monotonic() - t0
            if under_writer:
                if self._key() != key:  # the writer wrote while we read: the copy may hold half a batch
                    _remove(dst)
                    time.sleep(0.05)
                    continue
                try:
                    probe = _OneTry(str(dst), read_only=True)
                    probe.con.execute("SELECT count(*) FROM articles").fetchall()
                    probe.close()
                except Exception:  # noqa: BLE001 - an unreadable copy is dropped; the previous one serves
                    _remove(dst)
                    continue
            with self._lock:
                old, self._snap = self._snap, dst
                self._snap_key, self._snap_as_of = key, self._as_of(key)
            self._copied_at, self._copy_s = time.monotonic(), took
            if old is not None:
                _remove(old)  # requests reading it keep their open file
            return

    def _open_snapshot(self) -> tuple:
        with self._lock:
            if self._snap is None:
                raise StoreBusy("the store is locked by a writer (is `detente ingest` running?) and no copy of "
                                "it could be made yet; try again shortly", retry_after=5)
            return _OneTry(str(self._snap), read_only=True), Served(True, self._snap_as_of)

    def _open_file(self):
        if not Path(self.target).exists():
            raise StoreError("the store the server was started on does not exist; build it with "
                             "`detente ingest PATH --db STORE`")
        try:
            store = _OneTry(self.target, read_only=True)
        except StoreError as e:
            if not _locked(e):
                log.error("cannot open %s: %s", self.target, e)
                raise StoreError("the store cannot be opened (see the server's log)") from e
            # a writer holds it: bring the snapshot up to date if the writer committed since (the first
            # request waits for a copy in progress, later ones take the copy at hand)
            if self._copying.acquire(blocking=self._snap is None):
                try:
                    self._copy(under_writer=True)
                except OSError:
                    pass  # the file could not be read; the previous snapshot (if any) serves
                finally:
                    self._copying.release()
            store, served = self._open_snapshot()
            self.stale = True
            store.served = served
            return store
        if self._copying.acquire(blocking=False):
            try:
                self._copy(under_writer=False)
            except OSError:
                pass  # a snapshot is a convenience; the live store still answers
            finally:
                self._copying.release()
        self.stale = False
        store.served = Served()
        return store

    @contextmanager
    def open(self) -> Iterator:
        """The store, read-only, for the duration of one request; ``store.served`` says where it came from."""
        from ..store import open_store

        if self.is_file:
            store = self._open_file()
        else:
            store = open_store(self.target, read_only=True)
            store.served = Served()
        try:
            yield store
        finally:
            store.close()

    def check_writable(self) -> None:
        """Raise StoreBusy (503) at once if another process (an ingest) is writing the store."""
        if not self.is_file or not Path(self.target).exists():
            return
        try:
            _OneTry(self.target, read_only=True).close()
        except StoreError as e:
            if _locked(e) and _other_process(e):
                raise self._busy_writing() from None

    @staticmethod
    def _busy_writing() -> StoreBusy:
        return StoreBusy("the store is being written by another process (is `detente ingest` running?); "
                         "try again when it finishes", retry_after=30)

    @contextmanager
    def open_for_write(self) -> Iterator:
        """The store opened for writing (for token-protected write endpoints); StoreBusy (503) at once if
        another process writes it, after a short wait if this server's own readers hold it."""
        from ..store import open_store

        if not self.is_file:
            store = open_store(self.target)
        else:
            store = None
            for _ in range(40):  # this process's readers hold it for milliseconds
                try:
                    store = _OneTry(self.target, read_only=False)
                    break
                except StoreError as e:
                    if not _locked(e):
                        log.error("cannot open %s for writing: %s", self.target, e)
                        raise StoreError("the store cannot be opened for writing (see the server's log)") from e
                    if _other_process(e):
                        raise self._busy_writing() from None
                    time.sleep(0.05)
            if store is None:
                raise StoreBusy("the store is busy with this server's readers; try again", retry_after=1)
        try:
            yield store
        finally:
            store.close()

    def close(self) -> None:
        if self._snap_dir is not None:
            shutil.rmtree(self._snap_dir, ignore_errors=True)
            self._snap_dir = None


def _remove(path: Path) -> None:
    for p in (path, Path(str(path) + ".wal")):
        try:
            p.unlink()
        except OSError:
            pass  # Windows keeps a file that is open; the folder goes at close()
