"""Are merged events one real event? Sample them from a store of real articles, review, score (issue 18).

    .venv/bin/python scripts/merged_review.py build --n 1000 --db /tmp/merged.duckdb   # ingest allsides articles
    .venv/bin/python scripts/merged_review.py sample --db /tmp/merged.duckdb --k 200 --out /tmp/merged_sheet.md
    # reviewers read the sheet (the evidence only) and write evaldata/merged/labels.csv: cluster_id,verdict,why
    .venv/bin/python scripts/merged_review.py score --db /tmp/merged.duckdb
    # a second, held-out round after a change to merging: --skip 1000, labels2.csv (score --labels ...)

A merged event is a cluster of two or more mentions (store/dedup.py). The sample is random (seeded) among the
store's events with two or more mentions; the sheet lists each mention's article, outlet, publication date,
event date, speaker, dyad, CAMEO code and evidence sentence, in an order that does not hint at the answer. A
reviewer marks each event ``one`` (every mention reports the same happening), ``several`` (at least two
happenings merged) or ``unclear``. Only ids and verdicts are kept in the repo (no news text): the sheet and the
store stay in /tmp. The sheet is rebuilt from a store built at the same commit with the same ``--n`` and seed.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "allsides_international_news.jsonl.gz"
LABELS = ROOT / "evaldata" / "merged" / "labels.csv"


def build(n: int, db: str, workers: int, skip: int = 0) -> None:
    """Ingest ``n`` allsides articles with text, after the first ``skip`` (a JSONL written to /tmp), into ``db``."""
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    from ingest_scaling import write_sample

    sample = Path(tempfile.gettempdir()) / f"merged_review_{skip}_{n}.jsonl"
    write_sample(n, sample, skip)
    if workers > 1:
        from detente.scale import ingest_with_dask

        print(ingest_with_dask([sample], db=db, workers=workers))
    else:
        import detente

        print(detente.ingest_files([sample], db))


def merged(db: str) -> list[dict]:
    """Events with two or more mentions, with their mentions (ordered by event id)."""
    from detente.store import open_store

    with open_store(db, read_only=True) as s:
        ev = s.query("SELECT cluster_id, n_mentions, n_articles FROM events WHERE n_mentions >= 2 ORDER BY cluster_id")
        rows = s.query("SELECT m.cluster_id, m.event_id, m.article_id, a.outlet, a.published, m.date, m.source_code, "
                       "m.target_code, m.cameo, m.modality, m.sentence, m.record FROM mentions m "
                       "JOIN articles a ON a.article_id = m.article_id JOIN events e ON e.cluster_id = m.cluster_id "
                       "WHERE e.n_mentions >= 2 ORDER BY m.event_id")
    by: dict[str, list[dict]] = {}
    for r in rows:
        by.setdefault(r["cluster_id"], []).append(r)
    return [dict(e, mentions=by.get(e["cluster_id"], [])) for e in ev]


def sample(db: str, k: int, seed: int) -> list[dict]:
    events = merged(db)
    rnd = random.Random(seed)
    return rnd.sample(events, min(k, len(events)))


def sheet(events: list[dict], out: Path) -> None:
    lines = ["# Merged events to review", "",
             "For each event: do all its mentions report the same happening (same actors, same act, same time)?",
             "Answer `one`, `several` or `unclear` in labels.csv (cluster_id,verdict,why).", ""]
    for i, e in enumerate(events, 1):
        lines.append(f"## {i}. {e['cluster_id']} ({e['n_mentions']} mentions, {e['n_articles']} articles)")
        for m in e["mentions"]:
            rec = json.loads(m["record"]) if isinstance(m["record"], str) else m["record"]
            sp = ((rec.get("attribution") or {}).get("speaker") or {}).get("code") or "-"
            lines.append(f"- {m['article_id']} | {m['outlet'] or '-'} | published {m['published']} | event date "
                         f"{m['date'] or '-'} | speaker {sp} | {m['source_code']} -> {m['target_code']} "
                         f"{m['cameo']} {m['modality']}")
            lines.append(f"  > {' '.join((m['sentence'] or '').split())}")
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")


def score(db: str | None, labels_path: Path = LABELS) -> None:
    with open(labels_path, encoding="utf-8") as f:
        labels = list(csv.DictReader(row for row in f if not row.startswith("#")))
    verdicts = Counter(r["verdict"] for r in labels)
    judged = verdicts["one"] + verdicts["several"]
    print(f"{len(labels)} merged events reviewed: {dict(verdicts)}")
    if judged:
        print(f"one real event: {verdicts['one']}/{judged} = {verdicts['one'] / judged:.3f} of those judged "
              f"(goal at least 0.95); counting unclear as wrong: {verdicts['one'] / len(labels):.3f}")
    if db:
        ev = {e["cluster_id"]: e for e in merged(db)}
        multi = [r for r in labels if r["cluster_id"] in ev and ev[r["cluster_id"]]["n_articles"] >= 2]
        c = Counter(r["verdict"] for r in multi)
        if multi:
            print(f"of them across two or more articles: {len(multi)}, one real event {c['one']}/"
                  f"{c['one'] + c['several']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--n", type=int, default=1000)
    b.add_argument("--db", required=True)
    b.add_argument("--workers", type=int, default=1)
    b.add_argument("--skip", type=int, default=0, help="leave out the first N articles (a fresh sample)")
    s = sub.add_parser("sample")
    s.add_argument("--db", required=True)
    s.add_argument("--k", type=int, default=200)
    s.add_argument("--seed", type=int, default=18)
    s.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("score")
    c.add_argument("--db")
    c.add_argument("--labels", type=Path, default=LABELS)
    a = ap.parse_args()
    if a.cmd == "build":
        if not DATA.exists():
            sys.exit(f"{DATA} not present")
        build(a.n, a.db, a.workers, a.skip)
    elif a.cmd == "sample":
        events = sample(a.db, a.k, a.seed)
        sheet(events, a.out)
        print(f"{len(events)} of {len(merged(a.db))} merged events written to {a.out}")
    else:
        score(a.db, a.labels)


if __name__ == "__main__":
    main()
