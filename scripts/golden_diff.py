"""The golden diff: what a change to coding changed on the dev sets, event by event, to review before it lands.

    .venv/bin/python scripts/golden_diff.py            # code the dev sets, diff against evaldata/golden/
    .venv/bin/python scripts/golden_diff.py --write    # accept: the current output becomes the golden file
    DETENTE_SCORER=off .venv/bin/python scripts/golden_diff.py  # any setting the coder reads (rules alone here)

Codes corpus-dev and the 31 dev articles of ../shared (never corpus-test: it is sealed) and compares the events
with ``evaldata/golden/dev.jsonl``: events gone, events new, events whose type, modality or date changed. Each
corpus-dev event is marked right (it matches a gold event: sentence, pair, root) or wrong, so a diff shows
whether the change fixed or broke something; the last lines count them. Accept only a diff you can explain.

The golden file holds ids, character spans and codes, never article text: the text is read from ../shared
when the diff is shown.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "evaldata" / "golden" / "dev.jsonl"
DATA = ROOT.parent / "shared" / "data"


def _country(actor: dict | None) -> str:
    return (actor or {}).get("country") or "-"


def record(e: dict, gold_right: bool | None) -> dict:
    """What the golden file keeps of an event (no text)."""
    return {"article_id": e["article_id"], "span": list(e.get("span") or []), "source": _country(e.get("source")),
            "target": _country(e.get("target")), "source_code": (e.get("source") or {}).get("code"),
            "target_code": (e.get("target") or {}).get("code"), "cameo": e["cameo"], "modality": e["modality"],
            "date": e.get("date"), "rule": e.get("rule"), "right": gold_right}


def key(r: dict) -> tuple:
    return r["article_id"], tuple(r["span"]), r["source"], r["target"], r["cameo"][:2]


def code_dev_sets(data: Path) -> tuple[list[dict], dict[str, str]]:
    """Golden records of corpus-dev and the dev articles at the current code, and each article's text."""
    from detente import get_coder
    from detente.eval.corpus import load_corpus
    from detente.eval.corpus_score import align, articles_for
    from detente.eval.articles import load_gold
    from detente.eval.gold import ARTICLES_DIR
    from detente.ingest import iter_articles

    coder = get_coder()
    corpus = {k: a for k, a in load_corpus().items() if a.split == "dev"}
    arts = articles_for(corpus, data)
    gold_ids = set(load_gold(data)["articles"])
    arts += [a for a in iter_articles([str(data / ARTICLES_DIR / "articles.jsonl")]) if a.id in gold_ids]
    texts = {a.id: a.text for a in arts}
    out = []
    for coded in coder.code_articles(arts):
        evs = [e.to_dict() for e in coded.events]
        right: set[int] = set()
        if coded.article.id in corpus:
            asserted = [i for i, e in enumerate(evs) if e["modality"] == "asserted"]
            got = align(corpus[coded.article.id].events, [evs[i] for i in asserted])
            right = {asserted[oi] for _, oi in got}
        for i, e in enumerate(evs):
            out.append(record(e, (i in right) if coded.article.id in corpus and e["modality"] == "asserted"
                              else None))
    return out, texts


def show(r: dict, texts: dict[str, str]) -> str:
    s, e = (r["span"] + [0, 0])[:2]
    sentence = " ".join(texts.get(r["article_id"], "")[s:e].split())[:160]
    mark = {True: "right", False: "wrong", None: "-"}[r["right"]]
    return (f"  {r['article_id']} {r['source_code'] or r['source']} -> {r['target_code'] or r['target']} "
            f"{r['cameo']} {r['modality']} {r['date'] or ''} [{mark}] ({r['rule']})\n      {sentence}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--write", action="store_true", help="make the current output the golden file")
    ap.add_argument("--max", type=int, default=60, help="events shown per kind of change")
    a = ap.parse_args()
    now, texts = code_dev_sets(a.data)
    if a.write:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in now), encoding="utf-8")
        print(f"wrote {len(now)} events to {GOLDEN.relative_to(ROOT)}")
        return
    if not GOLDEN.exists():
        raise SystemExit(f"no golden file at {GOLDEN}: run with --write first")
    before = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
    old, new = {key(r): r for r in before}, {key(r): r for r in now}
    gone = [r for k, r in old.items() if k not in new]
    added = [r for k, r in new.items() if k not in old]
    changed = [(old[k], new[k]) for k in old.keys() & new.keys()
               if (old[k]["cameo"], old[k]["modality"], old[k]["date"]) != (new[k]["cameo"], new[k]["modality"],
                                                                         new[k]["date"])]
    for title, rows in (("gone", gone), ("new", added)):
        print(f"== {title}: {len(rows)}")
        for r in sorted(rows, key=key)[:a.max]:
            print(show(r, texts))
    print(f"== changed (type, modality or date): {len(changed)}")
    for o, n in sorted(changed, key=lambda p: key(p[0]))[:a.max]:
        print(show(o, texts))
        print(f"    now {n['cameo']} {n['modality']} {n['date'] or ''} [{ {True: 'right', False: 'wrong', None: '-'}[n['right']] }]")
    c = Counter()
    for r in gone:
        c["right events gone" if r["right"] else "wrong events gone" if r["right"] is False else "other gone"] += 1
    for r in added:
        c["right events new" if r["right"] else "wrong events new" if r["right"] is False else "other new"] += 1
    print("== summary: " + (", ".join(f"{k} {v}" for k, v in sorted(c.items())) or "no change"))
    print(f"   corpus-dev right events: {sum(bool(r['right']) for r in before)} -> {sum(bool(r['right']) for r in now)}"
          f"; events: {len(before)} -> {len(now)}")


if __name__ == "__main__":
    main()
