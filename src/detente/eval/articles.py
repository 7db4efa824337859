"""Whole-article scoring: dev_articles gold scored with ../shared/tools/score_articles.py's own ``score``.

The tool sits beside the data directory (``<data>/../tools/score_articles.py``); its matching rule is
the one the goals are stated in, so it is imported rather than copied.
"""
from __future__ import annotations

import importlib.util
import io
from contextlib import redirect_stdout
from pathlib import Path

from ..errors import ConfigError
from .gold import ARTICLES_DIR


def load_score(data: Path):
    """The ``score(gold, events)`` function of ``<data>/../tools/score_articles.py``."""
    path = Path(data).resolve().parent / "tools" / "score_articles.py"
    if not path.exists():
        raise ConfigError(f"no article scorer at {path}")
    spec = importlib.util.spec_from_file_location("_detente_score_articles", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.score


def load_gold(data: Path, limit: int | None = None) -> dict:
    """The merged ``gold_*.yaml`` of dev_articles (first ``limit`` articles when given)."""
    import yaml

    arts: dict = {}
    for p in sorted((Path(data) / ARTICLES_DIR).glob("gold_*.yaml")):
        arts.update(yaml.safe_load(p.read_text(encoding="utf-8"))["articles"])
    ids = list(arts)[:limit] if limit else list(arts)
    return {"articles": {k: arts[k] for k in ids}}


def _ratio(s: str) -> tuple[int, int]:
    a, b = str(s).split("/")
    return int(a), int(b)


def score_articles(coder, data: Path, limit: int | None = None) -> dict:
    """Code the gold articles in-process and score them; adds rates, misses and unmatched events."""
    from ..ingest import iter_articles

    score = load_score(data)
    gold = load_gold(data, limit)
    arts = [a for a in iter_articles([str(Path(data) / ARTICLES_DIR / "articles.jsonl")])
            if a.id in gold["articles"]]
    events = [e.to_dict() for c in coder.code_articles(arts) for e in c.events]
    buf = io.StringIO()
    with redirect_stdout(buf):
        res = score(gold, events)
    lines = buf.getvalue().splitlines()
    d_ok, d_n = _ratio(res["dates"])
    a_ok, a_n = _ratio(res["attribution"])
    return {**res, "dates_rate": d_ok / d_n if d_n else 0.0, "attribution_rate": a_ok / a_n if a_n else 0.0,
            "misses": [ln[6:] for ln in lines if ln.startswith("miss: ")],
            "unmatched": [ln[11:] for ln in lines if ln.startswith("unmatched: ")]}
