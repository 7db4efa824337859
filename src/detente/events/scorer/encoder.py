"""The sentence encoder: all-MiniLM-L6-v2 as int8 ONNX, run with onnxruntime and tokenizers (no torch).

One sentence per run: dynamic int8 quantisation scales activations over the whole input, so a batch of
sentences would make one sentence's states depend on its neighbours. Training encodes the same way.

On a machine with more than one core the encoder runs on a thread of its own (``prefetch``): the coder queues
each parsed piece's sentences as soon as spaCy has parsed it and codes a batch behind (``pipeline._ahead``), so
that the encoder works through one batch while spaCy parses the next and the rules code the one before;
onnxruntime releases the GIL while it runs, and the coder shortens the interpreter's switch interval while it
codes so that the encoder's thread gets the GIL back soon after each sentence. It costs CPU time: about a fifth
of the sentences encoded turn out to have no candidate. ``DETENTE_PREFETCH=0`` turns it off (on a busy machine,
or beside other workers, the extra CPU time is lost throughput); Dask worker processes never use it.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from ...errors import DetenteError


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it, else the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


#: encodings kept after they are taken: an article re-dated from its text is coded again at once, its sentences
#: the same (about 60 kB each)
RECENT = 256


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
        self._recent: OrderedDict = OrderedDict()  # the last RECENT encodings taken, by text
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self.prefetching = usable_cores() > 1 and os.environ.get("DETENTE_PREFETCH", "1").strip().lower() \
            not in ("0", "off", "false", "no")

    def session_for(self, model: Path):
        """An onnxruntime session for ``model`` with this encoder's thread settings."""
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        return ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])

    def prefetch(self, texts) -> None:
        """Queue ``texts`` for encoding on a background thread, after what earlier calls queued. ``encode`` then
        takes the result (or, for a text not prefetched, encodes it there and then); ``drop`` forgets what
        nobody asked for."""
        if not self.prefetching:
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="detente-encoder")
        for t in texts:
            if t not in self._pending and t not in self._recent:
                self._pending[t] = self._pool.submit(self._encode, t)

    def drop(self, texts) -> None:
        """Forget the prefetched encodings of ``texts`` that nobody took (sentences with no candidate), and
        cancel those not started."""
        for t in texts:
            f = self._pending.pop(t, None)
            if f is not None:
                f.cancel()

    def encode(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        f = self._pending.pop(text, None)
        with self._lock:
            got = self._recent.get(text)
            if got is not None:  # an article coded again from its inferred date asks for its sentences again
                self._recent.move_to_end(text)
                if f is not None:
                    f.cancel()
                return got
        got = f.result() if f is not None else self._encode(text)
        with self._lock:
            self._recent[text] = got
            if len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        return got

    def _encode(self, text: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
        enc = self.tokenizer.encode(text)
        ids = np.array([enc.ids], dtype=np.int64)
        states = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
        return states, list(enc.offsets)
