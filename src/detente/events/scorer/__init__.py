"""The learned scorer: which candidate (source, target) pairs of a sentence carry an asserted event, of what root.

The rule coder proposes events; this stage looks at every pair of actors the sentence reaches (the rules'
events among them, as evidence) and asks a fine-tuned MiniLM, run with onnxruntime, for the probability of
an asserted event of each CAMEO root from the source to the target. Then (``stage.ScorerStage``):

- a rule event is kept (the shipped ``keep`` threshold is 0), and one the model types otherwise with confidence
  is re-typed (never to a plain comment, 01);
- a pair no rule coded, where the model is confident, becomes an event coded at the root, its modality,
  date and attribution found by the same rule stages as any other event.

Every event the stage touches carries a trace (``Draft.scorer``, in the record's ``extra["trace"]``): the
model's probability and the decision taken. The weights ship in ``data/`` (int8 ONNX and the tokenizer);
nothing is downloaded or trained at run time. Training is ``make train`` (``python -m
detente.events.scorer.train``, the ``train`` extra).
"""
from __future__ import annotations

from .candidates import ROOTS, Candidate, candidate_text

__all__ = ["ROOTS", "Candidate", "candidate_text", "load"]


def load(path=None):
    """The shipped scorer (``runtime.Scorer``), or None with a logged reason when it cannot be loaded."""
    import logging

    from .runtime import Scorer, ScorerUnavailable

    try:
        return Scorer(path)
    except ScorerUnavailable as e:
        logging.getLogger("detente").warning("learned scorer off: %s", e)
        return None
