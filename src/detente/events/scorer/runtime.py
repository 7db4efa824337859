"""Run the shipped scorer: the sentence encoder (int8 ONNX MiniLM) and a small head over candidate features.

The head is two layers (``head.onnx``: standardisation, linear, ReLU, linear, softmax), run with onnxruntime
on one thread; its classes are the 20 CAMEO roots, then NONE.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np

from .candidates import ROOTS, predicate
from .encoder import Encoder, ScorerUnavailable
from .features import candidate_features, size

__all__ = ["Scorer", "ScorerUnavailable", "data_dir"]


def data_dir() -> Path:
    return Path(str(resources.files("detente.events.scorer").joinpath("data")))


class Scorer:
    """``score(sent, cands)``: an (n, 20) array of root probabilities, one row per candidate of a sentence.

    With ``head=False`` only the encoder is loaded (``features`` then serves training).
    """

    def __init__(self, path: str | Path | None = None, *, threads: int | None = None, head: bool = True):
        path = Path(path) if path else data_dir()
        meta = path / "scorer.json"
        if head and (not meta.exists() or not (path / "head.onnx").exists()):
            raise ScorerUnavailable(f"no scorer weights in {path} (train them with `make train`)")
        self.meta = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
        self.roots: list[str] = self.meta.get("roots", list(ROOTS))
        self.thresholds: dict = self.meta.get("thresholds", {})
        self.encoder = Encoder(path, max_length=int(self.meta.get("max_length", 128)), threads=threads)
        self.head = self.encoder.session_for(path / "head.onnx") if head else None
        if self.head is not None:
            dim = self.encoder.session.get_outputs()[0].shape[-1]
            width = self.head.get_inputs()[0].shape[-1]
            if isinstance(dim, int) and isinstance(width, int) and width != size(dim):
                raise ScorerUnavailable(f"the head in {path} reads {width} features, this version builds "
                                        f"{size(dim)} (retrain it with `make train`)")
        self.name = f"detente.scorer.{self.meta.get('version', 'v2')}"

    def features(self, sent, cands) -> np.ndarray:
        states, offsets = self.encoder.encode(sent.text)
        return candidate_features(sent, states, offsets, cands, [predicate(sent, c) for c in cands])

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities (roots, then NONE) for feature rows."""
        return self.head.run(None, {"x": np.ascontiguousarray(x, dtype=np.float32)})[0]

    def score(self, sent, cands) -> np.ndarray:
        if not cands:
            return np.zeros((0, len(self.roots)), dtype=np.float32)
        return self.probabilities(self.features(sent, cands))[:, :len(self.roots)]
