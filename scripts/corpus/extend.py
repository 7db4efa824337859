"""Extend the corpus's train split: more articles, drawn as ``sample.py`` draws, appended to the index.

    python scripts/corpus/extend.py --per-batch 6 --batches b09,b10,b11 [--data ../shared/data]

Deterministic (hashes of article ids). Takes only articles the index does not hold, none of detente's dev
articles and no repeated title, of 1,500 to 5,000 characters and with a publication date; spreads them over the
topic groups in proportion to ``sample.GROUPS``'s quotas, and inside each group over outlets and years. Every
new article goes to the train split (dev and test keep their articles, so their figures stay comparable) and
to one of the named batches, which coders then fill (``batches/bNN.yaml``).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample import GROUPS, h  # noqa: E402

INDEX = Path(__file__).resolve().parents[2] / "evaldata" / "corpus" / "articles.tsv"
MIN_CHARS, MAX_CHARS = 1500, 5000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data"))
    ap.add_argument("--per-batch", type=int, required=True)
    ap.add_argument("--batches", required=True, help="comma-separated new batch names")
    a = ap.parse_args()
    data = Path(a.data)
    batches = a.batches.split(",")
    lines = INDEX.read_text(encoding="utf-8").splitlines()
    have = {l.split("\t")[0] for l in lines[1:]}
    used = {l.split("\t")[7] for l in lines[1:]}
    if used & set(batches):
        raise SystemExit(f"batches already in the index: {sorted(used & set(batches))}")
    dev_ids = {json.loads(l)["id"] for l in (data / "dev_articles" / "articles.jsonl").open(encoding="utf-8")}
    rows = [json.loads(l) for l in gzip.open(data / "allsides_international_news.jsonl.gz", "rt", encoding="utf-8")]
    seen_titles = {(r["title"] or "").strip().lower() for r in rows if r["ID"] in dev_ids or r["ID"] in have}
    by_topic = defaultdict(list)
    for r in sorted(rows, key=lambda r: h(r["ID"])):
        t = (r["title"] or "").strip().lower()
        n = len(r["content_original"] or "")
        if r["ID"] in dev_ids or r["ID"] in have or t in seen_titles or not r["date"] or not MIN_CHARS <= n <= MAX_CHARS:
            continue
        seen_titles.add(t)
        by_topic[r["topic"]].append(r)
    want = a.per_batch * len(batches)
    total = sum(q for _, q in GROUPS.values())
    # largest remainders: each group's share of ``want`` in proportion to its quota
    shares = {g: want * q / total for g, (_, q) in GROUPS.items()}
    counts = {g: int(s) for g, s in shares.items()}
    for g in sorted(shares, key=lambda g: (counts[g] - shares[g], g))[: want - sum(counts.values())]:
        counts[g] += 1
    chosen = []
    for group, (topics, _) in GROUPS.items():
        pool = sorted((r for t in topics for r in by_topic[t]), key=lambda r: h(r["ID"], "extend" + group))
        outlets: dict = defaultdict(int)
        years: dict = defaultdict(int)
        for _ in range(counts[group]):
            if not pool:
                break
            best = min(pool, key=lambda r: (outlets[r["source"]] + years[r["date"][:4]], h(r["ID"], "tie")))
            pool.remove(best)
            outlets[best["source"]] += 1
            years[best["date"][:4]] += 1
            chosen.append((best, group))
    chosen.sort(key=lambda x: h(x[0]["ID"], "batch"))
    with INDEX.open("a", encoding="utf-8") as out:
        for i, (r, group) in enumerate(chosen):
            out.write(f"{r['ID']}\ttrain\t{group}\t{r['topic']}\t{r['source']}\t{r['date']}\t"
                      f"{len(r['content_original'])}\t{batches[i % len(batches)]}\n")
    print(f"{len(chosen)} articles added to {INDEX.name} in {', '.join(batches)}")


if __name__ == "__main__":
    main()
