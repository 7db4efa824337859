"""Whole-process speed of the coder, with the learned scorer and without, against spaCy's own pipeline alone.

    .venv/bin/python bench/scorer_speed.py [--n 100] [--repeat 2] [--modes off,on,model] [--baseline OLD/src]

Writes the first ``--n`` allsides articles with text to a JSON Lines file, then times whole processes (start-up
included), interleaved, best of ``--repeat``:

- spaCy alone: load en_core_web_sm and ``nlp.pipe`` the texts (the same model and batch size detente uses);
  where torch is installed (the ``train`` extra) thinc imports it, as it would for any user; "spaCy alone, torch
  hidden" hides it as detente's command line does (``nlp.no_torch``), a second baseline without that second;
- ``detente code FILE --format jsonl`` with ``DETENTE_SCORER=off``, ``on`` and ``model``.

Prints wall seconds, the ratio spaCy / coder (the issue's goal: at least 0.6 with the scorer on) against both
baselines, and the processes' CPU seconds (user + system); with the scorer on, also with the encoder on the
coder's own thread (``DETENTE_PREFETCH=0``; since session 16 it has a thread of its own by default on more than
one core, and wall time falls while CPU time does not; a ``--baseline`` checkout runs with its own default).
Reads ../shared/data (bench only); quote the ratios, not the seconds.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides_international_news.jsonl.gz"

NO_TORCH = "from detente.nlp.no_torch import hide_from_thinc; hide_from_thinc()\n"
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


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
        runs = {"spaCy alone": ([sys.executable, "-c", SPACY, str(sample)], {"PYTHONPATH": here}),
                "spaCy alone, torch hidden": ([sys.executable, "-c", NO_TORCH + SPACY, str(sample)],
                                              {"PYTHONPATH": here})}
        for tree, src in trees.items():
            for mode in a.modes.split(","):
                runs[f"{tree} coder, scorer {mode}"] = (
                    [sys.executable, "-m", "detente", "code", str(sample), "--format", "jsonl", "--lang", "any"],
                    {"PYTHONPATH": src, "DETENTE_SCORER": mode})
            if tree == "now" and "on" in a.modes.split(","):  # the encoder on the coder's own thread
                runs["now coder, on, no prefetch"] = (
                    [sys.executable, "-m", "detente", "code", str(sample), "--format", "jsonl", "--lang", "any"],
                    {"PYTHONPATH": src, "DETENTE_SCORER": "on", "DETENTE_PREFETCH": "0"})
        best: dict[str, tuple[float, float]] = {}
        for _ in range(a.repeat):
            for name, (cmd, extra) in runs.items():
                got = timed(cmd, {**os.environ, **extra})
                best[name] = min(best.get(name, got), got)
    base, hidden = best["spaCy alone"][0], best["spaCy alone, torch hidden"][0]
    print(f"{n} articles, whole processes (start-up included), best of {a.repeat}")
    print(f"{'run':28}{'seconds':>9}{'spaCy/run':>11}{'(torch hidden)':>16}{'CPU s':>8}")
    for name, (wall, cpu) in best.items():
        print(f"{name:28}{wall:9.1f}{base / wall:11.2f}{hidden / wall:16.2f}{cpu:8.1f}")

if __name__ == "__main__":
    main()
