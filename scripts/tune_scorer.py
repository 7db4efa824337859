"""Tune the scorer stage's thresholds on corpus-dev (never on corpus-test) and write them to scorer.json.

    .venv/bin/python scripts/tune_scorer.py [--data ../shared/data] [--keep 0] [--write]

Codes corpus-dev once with the lowest thresholds, keeping each event's trace, then replays the decisions
for every (keep, add) pair of the grid and scores each with the corpus scorer. Prints the grid; with
``--write``, stores the pair with the best F1 in the shipped scorer.json. ``--keep`` fixes the keep threshold
(``make train`` fixes it at 0: rule events are never dropped, since dropping them cost required events on the
dev articles, which corpus-dev's F1 does not see) and tunes ``add`` alone.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

KEEP = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
ADD = (0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--keep", type=float, help="fix the keep threshold; tune add alone")
    a = ap.parse_args()
    from detente import Coder
    from detente.config import Settings
    from detente.eval.corpus import load_corpus
    from detente.eval.corpus_score import articles_for, score
    from detente.events.scorer import load
    from detente.events.scorer.runtime import data_dir
    from detente.events.scorer.stage import ScorerStage

    corpus = {k: v for k, v in load_corpus().items() if v.split == "dev"}
    coder = Coder(Settings(scorer="off"))
    scorer = load()
    coder.rules.scorer_stage = ScorerStage(scorer, thresholds={"keep": 0.0, "add": min(ADD)})
    coder.rules.scorer_name = scorer.name
    events = defaultdict(list)
    for coded in coder.code_articles(articles_for(corpus, a.data)):
        for e in coded.events:
            d = e.to_dict()
            events[d["article_id"]].append(d)
    rows = []
    for keep in (KEEP if a.keep is None else (a.keep,)):
        for add in ADD:
            kept = {}
            for aid, evs in events.items():
                out = []
                for d in evs:
                    sc = (d.get("trace") or {}).get("scorer")
                    if sc is None:
                        out.append(d)
                    elif sc.get("decision") == "added":
                        if sc["p_root"] >= add:
                            out.append(d)
                    elif sc.get("p_best", 1.0) >= keep:
                        out.append(d)
                kept[aid] = out
            r = score(corpus, kept, sealed=True)
            rows.append((keep, add, r["precision"], r["recall"], r["f1"], r["required_recall"]))
    print(f"{'keep':>5} {'add':>5} {'P':>6} {'R':>6} {'F1':>6} {'reqR':>6}")
    for row in rows:
        print(f"{row[0]:5.2f} {row[1]:5.2f} {row[2]:6.3f} {row[3]:6.3f} {row[4]:6.3f} {row[5]:6.3f}")
    best = max(rows, key=lambda r: (r[4], r[2]))
    print(f"best F1: keep {best[0]}, add {best[1]}: P {best[2]}, R {best[3]}, F1 {best[4]}")
    if a.write:
        path = data_dir() / "scorer.json"
        meta = json.loads(path.read_text())
        meta["thresholds"] = {"keep": best[0], "add": best[1], "retype": 0.1, "retype_best": 0.5}
        meta["tuned_on"] = {"set": "corpus-dev", "f1": best[4], "precision": best[2], "recall": best[3]}
        path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        print(f"wrote thresholds to {path}")


if __name__ == "__main__":
    main()
