"""The server's coder: one worker process, a bounded queue, and a size and a time limit per request.

Coding is slow (seconds for a long article) and a Coder is not thread-safe, so the server codes in one child
process, one request at a time, and nothing that answers reads ever waits for it:

    request --(text over Settings.code_max_chars: 413)--> queue of at most Settings.code_queue
            --(queue full: 503 + Retry-After)--> dispatcher thread --> child process (the Coder)
            --(waited or coded longer than Settings.code_timeout: 503 + Retry-After)--> events

The endpoints await a future (no thread of the server's pool is held while a request waits); one dispatcher
thread feeds the child. A request that codes for longer than the time limit is stopped for real: the child is
killed and started afresh for the next request. The time the child spends loading the model is not counted
against anyone's limit.
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
import multiprocessing
import pickle
import queue
import threading
import time
from collections import deque
from concurrent.futures import Future
from typing import Any

from ..config import Settings
from ..errors import DetenteError
from .security import TooLarge

log = logging.getLogger("detente.serve")
WARM_UP = "SEOUL, Feb 21 (Reuters) - North Korea rejected the proposal by South Korea in Pyongyang on Sunday."
LOAD_TIMEOUT = 600  # seconds the child may take to load the model before it is given up


class Busy(DetenteError):
    """The coder cannot take this request now (queue full, too slow, restarting); try again after a while."""

    status = 503

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


class CodingTimeout(Busy):
    """Coding this request took longer than the server's time limit; it was stopped."""


@dataclasses.dataclass
class _Job:
    articles: list
    future: Future
    queued: float  # on the coding clock


def _child(conn, settings: Settings) -> None:
    """The worker process: load the Coder, then code each list of articles sent, until the pipe closes."""
    try:
        from datetime import date

        from .. import get_coder
        from ..ingest.readers import make_article

        coder = get_coder(settings)
        # a first article loads what the Coder loads lazily (the gazetteer ...), so no request's limit pays for it
        coder.code_article(make_article(id="warm-up", text=WARM_UP, published=date(2016, 2, 21)))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which answers the request with it
        conn.send(("failed", _portable(e)))
        return
    conn.send(("ready", None))
    while True:
        try:
            articles = conn.recv()
        except (EOFError, OSError):
            return
        if articles is None:
            return
        try:
            conn.send(("ok", list(coder.code_articles(articles))))
        except Exception as e:  # noqa: BLE001 - the same, for one request
            conn.send(("error", _portable(e)))


def _portable(e: BaseException) -> DetenteError:
    """``e`` if it is a DetenteError that survives pickling, else a plain one with its status (no details)."""
    if isinstance(e, DetenteError):
        try:
            pickle.loads(pickle.dumps(e))
            return e
        except Exception:  # noqa: BLE001
            out = DetenteError(str(e))
            out.status = getattr(e, "status", 500)
            return out
    return DetenteError("internal error while coding")


