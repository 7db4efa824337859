"""Coding throughput against spaCy's parse-only throughput, measured in the same run on the same texts.

    .venv/bin/python bench/throughput.py                 # 300 articles, 1 process
    .venv/bin/python bench/throughput.py --workers 1,2   # also Dask LocalCluster vs spaCy n_process
    .venv/bin/python bench/throughput.py --profile       # where the coder's time goes beyond parsing
    .venv/bin/python bench/throughput.py --learned none,tfidf,encoder   # the learned layers compared

Reads ../shared/data/allsides_international_news.jsonl.gz (bench only; never the product). Absolute
figures are noisy on shared machines: quote the ratios.
"""
from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import pstats
import resource
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides_international_news.jsonl.gz"


def load_sample(n: int):
    """The first ``n`` articles with text, as Articles (a fixed sample)."""
    from detente.ingest.readers import make_article

    out = []
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not (r.get("content_original") or "").strip():
                continue
            out.append(make_article(id=r["ID"], text=r["content_original"], title=r.get("title"),
                                    published=r.get("date"), outlet=r.get("source")))
            if len(out) == n:
                break
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def clock() -> tuple[float, float]:
    """Wall seconds and this process's CPU seconds (CPU time barely moves when other users load the machine)."""
    return time.perf_counter(), time.process_time()


def since(t0: tuple[float, float]) -> tuple[float, float]:
    t1 = clock()
    return t1[0] - t0[0], t1[1] - t0[1]


def parse_only(nlp, pieces, batch_size: int, n_process: int = 1) -> tuple[tuple[float, float], int, int]:
    """(wall, CPU) seconds, sentences, words for spaCy alone on ``pieces`` (counted with arrays)."""
    from spacy.attrs import IS_PUNCT, IS_SPACE, SENT_START

    t = clock()
    sents = words = 0
    for doc in nlp.pipe(pieces, batch_size=batch_size, n_process=n_process):
        arr = doc.to_array([SENT_START, IS_PUNCT, IS_SPACE])
        sents += int((arr[:, 0] == 1).sum()) if len(doc) else 0
        words += int(((arr[:, 1] == 0) & (arr[:, 2] == 0)).sum()) if len(doc) else 0
    return since(t), sents, words


def doc_text_cost(nlp, pieces, batch_size: int) -> tuple[float, int]:
    """Seconds spent if ``doc.text`` (rebuilt from every token on each call) is read once per sentence."""
    secs = n = 0
    for doc in nlp.pipe(pieces, batch_size=batch_size):
        t = time.process_time()
        for _ in doc.sents:
            doc.text
            n += 1
        secs += time.process_time() - t
    return secs, n


def stages(coder, articles) -> None:
    """CPU seconds per stage of the coder, timed by wrappers on this Coder (no profiler overhead on spaCy)."""
    import detente.pipeline as pl

    spent: dict[str, float] = {}

    def timed(name, fn):
        def run(*args, **kw):
            t = time.process_time()
            try:
                return fn(*args, **kw)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t
        return run

    saved = {k: getattr(pl, k) for k in ("event_location", "find_header")}
    targets = [(coder, "check"), (coder, "_code_doc"), (coder, "_finish"), (coder.resolver, "mentions"),
               (coder.resolver, "sectors_in"), (coder.rules, "code_sentence")]
    for obj, name in targets:
        setattr(obj, name, timed(name, getattr(obj, name)))
    for k, fn in saved.items():
        setattr(pl, k, timed(k, fn))
    try:
        (total, cpu), _ = code_all(coder, articles)
    finally:
        for obj, name in targets:
            delattr(obj, name)
        for k, fn in saved.items():
            setattr(pl, k, fn)
    rest = spent["_code_doc"] - sum(spent.get(k, 0) for k in ("mentions", "sectors_in", "code_sentence",
                                                                "event_location", "find_header"))
    print(f"stages (CPU s of {cpu:.2f}; spaCy pipe = the rest):")
    for k in ("check", "mentions", "sectors_in", "code_sentence", "event_location", "find_header", "_finish"):
        print(f"  {k:16}{spent.get(k, 0):7.2f}  {spent.get(k, 0) / cpu:6.1%}")
    print(f"  {'_code_doc other':16}{rest:7.2f}  {rest / cpu:6.1%}")
    beyond = spent["_code_doc"] + spent.get("check", 0) + spent.get("_finish", 0)
    print(f"  {'spaCy + glue':16}{cpu - beyond:7.2f}  {(cpu - beyond) / cpu:6.1%}")


