"""Draw the corpus sample: 320 articles of ../shared's allsides news, stratified by topic, outlet and year.

    python scripts/corpus/sample.py [--data ../shared/data] > evaldata/corpus/articles.tsv

Deterministic (hashes of article ids, no random state). Excludes the dev articles and repeated titles; keeps
articles with no publication date (about one in seven) and long ones (about one in ten); no more than a
twelfth about North Korea. Writes one row per article: id, split, group, topic, outlet, published, chars,
batch. Splits are by article, stratified by topic group: one in six test, one in six dev, the rest train.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

# topic group -> (allsides topics, how many articles)
GROUPS = {
    "middle_east": (["middle_east"], 40), "israel_palestine": (["israel", "palestine"], 16),
    "terrorism": (["terrorism"], 24), "isis": (["isis"], 16), "trade": (["trade"], 28),
    "russia": (["russia"], 24), "china": (["china"], 22), "europe": (["europe"], 14),
    "great_britain": (["great_britain"], 14), "africa": (["africa"], 12), "mexico": (["mexico"], 18),
    "north_korea": (["north_korea"], 24), "asia": (["asia", "south_korea"], 12), "world": (["world"], 24),
    "foreign_policy": (["foreign_policy"], 16),
    "security": (["national_security", "us_military", "defense", "national_defense", "state_department", "nsa",
                  "cia", "nuclear_weapons"], 16),
}
BATCHES = 8
MIN_CHARS, MAX_CHARS, LONG_CHARS, MAX_LONG = 1200, 7000, 8000, 16000


def h(s: str, salt: str = "") -> str:
    return hashlib.sha1((salt + s).encode()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    a = ap.parse_args()
    data = Path(a.data)
    dev_ids = {json.loads(l)["id"] for l in (data / "dev_articles" / "articles.jsonl").open(encoding="utf-8")}
    rows = [json.loads(l) for l in gzip.open(data / "allsides_international_news.jsonl.gz", "rt", encoding="utf-8")]
    dev_titles = {r["title"].strip().lower() for r in rows if r["ID"] in dev_ids}
    seen_titles: set[str] = set(dev_titles)
    by_topic = defaultdict(list)
    for r in sorted(rows, key=lambda r: h(r["ID"])):
        t = (r["title"] or "").strip().lower()
        n = len(r["content_original"] or "")
        if r["ID"] in dev_ids or t in seen_titles or n < MIN_CHARS or n > MAX_LONG:
            continue
        seen_titles.add(t)
        by_topic[r["topic"]].append(r)
    chosen = []
    for group, (topics, quota) in GROUPS.items():
        pool = [r for t in topics for r in by_topic[t]]
        pool.sort(key=lambda r: h(r["ID"], group))
        n_long = max(1, quota // 10)
        n_undated = max(2, quota // 7)
        picked: list = []
        outlets: dict = defaultdict(int)
        years: dict = defaultdict(int)

        def take(cands, k):
            # spread over outlets and years: always pick the candidate whose outlet and year are least used
            cands = [c for c in cands if c not in picked]
            for _ in range(k):
                if not cands:
                    return
                best = min(cands, key=lambda r: (outlets[r["source"]] + years[(r["date"] or "")[:4]],
                                                 h(r["ID"], "tie")))
                cands.remove(best)
                picked.append(best)
                outlets[best["source"]] += 1
                years[(best["date"] or "")[:4]] += 1

        take([r for r in pool if len(r["content_original"]) >= LONG_CHARS], n_long)
        take([r for r in pool if not r["date"] and len(r["content_original"]) <= MAX_CHARS], n_undated)
        take([r for r in pool if r["date"] and len(r["content_original"]) <= MAX_CHARS], quota - len(picked))
        for i, r in enumerate(sorted(picked, key=lambda r: h(r["ID"], "split"))):
            k = i % 12
            split = "test" if k in (0, 6) else "dev" if k in (3, 9) else "train"
            chosen.append((r, group, split))
    chosen.sort(key=lambda x: h(x[0]["ID"], "batch"))
    out = sys.stdout
    out.write("id\tsplit\tgroup\ttopic\toutlet\tpublished\tchars\tbatch\n")
    for i, (r, group, split) in enumerate(chosen):
        out.write(f"{r['ID']}\t{split}\t{group}\t{r['topic']}\t{r['source']}\t{r['date'] or ''}\t"
                  f"{len(r['content_original'])}\tb{i % BATCHES + 1:02d}\n")


if __name__ == "__main__":
    main()
