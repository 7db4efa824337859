"""Whole-process speed of the coder, with the learned scorer and without, against spaCy's own pipeline alone.

    .venv/bin/python bench/scorer_speed.py [--n 100] [--repeat 2] [--modes off,on,model] [--baseline OLD/src]

Writes the first ``--n`` allsides articles with text to a JSON Lines file, then times whole processes (start-up
included), interleaved, best of ``--repeat``:

- spaCy alone: load en_core_web_sm and ``nlp.pipe`` the texts (the same model and batch size detente uses);
- ``detente code FILE --format jsonl`` with ``DETENTE_SCORER=off``, ``on`` and ``model``.

Prints seconds and the ratio spaCy / coder (the issue's goal: at least 0.6 with the scorer on). Reads
../shared/data (bench only); quote the ratios, not the seconds.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides_international_news.jsonl.gz"

SPACY = """
import json, sys, spacy
from detente.config import Settings
from detente.nlp.load import MODEL
nlp = spacy.load(MODEL)
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
print(sum(len(d) for d in nlp.pipe(texts, batch_size=Settings().batch_size)))
"""


def write_sample(n: int, path: Path) -> int:
    k = 0
    with gzip.open(DATA, "rt", encoding="utf-8") as f, path.open("w", encoding="utf-8") as out:
        for line in f:
            r = json.loads(line)
            text = (r.get("content_original") or "").strip()
            if not text:
                continue
            out.write(json.dumps({"id": r["ID"], "text": text, "title": r.get("title"),
                                  "published": r.get("date")}) + "\n")
            k += 1
            if k == n:
                break
    return k


def timed(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--modes", default="off,on,model", help="scorer modes to time (DETENTE_SCORER)")
    ap.add_argument("--baseline", default="", help="another checkout's src/ to time the same runs with, interleaved")
    a = ap.parse_args()
    here = str(Path(__file__).resolve().parents[1] / "src")
    trees = {"now": here, **({"base": a.baseline} if a.baseline else {})}
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        n = write_sample(a.n, sample)
        runs = {"spaCy alone": ([sys.executable, "-c", SPACY, str(sample)], {"PYTHONPATH": here})}
        for tree, src in trees.items():
            for mode in a.modes.split(","):
                runs[f"{tree} coder, scorer {mode}"] = (
                    [sys.executable, "-m", "detente", "code", str(sample), "--format", "jsonl", "--lang", "any"],
                    {"PYTHONPATH": src, "DETENTE_SCORER": mode})
        best: dict[str, float] = {}
        for _ in range(a.repeat):
            for name, (cmd, extra) in runs.items():
                best[name] = min(best.get(name, float("inf")), timed(cmd, {**os.environ, **extra}))
    base = best["spaCy alone"]
    print(f"{n} articles, whole processes (start-up included), best of {a.repeat}")
    print(f"{'run':28}{'seconds':>9}{'ratio spaCy/run':>17}")
    for name, s in best.items():
        print(f"{name:28}{s:9.1f}{base / s:17.2f}")


if __name__ == "__main__":
    main()
