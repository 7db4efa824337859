"""Run the shipped scorer: int8 ONNX MiniLM with a 20-root sigmoid head, onnxruntime and tokenizers only."""
from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import numpy as np

from ...errors import DetenteError


class ScorerUnavailable(DetenteError):
    """onnxruntime, tokenizers or the shipped weights are missing."""


def data_dir() -> Path:
    return Path(str(resources.files("detente.events.scorer").joinpath("data")))


class Scorer:
    """``score(pairs)``: an (n, 20) array of root probabilities for (candidate, sentence) text pairs."""

    def __init__(self, path: str | Path | None = None, *, threads: int | None = None, batch_size: int = 32):
        path = Path(path) if path else data_dir()
        model, meta = path / "scorer.onnx", path / "scorer.json"
        if not model.exists() or not meta.exists():
            raise ScorerUnavailable(f"no scorer weights in {path} (train them with `make train`)")
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:
            raise ScorerUnavailable(f"{e.name} is not installed") from None
        self.meta = json.loads(meta.read_text(encoding="utf-8"))
        self.roots: list[str] = self.meta["roots"]
        self.softmax = self.meta.get("activation") == "softmax"
        self.max_length = int(self.meta.get("max_length", 128))
        self.rules = bool(self.meta.get("rules", True))
        self.thresholds: dict = self.meta.get("thresholds", {})
        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_length, strategy="only_second")
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or int(os.environ.get("DETENTE_THREADS", "0") or 0)
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.name = f"detente.scorer.{self.meta.get('version', 'v1')}"

    def score(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Root probabilities, one row per (first, second) text pair."""
        out = []
        for i in range(0, len(pairs), self.batch_size):
            enc = self.tokenizer.encode_batch(pairs[i:i + self.batch_size])
            feed = {"input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                    "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
                    "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64)}
            logits = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
            if self.softmax:  # classes are the roots, then NONE: keep the roots' probabilities
                e = np.exp(logits - logits.max(axis=1, keepdims=True))
                out.append((e / e.sum(axis=1, keepdims=True))[:, :len(self.roots)])
            else:
                out.append(1.0 / (1.0 + np.exp(-logits)))
        return np.concatenate(out) if out else np.zeros((0, len(self.roots)), dtype=np.float32)
