"""How many asserted gold events of the corpus the scorer's candidates can reach, and why the rest cannot.

    python scripts/candidate_coverage.py [--split dev|train] [--data ../shared/data] [--examples 5]

A gold event is covered when one candidate of its sentence has its (source country, target country): the
model can only type pairs the candidate generator proposes. The misses are counted by kind: no candidate in the
sentence at all, a null gold source, the source or the target (or both) not reached, or both reached but not
paired (a country with itself where only one phrase names it). The test split is sealed: it is refused.
"""
from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict
from pathlib import Path


def coverage(rows: list[dict], corpus: dict) -> tuple[Counter, dict]:
    """(counts by kind, examples by kind) for the asserted gold events of ``corpus`` against candidate ``rows``."""
    from detente.eval.corpus_score import gold_country, norm

    by_article = defaultdict(list)
    for r in rows:
        by_article[r["article_id"]].append(r)
    counts, examples = Counter(), defaultdict(list)
    for aid, art in corpus.items():
        for g in art.events:
            if g.get("modality") != "asserted":
                continue
            ev = norm(g["evidence"])
            gs, gt = gold_country(g.get("source")), gold_country(g.get("target"))
            keys = {tuple(r["key"]) for r in by_article[aid] if ev in norm(r["sentence"])}
            reached = {k for pair in keys for k in pair if k}
            if (gs, gt) in keys:
                kind = "covered"
            elif not keys:
                kind = "no candidate in the sentence"
            elif gs is None:
                kind = "null source not reached"
            elif gs not in reached and gt is not None and gt not in reached:
                kind = "source and target not reached"
            elif gs not in reached:
                kind = "source not reached"
            elif gt is not None and gt not in reached:
                kind = "target not reached"
            else:
                kind = "both reached, not paired"
            counts[kind] += 1
            examples[kind].append((g["evidence"][:120], (g.get("source") or {}).get("text"), gs,
                                   (g.get("target") or {}).get("text"), gt))
    return counts, examples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--examples", type=int, default=5, help="misses to print for each kind")
    a = ap.parse_args()
    from detente.events.scorer.runtime import Scorer
    from detente.events.scorer.train import OUT, collect, label

    rows, corpus = collect(a.split, a.data, Scorer(OUT, head=False))
    counts, examples = coverage(label(rows, corpus), corpus)
    total = sum(counts.values())
    print(f"corpus-{a.split}: {len(rows)} candidates; {counts['covered']} of {total} asserted gold events covered "
          f"({counts['covered'] / total:.3f})")
    rng = random.Random(0)
    for kind, n in counts.most_common():
        if kind == "covered":
            continue
        print(f"  {kind}: {n}")
        for ex in rng.sample(examples[kind], min(a.examples, len(examples[kind]))):
            print(f"      {ex[0]!r}  {ex[1]!r} [{ex[2]}] -> {ex[3]!r} [{ex[4]}]")


if __name__ == "__main__":
    main()
