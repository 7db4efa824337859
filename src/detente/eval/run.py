"""Run the evaluation: load each gold set, code it, score it (all sentences and without CAMEO-manual ones).

    >>> report = run_eval(["plv", "petr2"], Path("../shared/data"), limit=20)
"""
from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import ConfigError
from . import gold, scoring
from .overlap import find_overlaps
from .splits import DEV_FRACTION, SEED, read_split

SENTENCE_SETS = ("plv", "conflibert", "gsr", "petr2")
CORPUS_SETS = ("corpus-dev", "corpus-test")  # the dense corpus (evaldata/corpus); test is sealed
SETS = (*SENTENCE_SETS, "articles", *CORPUS_SETS)
EXTRA_SETS = ("actors", "dates")  # provided by eval/actors.py and eval/dates.py when present

# (set, metric, comparison, goal) as issue 10 states them
GOALS = [("plv", "pair_recall", ">=", 0.80), ("plv", "type_macro_f1", ">=", 0.85),
         ("conflibert", "accuracy", ">=", 0.85), ("petr2", "found", ">=", 0.80),
         ("petr2", "false_per_true", "<", 1.0), ("articles", "recall", ">=", 0.85),
         ("articles", "must_not_violations", "<=", 3), ("articles", "dates_rate", ">=", 0.90),
         ("articles", "attribution_rate", ">=", 0.80),
         # issue 16, on the sealed corpus test split
         ("corpus-test", "required_recall", ">=", 0.85), ("corpus-test", "precision", ">=", 0.85),
         ("corpus-test", "modality_rate", ">=", 0.90), ("corpus-test", "dates_rate", ">=", 0.90)]

_SCORERS = {"plv": scoring.score_plv, "conflibert": scoring.score_conflibert, "gsr": scoring.score_gsr,
            "petr2": scoring.score_petr2}
MANUAL_SETS = ("cameo_examples", "gsr")  # the GSR is the CAMEO manual's examples, edited


def load_set(name: str, data: Path) -> list[gold.GoldSentence]:
    """The gold sentences of set ``name`` (PLV: the fixed dev split only)."""
    if name == "plv":
        return gold.load_plv(data, read_split("dev"))
    return {"conflibert": gold.load_conflibert, "gsr": gold.load_gsr, "petr2": gold.load_petr2}[name](data)


def overlaps(data: Path) -> dict[str, set[str]]:
    """Sentence id -> the other sets (and "cameo_examples") where it recurs; over the full sets."""
    sets = {n: [(s.id, s.text) for s in load_set(n, data)] for n in SENTENCE_SETS}
    sets["cameo_examples"] = [(f"cameo:{c}", t) for c, t in gold.load_cameo_examples(data)]
    return find_overlaps(sets)


def _check(value, op: str, goal: float) -> bool:
    if value is None:
        return False
    return {">=": value >= goal, "<=": value <= goal, "<": value < goal}[op]


def summary(sets: dict) -> list[dict]:
    """The headline figures against the goals, for the sets that ran."""
    out = []
    for name, metric, op, goal in GOALS:
        if name in sets and "error" not in sets[name]:
            v = sets[name].get(metric)
            out.append({"set": name, "metric": metric, "value": v, "goal": f"{op} {goal}",
                        "met": _check(v, op, goal)})
    return out


def _extra(name: str, data: Path, limit: int | None, coder) -> dict:
    import importlib

    try:
        mod = importlib.import_module(f"detente.eval.{name}")
    except ImportError:
        return {"error": f"detente.eval.{name} is not there yet"}
    fn = getattr(mod, f"evaluate_{name}")
    offer = {"data": data, "data_dir": data, "limit": limit, "coder": coder}
    params = inspect.signature(fn).parameters
    return fn(**{k: v for k, v in offer.items() if k in params})


def run_eval(sets: Sequence[str], data: Path, *, limit: int | None = None, coder=None,
             log: Callable[[str], None] = lambda s: None) -> dict:
    """Score detente on ``sets``; RETURNS the report dict ("sets", "summary", "warnings", ...)."""
    data = Path(data)
    unknown = [s for s in sets if s not in SETS + EXTRA_SETS]
    if unknown:
        raise ConfigError(f"unknown set(s) {', '.join(unknown)}; available: {', '.join(SETS + EXTRA_SETS)}")
    if not data.is_dir():
        raise ConfigError(f"no gold data directory at {data}")
    if coder is None:
        from .. import get_coder

        coder = get_coder()
    report: dict = {"data": str(data), "limit": limit, "sets": {}, "warnings": [], "code_version": code_version(),
                    "plv_split": {"seed": SEED, "dev_fraction": DEV_FRACTION, "file": "evaldata/splits/plv_dev.txt"}}
    ov = overlaps(data) if any(s in SENTENCE_SETS for s in sets) else {}
    for name in sets:
        t0 = time.perf_counter()
        log(f"{name}: coding ...")
        if name in SENTENCE_SETS:
            sents = load_set(name, data)[:limit] if limit else load_set(name, data)
            events, errors = scoring_input(coder, sents, resolve=name == "plv")
            res = _SCORERS[name](sents, events)
            shared = {s.id: sorted(ov[s.id]) for s in sents if s.id in ov}
            manual = {i for i, where in shared.items() if set(where) & set(MANUAL_SETS)}
            res["overlaps"] = {"sentences": len(shared), "cameo_manual": len(manual), "ids": shared}
            if manual and name != "gsr":
                rest = [s for s in sents if s.id not in manual]
                sub = _SCORERS[name](rest, events)
                res["without_cameo_manual"] = {k: v for k, v in sub.items() if not isinstance(v, dict)}
                report["warnings"].append(f"{name}: {len(manual)} of {len(sents)} sentences are CAMEO manual "
                                          f"examples (or edits of them); scores without them under "
                                          f"'without_cameo_manual'")
            if shared:
                others = sorted({o for w in shared.values() for o in w})
                report["warnings"].append(f"{name}: {len(shared)} sentences recur in {', '.join(others)}")
            res["not_coded"] = errors
        elif name == "articles":
            from .articles import score_articles

            res = score_articles(coder, data, limit)
        elif name in CORPUS_SETS:
            from .corpus_score import evaluate_corpus

            res = evaluate_corpus(coder, data, name.split("-")[1], limit)
        else:
            res = _extra(name, data, limit, coder)
        res["seconds"] = round(time.perf_counter() - t0, 1)
        if res.get("sentences") and res["seconds"]:
            res["sentences_per_second"] = round(res["sentences"] / res["seconds"], 1)
        report["sets"][name] = res
    report["summary"] = summary(report["sets"])
    return report


def code_version() -> dict:
    """detente's version, and the git commit and whether the tree had changes (when run from a checkout)."""
    import subprocess

    from .. import __version__

    root = Path(__file__).resolve().parents[3]
    out = {"version": __version__}
    try:
        out["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                                       text=True, timeout=10).stdout.strip() or None
        status = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=root, capture_output=True,
                                text=True, timeout=10).stdout
        out["src_modified"] = bool(status.strip())
    except (OSError, subprocess.SubprocessError):
        out["commit"] = None
    return out


def scoring_input(coder, sents, *, resolve: bool = False):
    """Code ``sents``; with ``resolve``, first fill the gold actors' countries (PLV)."""
    from .coding import code_sentences, resolve_gold_countries

    if resolve:
        resolve_gold_countries(coder, sents)
    return code_sentences(coder, sents)