def code_all(coder, articles) -> tuple[tuple[float, float], int]:
    t = clock()
    n = sum(len(c.events) for c in coder.code_articles(articles, on_error=lambda e, a: None))
    return since(t), n


def profile(coder, articles, top: int) -> None:
    """cProfile the coder; print detente's own functions by cumulative time, and the top by own time."""
    prof = cProfile.Profile()
    prof.enable()
    list(coder.code_articles(articles, on_error=lambda e, a: None))
    prof.disable()
    for key, pattern in (("cumulative", "detente/"), ("tottime", "")):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats(key).print_stats(pattern, top)
        print("\n".join(buf.getvalue().splitlines()[-top - 3:]))


def warm(settings, articles) -> None:
    from detente.scale import worker

    worker.code_articles(articles, settings)


def with_dask(workers: int, articles, settings, per_task: int) -> dict:
    """Code ``articles`` on a LocalCluster of ``workers`` processes (Coders loaded before the clock starts)."""
    from dask.distributed import Client, LocalCluster

    from detente.scale import worker

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(warm, settings, articles[:3])  # load spaCy and the lazy parts (gazetteer, dateparser)
        batches = [articles[i:i + per_task] for i in range(0, len(articles), per_task)]
        t = time.perf_counter()
        futs = client.map(worker.code_articles, batches, settings=settings, pure=False)
        results = client.gather(futs)
        secs = time.perf_counter() - t
    peak = {}
    for r in results:
        peak[r.pid] = max(peak.get(r.pid, 0), r.peak_rss_mb)
    return {"secs": secs, "articles": sum(r.articles for r in results), "peak_rss_mb": sorted(peak.values())}


