"""Dask ingest on a real 2-process LocalCluster gives the store a single-process ingest gives."""
from __future__ import annotations

import csv
import json
import shutil

import pytest

from detente.errors import InputError, NotEnglishError
from detente.scale.shards import Shard, plan, read_shard

from ..conftest import SAMPLES, python_ok

SENTENCES = [
    "Russia condemned the missile test by North Korea on Tuesday.",
    "Japan and South Korea agreed to hold talks in Tokyo next month.",
    "China rejected the proposal from the United States.",
    "Iran threatened to close the Strait of Hormuz.",
    "The European Union imposed sanctions on Syria.",
    "Germany praised France for its mediation.",
]


def _records(n: int):
    for i in range(n):
        text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))
        yield {"id": f"gen-{i}", "title": f"Report {i}", "published": f"2016-03-{i % 28 + 1:02d}", "text": text}


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(SAMPLES, root / "samples")
    lines = [json.dumps(r) for r in _records(7)]
    lines.insert(3, "{not json")
    lines.insert(5, "")
    lines.append(json.dumps({"id": "de", "text": "Die Bundesregierung hat am Dienstag die Sanktionen gegen "
                             "Russland verlängert, teilte ein Sprecher in Berlin mit."}))
    (root / "gen.jsonl").write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    with open(root / "gen.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", "title", "published", "text"])
        w.writeheader()
        for r in _records(5):
            w.writerow({**r, "id": "csv-" + r["id"], "text": r["text"].replace(". ", ".\n")})
        w.writerow({"id": "empty", "title": "x", "published": "", "text": ""})
    return root


def _single_process(paths, db):
    from detente import get_coder
    from detente.ingest import iter_articles
    from detente.store import open_store

    errors = []
    coded = list(get_coder().code_articles(iter_articles(paths, on_error=errors.append),
                                           on_error=lambda e, a: errors.append(e)))
    with open_store(db) as store:
        store.add(coded)
    return errors


def _dump(db):
    from detente.store import open_store

    with open_store(db, read_only=True) as store:
        men = store.query("SELECT * FROM mentions ORDER BY event_id")
        arts = store.query("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY article_id")
        events = store.query("SELECT * FROM events ORDER BY cluster_id")
    return men, arts, events


def test_shards_read_as_the_whole_file(corpus):
    """Splitting into 3-record shards yields the same articles and errors (ids, lines) as reading whole."""
    from detente.ingest.readers import read_path

    for name in ("gen.jsonl", "gen.csv"):
        path = corpus / name
        shards = list(plan([path], records=3))
        assert len(shards) > 1 and all(isinstance(s, Shard) for s in shards)
        split = [x for s in shards for x in read_shard(s)]
        whole = list(read_path(path))
        assert [repr(x) if isinstance(x, InputError) else x for x in split] == \
            [repr(x) if isinstance(x, InputError) else x for x in whole]
        errs = [x for x in split if isinstance(x, InputError)]
        assert errs and all(e.line for e in errs)


def test_dask_ingest_matches_single_process(corpus, tmp_path):
    from detente.scale import ingest_with_dask

    single = _single_process([corpus], str(tmp_path / "single.duckdb"))
    got = []
    stats = ingest_with_dask([corpus, tmp_path / "missing.txt"], db=str(tmp_path / "dask.duckdb"), workers=2,
                             on_error=got.append, records=3)
    assert sorted(str(e) for e in got) == sorted([str(e) for e in single] + [f"{tmp_path}/missing.txt: no such "
                                                                              "file or directory"])
    assert all(isinstance(e, InputError) for e in got)
    assert any(e.line == 4 and e.path.endswith("gen.jsonl") for e in got)
    assert stats["failed"] == len(got)
    men, arts, events = _dump(str(tmp_path / "dask.duckdb"))
    assert (men, arts, events) == _dump(str(tmp_path / "single.duckdb"))
    assert any(isinstance(e, NotEnglishError) for e in got)
    assert len(men) > 10 and len(arts) == stats["articles"] and len(men) == stats["mentions"]


def test_scheduler_address_and_shards_through_dask(corpus, tmp_path):
    """--scheduler: connect to a running cluster; Parquet shards travel back through Dask, not a directory."""
    from dask.distributed import LocalCluster

    from detente.scale import ingest_with_dask

    _single_process([corpus / "gen.jsonl"], str(tmp_path / "single.duckdb"))
    with LocalCluster(n_workers=1, processes=False, threads_per_worker=2, protocol="tcp", host="127.0.0.1",
                      dashboard_address=None) as cluster:
        stats = ingest_with_dask([corpus / "gen.jsonl"], db=str(tmp_path / "dask.duckdb"),
                                 scheduler=cluster.scheduler_address, records=2)
    assert stats["failed"] == 2 and stats["articles"] == 7
    assert _dump(str(tmp_path / "dask.duckdb")) == _dump(str(tmp_path / "single.duckdb"))


def test_needs_workers_or_scheduler(tmp_path):
    from detente.errors import ConfigError
    from detente.scale import ingest_with_dask

    with pytest.raises(ConfigError, match="workers"):
        ingest_with_dask([], db=str(tmp_path / "x.duckdb"))


