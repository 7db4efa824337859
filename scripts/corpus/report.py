"""Corpus figures: articles and events per split, events per root and modality, and inter-coder agreement.

    python scripts/corpus/report.py [--data ../shared/data] [--json out.json]

Agreement compares the independent second codings in ``double/`` with the first codings, taken from
``first/`` where the adjudicated version in ``batches/`` has replaced them (see docs/corpus/index.md).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"detente.eval.{name}", ROOT / "src" / "detente" / "eval" / f"{name}.py",
                                                  submodule_search_locations=None)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--json")
    a = ap.parse_args()
    import types

    sys.modules.setdefault("detente", types.ModuleType("detente"))  # the package __init__ would load spaCy
    sys.modules.setdefault("detente.eval", types.ModuleType("detente.eval"))
    corpus = _load("corpus")
    score = _load("corpus_score")
    stats = score.corpus_stats()
    second = corpus.load_corpus(which="double")
    first_dir = corpus.CORPUS_DIR / "first"
    first = corpus.load_corpus(which="first") if first_dir.is_dir() else {}
    first = {**{k: v for k, v in corpus.load_corpus().items() if k in second}, **first}
    texts = {k: corpus.article_text(r) for k, r in corpus.load_texts(Path(a.data), second).items()}
    stats["agreement"] = score.agreement(first, second, texts)
    out = json.dumps(stats, indent=1)
    print(out)
    if a.json:
        Path(a.json).write_text(out + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
