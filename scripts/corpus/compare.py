"""Show two independent codings of an article side by side, for adjudication.

    python scripts/corpus/compare.py ID

Events that match (same sentence, source and target countries, intersecting roots) are printed as pairs with
their differences; then the events only the first coding has, and those only the second has.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.modules.setdefault("detente", types.ModuleType("detente"))  # the package __init__ would load spaCy
sys.modules.setdefault("detente.eval", types.ModuleType("detente.eval"))
for _name in ("corpus", "corpus_score"):
    _spec = importlib.util.spec_from_file_location(f"detente.eval.{_name}", ROOT / "src/detente/eval" / f"{_name}.py")
    _mod = importlib.util.module_from_spec(_spec)
    sys.modules[_spec.name] = _mod
    _spec.loader.exec_module(_mod)
corpus = sys.modules["detente.eval.corpus"]
score = sys.modules["detente.eval.corpus_score"]


def show(e: dict) -> str:
    s = (e.get("source") or {}).get("code")
    t = (e.get("target") or {}).get("code")
    return (f"{e['id']}: {s}->{t} {e['cameo']} {e['roots']} {e['modality']} {e['date']} att={e['attribution']} "
            f"req={e['required']} | {e['evidence']}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("id")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    a = ap.parse_args()
    first = corpus.load_corpus(which="first")[a.id]
    second = corpus.load_corpus(which="double")[a.id]
    text = corpus.article_text(corpus.load_texts(Path(a.data), [a.id])[a.id])
    used: set[int] = set()
    pairs, only_a = [], []
    for x in first.events:
        hit = None
        for bi, y in enumerate(second.events):
            if bi in used:
                continue
            i = score.sentence_of(text, x["evidence"])
            if i is None or i != score.sentence_of(text, y["evidence"]):
                continue
            if score.gold_country(x.get("source")) != score.gold_country(y.get("source")) or \
                    score.gold_country(x.get("target")) != score.gold_country(y.get("target")):
                continue
            if not set(map(str, x["roots"])) & set(map(str, y["roots"])):
                continue
            hit = bi
            break
        if hit is None:
            only_a.append(x)
        else:
            used.add(hit)
            pairs.append((x, second.events[hit]))
    print(f"== {a.id}: first coding {first.coders} {len(first.events)} events, second {second.coders} "
          f"{len(second.events)} events, {len(pairs)} matched")
    print("-- matched")
    for x, y in pairs:
        print("  A " + show(x))
        print("  B " + show(y))
    print(f"-- only in the first coding ({len(only_a)})")
    for x in only_a:
        print("  A " + show(x))
    rest = [y for i, y in enumerate(second.events) if i not in used]
    print(f"-- only in the second coding ({len(rest)})")
    for y in rest:
        print("  B " + show(y))


if __name__ == "__main__":
    main()
