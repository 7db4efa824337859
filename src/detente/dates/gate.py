"""The gate: how likely an inferred writing date is right, learned from articles whose date is known.

``infer.candidate`` finds the best window of writing dates the clues allow. Whether to trust it was a set of
hand rules (a margin over the best rival, clues from two sentences or one strong clue); those refused a third of
the windows that were right, most of them resting on one dated photo caption. The gate is a logistic regression
over the window's features (below): how far it leads its rival, how wide it is, how many clues and sentences tell
it apart, and which kinds of clue they are. ``scripts/train_date_gate.py`` fits it on the half of the allsides
articles that ``eval/article_dates.py`` does not score, and sets the threshold so that, in cross-validation, at
least 0.95 of the windows it accepts lie within a month of the true date. The weights are a small JSON file in
the package (``data/date_gate.json``); running the gate needs numpy only.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # infer.py imports this module
    from .infer import Candidate

PATH = Path(__file__).with_name("data") / "date_gate.json"
KINDS = ("caption", "date", "day_month", "weekday_date", "month", "chain", "latest_date", "latest_year", "year",
         "since", "span", "role", "role_current", "administration", "administration_any")


def features(c: Candidate) -> dict[str, float]:
    """The window's features, by name (the order of ``FEATURES``)."""
    telling_kinds = {ev.kind for ev in c.telling}
    sentences = {ev.sentence for ev in c.telling}
    caption = max((max(iv.weight for iv in ev.intervals) for ev in c.telling if ev.kind == "caption"), default=0.0)
    first = min((ev.span[0] for ev in c.telling), default=10 ** 5)
    f = {
        "margin": min(c.margin, 6.0),
        "best": min(c.best, 12.0),
        "log_width": math.log1p(c.width),
        "telling_sentences": min(len(sentences), 5),
        "one_sentence": float(len(sentences) <= 1),
        "strength": min(c.strength, 4.0),
        "log_support": math.log1p(len(c.support)),
        "log_clues": math.log1p(len(c.items)),
        "quoted_share": sum(ev.quoted for ev in c.telling) / len(c.telling) if c.telling else 0.0,
        "caption_weight": caption,
        "no_rival": float(c.rival is None),
        # where the first telling clue is: a lede's date is news, a date deep in the text is often background
        "log_offset": math.log1p(first),
        "in_lede": float(first < 400),
    }
    for k in KINDS:
        f[f"tells_{k}"] = float(k in telling_kinds)
    return f


@dataclass(frozen=True)
class Gate:
    """Logistic regression weights over standardised features, and the threshold a window must reach."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    trained: dict

    def probability(self, c: Candidate) -> float:
        f = features(c)
        z = self.intercept + sum(w * (f[n] - m) / s for n, m, s, w in zip(self.names, self.mean, self.scale,
                                                                              self.coef))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict:
        return {"names": list(self.names), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept, "threshold": self.threshold,
                "trained": self.trained}

    @classmethod
    def from_json(cls, d: dict) -> Gate:
        return cls(tuple(d["names"]), tuple(d["mean"]), tuple(d["scale"]), tuple(d["coef"]), float(d["intercept"]),
                   float(d["threshold"]), dict(d.get("trained") or {}))

    @classmethod
    def load(cls, path: Path | None = None) -> Gate:
        return _load(str(path or PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> Gate:
    return Gate.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
