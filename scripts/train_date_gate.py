"""Fit the date gate (``detente.dates.gate``) on the allsides articles of the "tune" half (needs ../shared/data).

For each article with a known date, the best window its clues allow (``infer.candidate``) that passes the hard
rules (not a tie, at most ``MAX_WINDOW`` days wide, resting on a clue that names a day or month) is one example:
its features, and whether the point taken from it lies within 31 days of the true date. A logistic regression is
fitted on them; the threshold is the lowest at which, in five-fold cross-validation, at least ``--precision`` of the
windows accepted are right. The "test" half, which ``eval/article_dates.py`` scores, is never read.

    python scripts/train_date_gate.py [--out src/detente/dates/data/date_gate.json] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from detente.actors.kb import ActorKB  # noqa: E402
from detente.dates.evidence import article_evidence  # noqa: E402
from detente.dates.gate import PATH, Gate, features  # noqa: E402
from detente.dates.infer import MAX_WINDOW, TIE, candidate  # noqa: E402
from detente.eval.article_dates import SHARED, allsides, split_of  # noqa: E402


def examples(data: Path, limit: int | None = None) -> tuple[list[str], np.ndarray, np.ndarray, dict]:
    """(feature names, X, y, counts) from the tune half."""
    kb = ActorKB.load()
    rows, labels, names = [], [], None
    n = with_candidate = 0
    for a in allsides(data):
        if split_of(a["id"]) != "tune":
            continue
        n += 1
        if limit and n > limit:
            break
        c = candidate(article_evidence(a["text"], kb))
        if c is None or (c.margin < TIE and c.rival is not None) or c.width > MAX_WINDOW \
                or not any(ev.precise for ev in c.support):
            continue
        with_candidate += 1
        f = features(c)
        names = names or list(f)
        rows.append([f[k] for k in names])
        labels.append(abs((c.point - a["date"]).days) <= 31)
    return names or [], np.array(rows, dtype=float), np.array(labels, dtype=int), \
        {"articles": n if not limit else min(n, limit), "candidates": with_candidate}


def threshold(p: np.ndarray, y: np.ndarray, target: float) -> float:
    """The lowest probability at which the windows accepted (p >= it) are right at least ``target`` of the time."""
    order = np.argsort(-p)
    right = np.cumsum(y[order])
    prec = right / np.arange(1, len(y) + 1)
    ok = np.flatnonzero(prec >= target)
    return float(p[order][ok[-1]]) if len(ok) else 1.0


def fit(names: list[str], X: np.ndarray, y: np.ndarray, target: float, seed: int = 0) -> tuple[Gate, dict]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    mean, scale = X.mean(0), X.std(0)
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale
    cv = np.zeros(len(y))
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=seed).split(Z, y):
        m = LogisticRegression(C=1.0, max_iter=2000).fit(Z[tr], y[tr])
        cv[te] = m.predict_proba(Z[te])[:, 1]
    t = threshold(cv, y, target)
    m = LogisticRegression(C=1.0, max_iter=2000).fit(Z, y)
    acc = cv >= t
    stats = {"examples": int(len(y)), "right": int(y.sum()), "cv_accepted": int(acc.sum()),
             "cv_accepted_right": int(y[acc].sum()), "cv_precision": round(float(y[acc].mean()), 3) if acc.any()
             else None, "target_precision": target}
    gate = Gate(tuple(names), tuple(round(float(v), 6) for v in mean), tuple(round(float(v), 6) for v in scale),
                tuple(round(float(v), 6) for v in m.coef_[0]), round(float(m.intercept_[0]), 6), round(t, 4), stats)
    return gate, stats


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=SHARED)
    p.add_argument("--out", type=Path, default=PATH)
    p.add_argument("--precision", type=float, default=0.85)
    p.add_argument("--limit", type=int, default=None, help="read only the first N articles of the tune half")
    a = p.parse_args(argv)
    names, X, y, counts = examples(a.data, a.limit)
    gate, stats = fit(names, X, y, a.precision)
    gate.trained.update(counts)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(gate.to_json(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps({**counts, **stats, "threshold": gate.threshold,
                      "weights": dict(zip(names, gate.coef))}, indent=1))


if __name__ == "__main__":
    main()
