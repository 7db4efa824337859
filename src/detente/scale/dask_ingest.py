"""``detente ingest --dask-workers N`` / ``--scheduler tcp://HOST:PORT``: code on Dask, store on the client.

The client splits the inputs into shards (``shards.plan``), the workers read and code them
(``worker.code_shard``) and hand back Parquet shards, and the client, the only writer, loads them into
the store in input order. See ``detente.scale`` for running on a real cluster.
"""
from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from datetime import date
from pathlib import Path
import logging

from ..config import Settings
from ..errors import ConfigError, InputError
from ..ingest_loop import IngestResult, StoreWriter
from .frames import from_parquet
from .shards import plan
from .worker import code_shard

log = logging.getLogger("detente.scale")
FLUSH = 16  # coded articles the client stores in one transaction


# Worker settings for coding: Dask's statistical profiler samples every thread's stack each 10 ms, and on a
# CPU-bound task holding the GIL that cost a fifth of the coding time (40 articles: 16.1 s against 13.3 s in
# process; 13.0 s without it). Its event loop's 20 ms tick and memory monitor also wake the process for nothing
# a coding run needs. A LocalCluster's workers get these; a running cluster's workers are started by their owner
# (``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False``: see bench/README.md).
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "1s",
    # Dask's nannies set MALLOC_TRIM_THRESHOLD_=65536 in their workers (memory goes back to the system sooner):
    # glibc then trims and refaults the pages spaCy and the scorer allocate and free for every batch, and
    # coding ran 5-7% slower (100 articles in one process: 28.1 s against 29.6 s). The thread limits stay.
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}


def local_client(workers: int, stack: ExitStack):
    """A Client on a LocalCluster of ``workers`` single-threaded processes on loopback, no dashboard."""
    import dask
    from dask.distributed import Client, LocalCluster

    stack.enter_context(dask.config.set(WORKER_CONFIG))  # the nannies pass the config to their workers
    cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None))
    client = Client(cluster)
    stack.callback(client.close)  # not its context manager: the stack may be closed from another thread
    return client


def _close(cluster: ExitStack, closing: threading.Thread) -> None:
    """Close the client and its cluster: wait for ``closing`` when it was started, else close them here."""
    if closing.ident is not None:
        closing.join()
    else:
        cluster.close()


def n_workers(client, asked: int | None) -> int:
    """The workers the cluster has now (at least one; ``asked`` for a local cluster still starting)."""
    try:
        info = client.scheduler_info()
        return max(int(info.get("n_workers") or 0), len(info.get("workers", {})), int(asked or 0), 1)
    except Exception:  # an old scheduler without the call: size for the workers asked for
        return max(int(asked or 0), 1)


def connect(scheduler: str, stack: ExitStack):
    """A Client on a running cluster; ConfigError when it cannot be reached."""
    from dask.distributed import Client

    try:
        client = Client(scheduler, timeout="30s")
        stack.callback(client.close)
        return client
    except (OSError, TimeoutError) as e:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None


def ingest_with_dask(paths: Iterable[str | Path], *, db: str, published: date | None = None,
                     settings: Settings | None = None, workers: int | None = None, scheduler: str | None = None,
                     on_error: Callable[[InputError], None] | None = None, records: int | None = None,
                     shard_dir: str | None = None) -> dict:
    """Code ``paths`` on Dask and store the results in ``db``.

    workers: start a LocalCluster with this many processes; scheduler: connect to tcp://HOST:PORT instead.
    records: articles per shard of a JSONL/CSV file (by default large shards first, then smaller ones, so that
    every worker stays busy to the end: ``shards.shard_sizes``). shard_dir: a directory every worker and the
    client can read (shared filesystem) for the Parquet shards; without it the shards travel through Dask.
    Returns {"articles": stored, "mentions": stored, "failed": inputs and articles that failed, "coded": articles
    coded, "inputs": input files read, "seconds": from the cluster's start to the last shard stored,
    "store_seconds": of which the client spent storing and merging}: the counts of ``detente.IngestResult``,
    which the client fills as ``detente.ingest_files`` does, storing each shard through the same ``StoreWriter``.
    """
    from dask.distributed import Client  # noqa: F401  (fail early, before reading inputs)

    from ..store import open_store

    if not workers and not scheduler:
        raise ConfigError("give workers (a local cluster) or scheduler (tcp://HOST:PORT)")
    settings = settings or Settings()
    result = IngestResult()
    inputs: set[str] = set()  # input files (a JSONL or CSV file is split into several shards)

    def report(e: InputError) -> None:
        result.failed += 1
        if on_error is not None:
            on_error(e)

    t0 = time.monotonic()
    with ExitStack() as stack:
        if shard_dir is None and not scheduler:
            shard_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="detente-shards-"))
        # the cluster is closed as soon as the last shard is back, in a thread, while the client stores the last
        # articles and closes the store: its workers' shutdown (0.5-0.9 s) then costs no time of its own
        cluster = ExitStack()
        closing = threading.Thread(target=cluster.close, name="detente-close-cluster", daemon=True)
        stack.callback(_close, cluster, closing)
        client = connect(scheduler, cluster) if scheduler else local_client(int(workers), cluster)
        shards = []
        for s in plan(paths, records=records, workers=n_workers(client, workers)):
            if isinstance(s, InputError):
                report(s)
            else:
                shards.append(s)
            inputs.add(s.path or "")
        store = stack.enter_context(open_store(db))
        # a transaction per FLUSH articles, not per shard: each costs ~45 ms of the client's time whatever its
        # size, taken from the workers on a small machine, and the last shards are small (``shards.shard_sizes``)
        writer = StoreWriter(store, result, batch=FLUSH)
        futures = [client.submit(code_shard, s, settings, published=published, shard_dir=shard_dir,
                                 name=f"shard-{i:06d}", pure=False) for i, s in enumerate(shards)]
        for fut in futures:  # input order: the same article twice ends as a single-process run ends
            res = fut.result()
            fut.release()
            log.debug("shard %s: %d articles, load %.1f s, code %.1f s, write %.2f s (worker %s)", fut.key,
                      res.articles, res.load_seconds, res.code_seconds, res.write_seconds, res.pid)
            for e in res.errors:
                report(e)
            coded = from_parquet(res.parquet)
            if isinstance(res.parquet, str):
                Path(res.parquet).unlink(missing_ok=True)
            for c in coded:
                result.coded += 1
                writer.add(c)
        closing.start()
        writer.flush()
    result.inputs = len(inputs - {""})
    result.seconds = time.monotonic() - t0
    return {"articles": result.articles, "mentions": result.mentions, "failed": result.failed,
            "coded": result.coded, "inputs": result.inputs, "seconds": round(result.seconds, 3),
            "store_seconds": round(result.store_seconds, 3)}
