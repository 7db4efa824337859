"""Metric functions: per-label precision/recall/F1 with macro average, accuracy, rates.

Each sentence carries a set of gold labels and a set of predicted labels; per label a
true positive is a label in both, a false positive one only predicted, a false negative one
only gold. With one gold and one predicted label per sentence this is ordinary single-label
classification scoring. Macro averages run over the labels that occur in the gold.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]], *, ignore: Iterable[str] = ()) -> dict:
    """Per-label and macro precision, recall and F1.

    gold (list): the gold labels of each sentence (a label, or a set of labels).
    pred (list): the predicted labels of each sentence, aligned with ``gold``.
    ignore (iterable): labels never counted (e.g. "NONE" for no prediction).
    RETURNS (dict): ``{"labels": {label: {"p", "r", "f1", "support", "tp", "fp", "fn"}}, "macro": {"p", "r", "f1"},
        "micro": {"p", "r", "f1"}}``; macro over labels with gold support.
    """
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} items, pred {len(pred)}")
    skip = set(ignore)
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for g, p in zip(gold, pred):
        gs, ps = _as_set(g) - skip, _as_set(p) - skip
        for lab in gs & ps:
            tp[lab] += 1
        for lab in ps - gs:
            fp[lab] += 1
        for lab in gs - ps:
            fn[lab] += 1
    labels = {}
    for lab in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        labels[lab] = {"p": p, "r": r, "f1": _f1(p, r), "support": tp[lab] + fn[lab],
                       "tp": tp[lab], "fp": fp[lab], "fn": fn[lab]}
    supported = [v for v in labels.values() if v["support"]]
    n = len(supported) or 1
    macro = {k: sum(v[k] for v in supported) / n for k in ("p", "r")}
    macro["f1"] = sum(v["f1"] for v in supported) / n
    t, f_p, f_n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    mp = t / (t + f_p) if t + f_p else 0.0
    mr = t / (t + f_n) if t + f_n else 0.0
    return {"labels": labels, "macro": macro, "micro": {"p": mp, "r": mr, "f1": _f1(mp, mr)}}


def accuracy(gold: Sequence, pred: Sequence) -> float:
    """Share of items where ``pred`` equals ``gold`` (0.0 for no items)."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} items, pred {len(pred)}")
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def rate(hits: int, total: int) -> float:
    """hits / total, 0.0 when total is 0."""
    return hits / total if total else 0.0


def _as_set(x) -> set[str]:
    if x is None:
        return set()
    if isinstance(x, str):
        return {x}
    return set(x)
