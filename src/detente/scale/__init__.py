"""Scale-out: code articles on a Dask cluster, store them from one client.

On one machine::

    detente ingest corpus/ --db events.duckdb --dask-workers 2

On a cluster (every machine has detente installed, the same version, and sees the inputs at the same
path: a shared filesystem such as NFS, or a copy of the files on each)::

    dask scheduler --host 10.0.0.1 --port 8786                 # on one machine
    dask worker tcp://10.0.0.1:8786 --nworkers 4 --nthreads 1  # on each worker machine: 1 per core
    detente ingest /shared/corpus --db events.duckdb --scheduler tcp://10.0.0.1:8786   # on the client

The client lists and splits the inputs (JSONL/CSV files into runs of records, about sixteen per worker),
the workers load
spaCy once per process, read their shards from the shared path and send Parquet shards back; the
client alone writes the store (a DuckDB file on the client, or ``--db postgresql://...``). Extra
``--actors``/``--patterns`` files must be readable by the workers at the same path. Each worker
process needs about 500 MB. Inputs read from standard input travel from the client with the task.
"""
from .dask_ingest import ingest_with_dask

__all__ = ["ingest_with_dask"]
