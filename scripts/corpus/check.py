"""Check corpus batch files: schema, codes, and that every evidence string is in its article.

    python scripts/corpus/check.py evaldata/corpus/batches/b03.yaml [...]   # exit 1 and a list when wrong
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

# load the corpus module alone: importing the detente package would load spaCy
_spec = importlib.util.spec_from_file_location(
    "detente_corpus", Path(__file__).resolve().parents[2] / "src" / "detente" / "eval" / "corpus.py")
_corpus = importlib.util.module_from_spec(_spec)
sys.modules["detente_corpus"] = _corpus
_spec.loader.exec_module(_corpus)
from detente_corpus import load_corpus, read_file, validate  # noqa: E402,F401


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data"))
    a = ap.parse_args()
    problems = validate(a.files, Path(a.data))
    n_art = sum(len(read_file(f)) for f in a.files if f.exists())
    n_ev = sum(len(s.get("events") or []) for f in a.files if f.exists() for s in read_file(f).values())
    for p in problems:
        print(p)
    print(f"{n_art} articles, {n_ev} events, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