def test_shards_sized_from_input_and_workers(tmp_path):
    """Without a fixed size, a file is split in "guided" shards: large first, each about an eighth of what is
    left for two workers, then smaller down to 2 articles, so the last ones to finish are short; the shards
    still cover every record once, in order (issue 20: a 100-record file was one shard, so one worker did all)."""
    from itertools import islice

    from detente.ingest.readers import read_path
    from detente.scale.shards import shard_sizes

    def sizes(n, w):
        out, left = [], n
        for k in shard_sizes(n, w):
            out.append(min(k, left))
            left -= k
            if left <= 0:
                return out

    assert sizes(100, 2) == [13, 11, 10, 9, 8, 7, 6, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2]
    assert sum(sizes(100, 2)) == 100 and sorted(sizes(100, 2), reverse=True) == sizes(100, 2)
    assert sizes(400, 2)[0] == 50 and sizes(400, 1)[0] == 100 and sizes(10 ** 6, 8)[0] == 100
    assert list(islice(shard_sizes(0, 2), 2)) == [2, 2] and sizes(3, 2) == [2, 1]
    path = tmp_path / "hundred.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records(100)), encoding="utf-8")
    shards = list(plan([path], workers=2))
    assert len(shards) == len(sizes(100, 2)) and all(isinstance(s, Shard) for s in shards)
    got = [[a.id for a in read_shard(s)] for s in shards]
    assert [len(g) for g in got] == sizes(100, 2)
    assert [i for g in got for i in g] == [a.id for a in read_path(path)]
    assert len(list(plan([path], records=8, workers=2))) == 13 and len(list(plan([path], records=100, workers=2))) == 1
    csv_path = tmp_path / "hundred.csv"
    csv_path.write_text("id,text\n" + "".join(f'{r["id"]},"{r["text"]}"\n' for r in _records(100)), encoding="utf-8")
    got = [[a.id for a in read_shard(s)] for s in plan([csv_path], workers=2)]
    assert [i for g in got for i in g] == [a.id for a in read_path(csv_path)] and len(got[0]) > len(got[-1])


def test_worker_config_reaches_a_local_cluster():
    """--dask-workers starts workers without Dask's statistical profiler (a fifth of the coding time) and with
    glibc's own memory trimming (the nanny's MALLOC_TRIM_THRESHOLD_ cost 5-7%), one BLAS thread each."""
    from contextlib import ExitStack

    from detente.scale.dask_ingest import local_client

    def probe(dask_worker):
        import os

        return ("profile" in dask_worker.periodic_callbacks, dask_worker.periodic_callbacks["tick"].callback_time,
                os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS"))

    with ExitStack() as stack:
        client = local_client(1, stack)
        seen = client.run(probe)
    assert list(seen.values()) == [(False, 500, None, "1")]


def test_worker_process_freezes_its_coder_and_a_thread_does_not(monkeypatch):
    """A worker process keeps its Coder to its end, so what loading built is taken out of the garbage collector's
    sight (``gc.freeze``: its exit takes 0.2 s, not 0.76); a worker thread in the client's process freezes nothing."""
    import gc
    from contextlib import ExitStack

    from dask.distributed import Client, LocalCluster

    from detente.scale.dask_ingest import local_client
    from detente.scale.worker import coder

    def frozen():
        import gc

        coder(None)
        return gc.get_freeze_count()

    def torch_loaded():
        import sys

        return "torch" in sys.modules

    def prefetching():
        return coder(None).rules.scorer_stage.scorer.encoder.prefetching

    monkeypatch.setenv("DETENTE_PREFETCH", "1")  # what the workers inherit: they turn it off all the same
    with ExitStack() as stack:
        client = local_client(1, stack)
        assert client.submit(frozen, pure=False).result() > 100_000
        # and it loaded the shipped model with torch hidden from thinc (``nlp.no_torch``)
        assert client.submit(torch_loaded, pure=False).result() is False
        # and its encoder runs no thread of its own beside the worker's (a worker per core keeps them busy)
        assert client.submit(prefetching, pure=False).result() is False
    before = gc.get_freeze_count()
    with LocalCluster(n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        assert client.submit(frozen, pure=False).result() == before


def test_the_dask_client_does_not_import_spacy():
    """The client only plans, stores and merges: importing what `detente ingest --dask-workers` runs on it loads
    no spaCy (1.2 s of its start-up with torch installed), while `from detente.nlp import ...` still works."""
    python_ok("import sys, detente.cli, detente.cli.coding, detente.scale.dask_ingest, detente.store, detente.ingest_loop\n"
              "from detente.nlp.language import LANG_CHOICES\n"
              "assert 'spacy' not in sys.modules, 'spacy imported'\n"
              "import detente.nlp.chunks\n"
              "from detente.nlp import chunks, load_nlp\n"
              "assert callable(chunks) and callable(load_nlp) and 'spacy' in sys.modules\n")


def test_thinc_never_imports_torch_for_the_shipped_model():
    """thinc imports torch whenever it is installed (0.8 s of start-up, 0.3 s of exit), though the shipped spaCy
    model never uses it: a process that only loads that model hides torch from thinc alone; torch itself can
    still be imported after."""
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        pytest.skip("torch is not installed: nothing to hide")
    python_ok("import sys\n"
              "from detente.nlp.no_torch import hide_from_thinc\n"
              "assert hide_from_thinc()\n"
              "from detente import get_coder\n"
              "c = get_coder(None)\n"
              "import thinc.compat\n"
              "assert 'torch' not in sys.modules and not thinc.compat.has_torch\n"
              "assert c.code_article(__import__('detente.ingest.readers', fromlist=['x']).make_article("
              "id='a', text='Iran rejected the proposal by Iraq.')).events\n"
              "import torch\n"
              "assert not hide_from_thinc()\n")
