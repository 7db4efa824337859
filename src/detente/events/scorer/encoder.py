"""The sentence encoder: all-MiniLM-L6-v2 as int8 ONNX, run with onnxruntime and tokenizers (no torch).

One sentence per run: dynamic int8 quantisation scales activations over the whole input, so a batch of
sentences would make one sentence's states depend on its neighbours. Training encodes the same way.

With ``DETENTE_PREFETCH=1``, ``prefetch`` encodes the sentences the coder will score next on a background thread
while the coder runs its rules: onnxruntime releases the GIL while it runs, so on a machine with a core to spare
most of the encoder's time is hidden (8% less wall time on 100 articles on two cores, for 9% more CPU time: about
30% of the sentences encoded turn out to have no candidate). It is off by default: on a busy machine, or beside
other workers, the extra CPU time is lost throughput. Dask worker processes never use it.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from ...errors import DetenteError


class ScorerUnavailable(DetenteError):
    """onnxruntime, tokenizers or the shipped weights are missing."""


class Encoder:
    """``encode(text)`` -> (token states (n, 384), character offsets of the word pieces)."""

    def __init__(self, path: Path, *, max_length: int = 128, threads: int | None = None):
        model = path / "encoder.onnx"
        if not model.exists() or not (path / "tokenizer.json").exists():
            raise ScorerUnavailable(f"no scorer weights in {path} (train them with `make train`)")
        try:
            import onnxruntime  # noqa: F401
            from tokenizers import Tokenizer
        except ImportError as e:
            raise ScorerUnavailable(f"{e.name} is not installed") from None
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length)
        # one thread unless DETENTE_THREADS says otherwise: a sentence is a small input, more threads only wait
        # on a loaded machine (6 ms a sentence on one, 15 on two), and Dask runs one worker per core
        self.threads = threads or int(os.environ.get("DETENTE_THREADS", "1") or 1)
        self.session = self.session_for(model)
        self._pending: dict = {}
        self._pool: ThreadPoolExecutor | None = None
        self.prefetching = (os.cpu_count() or 1) > 1 and os.environ.get("DETENTE_PREFETCH", "0").strip().lower() \
            in ("1", "on", "true", "yes")

    def session_for(self, model: Path):
        """An onnxruntime session for ``model`` with this encoder's thread settings."""
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        return ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])

    def prefetch(self, texts) -> None:
        """Start encoding ``texts`` on a background thread; what an earlier call started and nobody asked for is
        dropped. ``encode`` then takes the result (or, for a text not prefetched, encodes it there and then)."""
        if not self.prefetching:
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="detente-encoder")
        old, self._pending = self._pending, {}
        for f in old.values():
            f.cancel()
        for t in texts:
            if t not in self._pending:
                self._pending[t] = self._pool.submit(self._encode, t)

    def encode(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        f = self._pending.pop(text, None)
        return f.result() if f is not None else self._encode(text)

    def _encode(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        enc = self.tokenizer.encode(text)
        ids = np.array([enc.ids], dtype=np.int64)
        states = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
        return states, list(enc.offsets)