def compare_learned(kinds: list[str], articles, repeat: int) -> None:
    """Code the same articles with each learned layer ("none", "tfidf", "encoder"), interleaved, best of
    ``repeat``; print articles/s, sentences that reached the layer, and each ratio to the first kind."""
    from detente.config import Settings
    from detente.pipeline import Coder

    coders, calls = {}, {}
    for k in kinds:
        t = time.perf_counter()
        coders[k] = Coder(Settings(learned=k != "none", learned_kind="tfidf" if k == "none" else k))
        lay = coders[k].rules.learned
        if lay is not None:
            def counted(items, _f=lay.predict_pairs, _k=k):
                calls[_k] = calls.get(_k, 0) + len(items)
                return _f(items)
            lay.predict_pairs = counted
        list(coders[k].code_articles(articles[:5]))  # warm up (loads the encoder's lazy parts)
        print(f"learned={k}: Coder loaded in {time.perf_counter() - t:.1f}s, RSS {rss_mb():.0f} MB")
    runs: dict[str, list] = {k: [] for k in kinds}
    evs = {}
    for i in range(repeat):
        for k in (kinds if i % 2 == 0 else kinds[::-1]):
            calls[k] = 0
            secs, evs[k] = code_all(coders[k], articles)
            runs[k].append(secs)
    base = kinds[0]
    bw, bc = min(x[0] for x in runs[base]), min(x[1] for x in runs[base])
    print(f"{'learned':10}{'articles/s':>11}{'wall s':>9}{'CPU s':>8}{'events':>8}{'pairs asked':>12}"
          f"{'wall ratio':>11}{'CPU ratio':>10}")
    for k in kinds:
        w, c = min(x[0] for x in runs[k]), min(x[1] for x in runs[k])
        print(f"{k:10}{len(articles) / w:11.1f}{w:9.2f}{c:8.2f}{evs[k]:8d}{calls.get(k, 0):12d}{bw / w:11.3f}{bc / c:10.3f}")
    print(f"RATIO throughput vs learned={base}: " + ", ".join(
        f"{k} {bw / min(x[0] for x in runs[k]):.3f} wall / {bc / min(x[1] for x in runs[k]):.3f} CPU" for k in kinds[1:]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="articles in the sample (default 300)")
    ap.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size (default: Settings)")
    ap.add_argument("--repeat", type=int, default=2, help="interleaved runs of each; the best is kept")
    ap.add_argument("--workers", default="", help="e.g. 1,2: Dask LocalCluster and spaCy n_process runs")
    ap.add_argument("--per-task", type=int, default=10, help="articles per Dask task")
    ap.add_argument("--profile", action="store_true", help="cProfile the coder after timing")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--learned", default="", help="e.g. none,tfidf,encoder: throughput of each learned layer, "
                    "ratios to the first (encoder threads: DETENTE_ENCODER_THREADS)")
    a = ap.parse_args()

    from detente import get_coder
    from detente.config import Settings
    from detente.errors import InputError
    from detente.nlp import chunks

    settings = Settings(batch_size=a.batch_size) if a.batch_size else Settings()
    t = time.perf_counter()
    coder = get_coder(settings)
    load_s = time.perf_counter() - t
    import spacy

    plain = spacy.load(settings.model)  # the baseline: the model as shipped, no detente component
    rss_loaded = rss_mb()
    articles = []
    for art in load_sample(a.n):
        try:
            coder.check(art)
            articles.append(art)
        except InputError:
            pass
    pieces = [p for art in articles for _, p in chunks(art.text)]
    bs = settings.batch_size
    print(f"sample: {len(articles)} English articles, {sum(len(x.text) for x in articles):,} chars; "
          f"model {settings.model}, batch_size {bs}; Coder loaded in {load_s:.1f}s, RSS {rss_loaded:.0f} MB")

    list(coder.code_articles(articles[:5]))  # warm up
    list(plain.pipe(pieces[:5]))
    parse_t, code_t, events = [], [], 0
    for i in range(a.repeat):  # alternate the order: ABBA
        for what in (("parse", "code") if i % 2 == 0 else ("code", "parse")):
            if what == "parse":
                secs, sents, words = parse_only(plain, pieces, bs)
                parse_t.append(secs)
            else:
                secs, events = code_all(coder, articles)
                code_t.append(secs)
    n = len(articles)
    print(f"{'':14}{'articles/s':>11}{'sentences/s':>13}{'words/s':>10}{'wall s':>9}{'CPU s':>8}")
    for name, runs in (("spaCy parse", parse_t), ("detente code", code_t)):
        w, cpu = min(x[0] for x in runs), min(x[1] for x in runs)
        print(f"{name:14}{n / w:11.1f}{sents / w:13.1f}{words / w:10.0f}{w:9.2f}{cpu:8.2f}")
    print(f"events: {events}; peak RSS {rss_mb():.0f} MB (one process)")
    cpu_ratio = min(x[1] for x in parse_t) / min(x[1] for x in code_t)
    wall_ratio = min(x[0] for x in parse_t) / min(x[0] for x in code_t)
    print(f"RATIO coder / parse-only = {cpu_ratio:.3f} on CPU time, {wall_ratio:.3f} on wall time (goal >= 0.85)")
    c = min(x[0] for x in code_t)
    c_cpu = min(x[1] for x in code_t)

    if a.learned:
        compare_learned([k.strip() for k in a.learned.split(",") if k.strip()], articles, a.repeat)
    if a.workers:
        ns = [int(x) for x in a.workers.split(",")]
        spacy_s, dask_s = {}, {}
        for w in ns:
            spacy_s[w] = parse_only(plain, pieces, bs, n_process=w)[0][0]
            r = with_dask(w, articles, settings, a.per_task)
            dask_s[w] = r["secs"]
            print(f"workers={w}: spaCy n_process {n / spacy_s[w]:.1f} art/s; Dask coder {n / r['secs']:.1f} art/s "
                  f"({r['articles']} coded); peak RSS per worker {[round(x) for x in r['peak_rss_mb']]} MB")
        print(f"Dask 1 worker / in-process coder = {c / dask_s.get(1, float('nan')):.3f}")
        base = ns[0]
        for w in ns[1:]:
            sd, ss = dask_s[base] / dask_s[w], spacy_s[base] / spacy_s[w]
            print(f"SPEED-UP {w} vs {base}: coder on Dask {sd:.2f}x, spaCy n_process {ss:.2f}x, "
                  f"coder/spaCy {sd / ss:.2f} (goals: >= 1.8x, or >= 0.95 of spaCy's)")
    if a.profile:
        secs, ns = doc_text_cost(coder.nlp, pieces, bs)
        print(f"doc.text once per sentence ({ns} sentences): {secs:.2f} CPU s = {secs / c_cpu:.1%} of coding")
        stages(coder, articles)
        profile(coder, articles, a.top)


if __name__ == "__main__":
    main()
