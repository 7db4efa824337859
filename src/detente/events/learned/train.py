"""Fit and score the three TF-IDF + logistic-regression heads (scikit-learn only, deterministic).

Heads: ``sentence`` (PLOVER type or NONE from the plain sentence), ``pair`` (PLOVER type of a marked
source/target pair), ``penta`` (PentaClass 0-4). ``scripts/train_event_classifier.py`` is the command.
"""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import Pipeline, make_union

from .corpora import Example
from .features import pair_view
from .labels import PLOVER_TYPES

FORMAT = 1


def _text_features(min_df: int) -> object:
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=min_df, sublinear_tf=True, dtype=np.float32)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=min_df, sublinear_tf=True,
                           max_features=60_000, dtype=np.float32)
    return make_union(word, char)


def _head(features, C: float, seed: int) -> Pipeline:
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=seed)
    return Pipeline([("features", features), ("clf", clf)])


def fit(examples: list[Example], *, seed: int = 10, min_df: int = 2) -> dict:
    """Fit every head the examples allow; returns the model dict that ``EventTypeClassifier`` wraps."""
    heads = {}
    typed = [e for e in examples if e.plover]
    if typed:
        heads["sentence"] = _head(_text_features(min_df), 10.0, seed).fit(
            [e.text for e in typed], [e.plover for e in typed])
    pairs = [e for e in examples if e.plover and e.marked]
    if pairs:
        vec = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), min_df=1,
                              sublinear_tf=True, dtype=np.float32)
        heads["pair"] = _head(vec, 10.0, seed).fit([pair_view(e.marked) for e in pairs],
                                                   [e.plover for e in pairs])
    penta = [e for e in examples if e.penta is not None]
    if penta:
        heads["penta"] = _head(_text_features(min_df), 10.0, seed).fit(
            [e.text for e in penta], [e.penta for e in penta])
    return {"format": FORMAT, "heads": heads, "seed": seed}


def score_types(gold: list[str], predicted: list[str]) -> dict:
    """Macro-F1 over the PLOVER types, and accuracy."""
    return {"macro_f1": round(float(f1_score(gold, predicted, labels=list(PLOVER_TYPES), average="macro",
                                                zero_division=0)), 4),
            "accuracy": round(float(accuracy_score(gold, predicted)), 4), "n": len(gold)}
