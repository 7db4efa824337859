"""``EventTypeClassifier``: batch prediction with the shipped heads."""
from __future__ import annotations

from collections.abc import Sequence

from .features import mark, pair_view


class EventTypeClassifier:
    """PLOVER type (or NONE) of sentences, of marked actor pairs, and PentaClass.

    model (dict): what ``train.fit`` returns (``heads``: fitted scikit-learn pipelines).
    """

    def __init__(self, model: dict):
        self.model = model
        self.heads = model["heads"]

    @property
    def labels(self) -> tuple:
        """The labels of the sentence head (PLOVER types and NONE)."""
        return tuple(self.heads["sentence"].classes_)

    def predict(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        """Best PLOVER type or "NONE" for each sentence, with its probability."""
        return self._best("sentence", list(sentences))

    def predict_proba(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """Every label's probability for each sentence."""
        head = self.heads["sentence"]
        if not sentences:
            return []
        return [dict(zip(head.classes_, map(float, row))) for row in head.predict_proba(list(sentences))]

    def predict_pairs(self, items: Sequence[tuple[str, tuple[int, int], tuple[int, int]]]
                      ) -> list[tuple[str, float]]:
        """PLOVER type for each ``(sentence, source_span, target_span)`` (character offsets in the
        sentence): the type of what the source does to the target. Never NONE."""
        return self.predict_marked([mark(s, src, tgt) for s, src, tgt in items])

    def predict_marked(self, marked: Sequence[str]) -> list[tuple[str, float]]:
        """Like ``predict_pairs`` for sentences already marked with ``<s>..</s>`` and ``<t>..</t>``."""
        return self._best("pair", [pair_view(m) for m in marked])

    def predict_penta(self, sentences: Sequence[str]) -> list[tuple[int, float]]:
        """PentaClass 0-4 (see ``labels.PENTA_LABELS``) for each sentence, with its probability."""
        return [(int(k), p) for k, p in self._best("penta", list(sentences))]

    def _best(self, name: str, texts: list[str]) -> list[tuple]:
        if not texts:
            return []
        head = self.heads[name]
        proba = head.predict_proba(texts)
        best = proba.argmax(axis=1)
        return [(head.classes_[i].item() if hasattr(head.classes_[i], "item") else head.classes_[i],
                 round(float(row[i]), 4)) for row, i in zip(proba, best)]
