"""Train the learned event-type classifier and write its weights into the package.

    .venv/bin/python scripts/train_event_classifier.py            # seed 10, ../shared/data
    .venv/bin/python scripts/train_event_classifier.py --seed 10 --data ../shared/data --out PATH

Trains on PLV_train (only ids in evaldata/splits/plv_train.txt), the ConfliBERT cameo_class train set and
the CAMEO_ConfliBERT annotations, after dropping every sentence that also appears (normalised text) in an
evaluation set: PLV dev, ConfliBERT test, PLOVER_GSR_CAMEO, PETR2_GSR_validation, dev_articles.
Prints and saves the scores on PLV dev and ConfliBERT test (data/metrics.json beside the weights).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import joblib

from detente.events.learned import corpora
from detente.events.learned.classifier import EventTypeClassifier
from detente.events.learned.train import fit, score_types

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "detente" / "events" / "learned" / "data"


def build(data: Path, splits: Path) -> tuple[list, list, list, dict]:
    """Training examples (leaks dropped), PLV dev and ConfliBERT test examples, and counts."""
    train_ids = corpora.read_ids(splits / "plv_train.txt")
    dev_ids = corpora.read_ids(splits / "plv_dev.txt")
    assert not train_ids & dev_ids, "PLV train and dev ids overlap"
    keys, blob = corpora.evaluation_texts(data, dev_ids)
    examples, counts = [], {}
    for name, rows in [("plv", corpora.plv(data, train_ids)), ("conflibert", corpora.conflibert(data)),
                       ("annotations", corpora.annotations(data))]:
        kept, leaks = corpora.drop_leaks(rows, keys, blob)
        counts[name] = {"kept": len(kept), "dropped_as_eval_text": leaks}
        examples += kept
    return examples, corpora.plv(data, dev_ids), corpora.conflibert(data, "test"), counts


def evaluate(clf: EventTypeClassifier, dev: list, test: list) -> dict:
    """Scores on PLV dev (sentence head and pair head) and ConfliBERT test (penta head)."""
    gold = [e.plover for e in dev]
    t = time.perf_counter()
    sent = [label for label, _ in clf.predict([e.text for e in dev])]
    rate = len(dev) / (time.perf_counter() - t)
    pair = [label for label, _ in clf.predict_marked([e.marked for e in dev])]
    penta = [label for label, _ in clf.predict_penta([e.text for e in test])]
    acc = sum(p == e.penta for p, e in zip(penta, test)) / len(test)
    return {"plv_dev_sentence": score_types(gold, sent), "plv_dev_pair": score_types(gold, pair),
            "conflibert_test_penta_accuracy": round(acc, 4), "n_conflibert_test": len(test),
            "sentence_head_sentences_per_s": round(rate)}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--splits", type=Path, default=ROOT / "evaldata" / "splits")
    ap.add_argument("--out", type=Path, default=PKG / "event_type.joblib")
    ap.add_argument("--seed", type=int, default=10)
    args = ap.parse_args(argv)
    examples, dev, test, counts = build(args.data, args.splits)
    model = fit(examples, seed=args.seed)
    report = {"seed": args.seed, "training": counts, **evaluate(EventTypeClassifier(model), dev, test)}
    model["metrics"] = report
    args.out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, args.out, compress=3)
    (args.out.parent / "metrics.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
