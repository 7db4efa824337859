"""A learned event-type layer: TF-IDF + logistic regression, shipped trained, scikit-learn only.

``load()`` returns an :class:`EventTypeClassifier` (or None, with a logged reason, when scikit-learn or
the weights are missing). Labels: the 15 PLOVER types in PLV's spelling (``labels.PLOVER_TYPES``;
YIELD stands for the project's CONCEDE and RETREAT) plus ``"NONE"``; ``labels.TYPE_TO_ROOT`` gives the
CAMEO root to code when only the classifier names a type, ``labels.ROOT_TO_TYPE`` the reverse.

Heads (trained by ``python scripts/train_event_classifier.py``, seed 10; figures in
``data/metrics.json``):

- ``predict(sentences)``: type or NONE from the sentence alone (PLV dev macro-F1 ~0.65).
- ``predict_pairs([(sentence, source_span, target_span)])``: type of what source does to target,
  the better head (~0.72 on PLV dev given the pairs).
- ``predict_penta(sentences)``: PentaClass 0-4 (ConfliBERT cameo_class test accuracy ~0.65).

How the coder should use it (it is weaker than good rules; use it where rules have nothing better):

- re-type: when a rule event's code is generic (a bare root, "say", "meet"), or two patterns disagree,
  ask ``predict_pairs`` with the event's source and target spans and take its type when p >= 0.6
  and the rule's type is a different PLOVER type;
- add: when the rules found a source and a target in a sentence but no pattern fired, an event may be
  proposed from ``predict_pairs`` at p >= 0.7, coded at ``TYPE_TO_ROOT``, with a low confidence
  and ``rule = "learned.pair.v1"`` (check it against the PETR2 false-event count before enabling);
- veto: ``predict`` says NONE rarely (little NONE training data); drop a rule event only when NONE
  has p >= 0.8. Modality (hypothetical, negated) is not learned here: leave it to the rules.

Throughput: ~3,000 sentences/s per head on one core, small beside spaCy's ~250 sentences/s.
"""
from __future__ import annotations

import logging
from importlib import resources

from .classifier import EventTypeClassifier
from .labels import NONE, PLOVER_TYPES, ROOT_TO_TYPE, TYPE_LABELS, TYPE_TO_ROOT

__all__ = ["EventTypeClassifier", "load", "NONE", "PLOVER_TYPES", "TYPE_LABELS", "TYPE_TO_ROOT",
           "ROOT_TO_TYPE", "WEIGHTS"]

log = logging.getLogger(__name__)

WEIGHTS = "data/event_type.joblib"

_cache: dict = {}


def load(path: str | None = None) -> EventTypeClassifier | None:
    """The shipped classifier (cached), or the one saved at ``path``; None with a logged reason when
    scikit-learn or the weights are missing."""
    key = path or WEIGHTS
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
            with resources.as_file(resources.files(__name__).joinpath(WEIGHTS)) as p:
                model = joblib.load(p)
        else:
            model = joblib.load(path)
    except (FileNotFoundError, OSError) as e:
        log.warning("learned event classifier disabled: no weights (%s)", e)
        return None
    _cache[key] = EventTypeClassifier(model)
    return _cache[key]
