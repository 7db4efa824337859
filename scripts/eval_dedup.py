"""Pair precision and recall of event merging on the dedup dev set (run by hand; needs ../shared/data).

    .venv/bin/python scripts/eval_dedup.py [--sweep]

evaldata/dedup/pairs.csv holds article ID pairs from allsides_international_news.jsonl.gz, hand-labelled
1 (both report the same happening) or 0 (distinct stories, same day). The articles are coded, stored in a
fresh DuckDB in date order, and a pair is predicted "same" when one merged event holds mentions from both.
"Reachable" pairs are those where the coder gave both articles a mention in a common block (same source,
target, CAMEO root and modality): the most that merging alone can find.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "allsides_international_news.jsonl.gz"


def load_pairs() -> list[tuple[str, str, int]]:
    with open(ROOT / "evaldata" / "dedup" / "pairs.csv", encoding="utf-8") as f:
        return [(r["id_a"], r["id_b"], int(r["same"])) for r in csv.DictReader(f)]


def code(ids: set[str]):
    from detente import get_coder
    from detente.ingest.readers import make_article

    arts = []
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["ID"] in ids:
                arts.append(make_article(id=r["ID"], text=r["content_original"], title=r["title"],
                                         published=date.fromisoformat(r["date"][:10]), outlet=r["source"],
                                         look_at_header=False))
    arts.sort(key=lambda a: (a.published, a.id))
    return list(get_coder().code_articles(arts, on_error=lambda e, a: print(f"skip {a.id}: {e}", file=sys.stderr)))


def score(coded, pairs, **clustering) -> dict:
    from detente.store.duck import DuckDBStore

    with tempfile.TemporaryDirectory() as d:
        s = DuckDBStore(str(Path(d) / "dev.duckdb"))
        s.clustering = clustering
        s.add(coded)
        rows = s.query("SELECT article_id, cluster_id, source_code, target_code, cameo_root, modality FROM mentions")
        s.close()
    clusters, blocks = {}, {}
    for r in rows:
        clusters.setdefault(r["article_id"], set()).add(r["cluster_id"])
        if r["source_code"] and r["target_code"]:
            blocks.setdefault(r["article_id"], set()).add((r["source_code"], r["target_code"], r["cameo_root"],
                                                          r["modality"]))
    tp = fp = fn = tn = reach_pos = 0
    for a, b, gold in pairs:
        pred = bool(clusters.get(a, set()) & clusters.get(b, set()))
        reach_pos += gold and bool(blocks.get(a, set()) & blocks.get(b, set()))
        tp += pred and gold
        fp += pred and not gold
        fn += (not pred) and gold
        tn += (not pred) and not gold
    pos = tp + fn
    return {**clustering, "pairs": len(pairs), "positives": pos, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None, "recall": round(tp / pos, 3) if pos else None,
            "reachable_positives": reach_pos, "recall_of_reachable": round(tp / reach_pos, 3) if reach_pos else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sweep", action="store_true", help="Also try other evidence thresholds and day slacks.")
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} not present")
    pairs = load_pairs()
    coded = code({x for a, b, _ in pairs for x in (a, b)})
    print(json.dumps(score(coded, pairs)))
    if args.sweep:
        for j in (0.0, 0.05, 0.1, 0.15, 0.2, 0.3):
            for slack in (1, 2, 3):
                print(json.dumps(score(coded, pairs, evidence_jaccard=j, slack=slack)))
        for apart in (0.15, 0.2, 0.25, 0.3, 0.4):
            print(json.dumps(score(coded, pairs, apart_jaccard=apart)))


if __name__ == "__main__":
    main()