class CodingWorker:
    """Codes articles for the server in one child process, with a bounded queue and limits (see the module)."""

    def __init__(self, settings: Settings):
        self.settings = dataclasses.replace(settings, token=None)  # the child needs no secret
        self.max_chars = settings.code_max_chars
        self.timeout = float(settings.code_timeout)
        self._jobs: queue.Queue[_Job | None] = queue.Queue(maxsize=max(1, settings.code_queue))
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()
        self._proc = None
        self._conn = None
        self._paused = 0.0  # seconds spent loading the model: the coding clock stands still meanwhile
        self._load_s = 5.0  # the last load's duration, for Retry-After after a restart
        self._recent: deque[float] = deque(maxlen=20)  # recent coding times, for Retry-After when full
        self._closed = False

    def _clock(self) -> float:
        return time.monotonic() - self._paused

    def check_size(self, articles: list) -> None:
        """Raise TooLarge (413) if the texts of one request are over ``Settings.code_max_chars``."""
        n = sum(len(a.text or "") for a in articles)
        if n > self.max_chars:
            raise TooLarge(f"the text to code is {n} characters; this server codes at most {self.max_chars} "
                           f"per request (DETENTE_CODE_MAX_CHARS): send it in shorter pieces")

    def _retry_after(self, waiting: int) -> int:
        per = sum(self._recent) / len(self._recent) if self._recent else 2.0
        return min(max(1, math.ceil(per * (waiting + 1))), max(1, math.ceil(self.timeout)))

    def submit(self, articles: list) -> Future:
        """Queue ``articles`` for coding; the future gets the CodedArticles or the error. Raises at once
        TooLarge (413) or Busy (503) when the request is too large or the queue is full."""
        if self._closed:
            raise Busy("the server is shutting down", retry_after=5)
        self.check_size(articles)
        fut: Future = Future()
        self._ensure_thread()
        try:
            self._jobs.put_nowait(_Job(list(articles), fut, self._clock()))
        except queue.Full:
            raise Busy(f"the coder is busy: {self._jobs.maxsize} requests are already waiting (DETENTE_CODE_QUEUE); "
                       f"try again shortly", retry_after=self._retry_after(self._jobs.maxsize)) from None
        return fut

    async def code(self, articles: list) -> list:
        """The CodedArticles for ``articles``, coded in the worker process (see ``submit`` for the errors)."""
        return await asyncio.wrap_future(self.submit(articles))

    def _ensure_thread(self) -> None:
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="detente-coder", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if not job.future.set_running_or_notify_cancel():
                continue  # the client went away while it waited
            try:
                job.future.set_result(self._do(job))
            except BaseException as e:  # noqa: BLE001 - every future is answered, whatever went wrong
                if not isinstance(e, DetenteError):
                    log.error("coding failed: %r", e, exc_info=e)
                job.future.set_exception(e if isinstance(e, DetenteError) else _portable(e))

    def _do(self, job: _Job) -> Any:
        if self._clock() - job.queued > self.timeout:
            raise Busy(f"the coder was busy for longer than the time limit ({self.timeout:g} s) while this request "
                       f"waited; try again shortly", retry_after=self._retry_after(self._jobs.qsize()))
        if self._closed:
            raise Busy("the server is shutting down", retry_after=5)
        self._ensure_child()
        t0 = time.monotonic()
        try:
            self._conn.send(job.articles)
            done = self._conn.poll(self.timeout)
        except OSError:  # the child died between requests
            self._stop_child()
            raise Busy("the coder stopped unexpectedly and is being restarted", retry_after=math.ceil(self._load_s)) \
                from None
        if not done:
            self._stop_child()
            raise CodingTimeout(f"coding took longer than the time limit ({self.timeout:g} s, DETENTE_CODE_TIMEOUT) "
                                f"and was stopped; send a shorter text", retry_after=math.ceil(self._load_s))
        try:
            kind, value = self._conn.recv()
        except (EOFError, OSError):
            self._stop_child()
            raise Busy("the coder stopped unexpectedly and is being restarted", retry_after=math.ceil(self._load_s)) \
                from None
        self._recent.append(time.monotonic() - t0)
        if kind == "ok":
            return value
        raise value

    def _ensure_child(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        self._stop_child()
        ctx = multiprocessing.get_context("spawn")  # never fork a process with threads
        parent, child = ctx.Pipe()
        t0 = time.monotonic()
        proc = ctx.Process(target=_child, args=(child, self.settings), name="detente-coder", daemon=True)
        proc.start()
        child.close()
        try:
            if not parent.poll(LOAD_TIMEOUT):
                proc.kill()
            kind, value = parent.recv()
        except (EOFError, OSError):
            kind, value = "failed", Busy("the coder could not start; see the server's log", retry_after=30)
        finally:
            took = time.monotonic() - t0
            self._paused += took
            self._load_s = max(1.0, took)
        if kind != "ready":
            parent.close()
            proc.join(5)
            raise value
        self._proc, self._conn = proc, parent

    def _stop_child(self) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.is_alive():
                proc.kill()
            proc.join(10)

    def close(self) -> None:
        """Stop the dispatcher and the child; requests still waiting are answered 503."""
        self._closed = True
        proc = self._proc
        if proc is not None and proc.is_alive():
            proc.kill()  # a request being coded is answered at once (the dispatcher sees the pipe close)
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None and job.future.set_running_or_notify_cancel():
                job.future.set_exception(Busy("the server is shutting down", retry_after=5))
        if self._thread is not None and self._thread.is_alive():
            try:
                self._jobs.put(None, timeout=15)
            except queue.Full:
                pass
            self._thread.join(15)
        self._stop_child()
