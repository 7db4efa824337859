"""What runs on a Dask worker: read a shard, code it with the process's Coder, hand back a Parquet shard.

The Coder (spaCy and the dictionaries) is loaded once per worker process and reused by every task; a
lock keeps one task at a time on it, since a Coder is not thread-safe (start workers with
``--nthreads 1``: a second thread would only wait).
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import threading
import time
from dataclasses import dataclass, field
from datetime import date

from ..config import Settings
from ..errors import InputError
from ..model import Article
from .frames import to_parquet
from .shards import Shard, read_shard

_LOCK = threading.Lock()
_KEPT: set[int] = set()  # the Coders whose loading was taken out of the garbage collector's sight


@dataclass
class ShardResult:
    """What a worker sends back for one shard."""

    parquet: bytes | str               # Parquet bytes, or the path of the file written in shard_dir
    articles: int
    errors: list[InputError] = field(default_factory=list)
    peak_rss_mb: float = 0.0           # the worker process's peak resident memory so far
    pid: int = 0
    load_seconds: float = 0.0          # loading the Coder (the process's first shard only)
    code_seconds: float = 0.0          # coding the shard's articles
    write_seconds: float = 0.0         # writing its Parquet shard


def coder(settings: Settings | None = None):
    """The worker process's Coder for ``settings`` (loaded on first use, then reused for the process's life)."""
    from .. import get_coder

    # a process started to be a worker (a nanny's) is ours: it keeps its Coder to its end. Not a thread of the
    # client's own process (a LocalCluster without processes), whose imports and objects are not ours to manage.
    ours = multiprocessing.parent_process() is not None
    if ours:
        # a worker per core keeps every core busy: an encoder thread beside each would only take turns with it
        os.environ["DETENTE_PREFETCH"] = "0"
        if (settings or Settings()).model == Settings().model:
            from ..nlp.no_torch import hide_from_thinc

            hide_from_thinc()  # the shipped model needs no torch: 0.8 s of the worker's start-up when installed
    c = get_coder(settings)
    if ours and id(c) not in _KEPT:
        from ..pipeline import keep_loaded

        _KEPT.add(id(c))
        keep_loaded()
    return c


def code_articles(articles: list[Article], settings: Settings | None = None, *,
                  errors: list[InputError] | None = None, shard_dir: str | None = None,
                  name: str = "shard") -> ShardResult:
    """Code ``articles`` on this worker; uncodable ones (not English, ...) are listed in the result's errors."""
    errors = [] if errors is None else errors
    with _LOCK:
        t0 = time.perf_counter()
        c = coder(settings)
        t1 = time.perf_counter()
        coded = list(c.code_articles(articles, on_error=lambda e, _a: errors.append(e)))
        t2 = time.perf_counter()
    where = os.path.join(shard_dir, f"{name}.parquet") if shard_dir else None
    shard = to_parquet(coded, where)
    return ShardResult(shard, len(coded), errors, peak_rss_mb(), os.getpid(), load_seconds=t1 - t0,
                       code_seconds=t2 - t1, write_seconds=time.perf_counter() - t2)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (VmHWM: not inherited from a forking parent)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def code_shard(shard: Shard, settings: Settings | None = None, *, published: date | None = None,
               shard_dir: str | None = None, name: str = "shard") -> ShardResult:
    """Read and code one shard; read errors and coding errors come back in the result, in input order."""
    errors: list[InputError] = []
    articles = []
    for item in read_shard(shard, published=published):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            articles.append(item)
    return code_articles(articles, settings, errors=errors, shard_dir=shard_dir, name=name)
