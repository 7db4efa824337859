"""Start-up: `detente code` on one sentence against loading spaCy alone, whole processes, in the same run.

    .venv/bin/python bench/startup.py              # 5 rounds, each: spaCy alone, then detente code
    .venv/bin/python bench/startup.py --rounds 9 --profile

Each round starts two fresh processes: ``python -c "import spacy; spacy.load(MODEL)(SENTENCE)"`` (spaCy
alone: import, load, parse one sentence) and ``python -m detente code FILE --published DATE`` on a file
holding the same sentence. It prints the median wall and CPU seconds of each and the ratios
coder / spaCy (CPU time barely moves when other users load the machine; quote the ratios). ``--profile``
adds a cProfile of one `detente code` run: the functions with the most cumulative time.

Both run as installed code runs: Python's compiled bytecode is kept (in a temporary PYTHONPYCACHEPREFIX) even
where PYTHONDONTWRITEBYTECODE is set, since site-packages hold spaCy's already while an editable detente would
otherwise be compiled on every start; ``--no-bytecode`` keeps the environment as it is. The first run of each
(not counted) fills that cache and detente's knowledge-base cache.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Pyongyang rejected Seoul's proposal for talks on Monday."
PUBLISHED = "2016-02-22"


def run(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, of the child) of one process, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="Rounds (each starts both processes once).")
    ap.add_argument("--profile", action="store_true", help="Also profile one `detente code` run.")
    ap.add_argument("--no-bytecode", action="store_true", help="Do not keep compiled bytecode between runs "
                                                                "(the environment as it is).")
    args = ap.parse_args()
    from detente.nlp import MODEL

    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ)
        if not args.no_bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(d) / "pycache")
        text = Path(d) / "one.txt"
        text.write_text(SENTENCE + "\n", encoding="utf-8")
        spacy_cmd = [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})({SENTENCE!r})"]
        coder_cmd = [sys.executable, "-m", "detente", "code", str(text), "--published", PUBLISHED]
        run(spacy_cmd, env)  # warm the file and bytecode caches (and the caches detente builds on first use)
        run(coder_cmd, env)
        spacy_t, coder_t = [], []
        for _ in range(args.rounds):
            spacy_t.append(run(spacy_cmd, env))
            coder_t.append(run(coder_cmd, env))
        sw = statistics.median(t[0] for t in spacy_t)
        sc = statistics.median(t[1] for t in spacy_t)
        cw = statistics.median(t[0] for t in coder_t)
        cc = statistics.median(t[1] for t in coder_t)
        print(f"spaCy alone (import, load, one sentence): {sw:.2f} s wall, {sc:.2f} s CPU (median of {args.rounds})")
        print(f"detente code, one sentence:               {cw:.2f} s wall, {cc:.2f} s CPU")
        print(f"ratio coder / spaCy: {cw / sw:.2f} wall, {cc / sc:.2f} CPU"
              + (" (no bytecode kept between runs)" if args.no_bytecode else ""))
        if args.profile:
            out = Path(d) / "startup.prof"
            run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "detente", "code", str(text),
                 "--published", PUBLISHED], env)
            import pstats

            pstats.Stats(str(out), stream=sys.stdout).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    main()
