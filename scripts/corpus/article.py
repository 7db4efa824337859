"""Print corpus articles for a coder: id, outlet, publication date, title, then the text by paragraph.

    python scripts/corpus/article.py ID [ID ...] [--data ../shared/data]
    python scripts/corpus/article.py --batch b03        # the ids of a batch, in coding order

Evidence strings are copied from the text printed here (the paragraph numbers are not part of it).
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
from detente_corpus import article_text, load_texts, read_index  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--batch")
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared" / "data"))
    a = ap.parse_args()
    index = read_index()
    if a.batch:
        for aid, r in index.items():
            if r["batch"] == a.batch:
                print(aid, r["chars"], r["published"] or "no-date", r["group"], sep="\t")
        return
    texts = load_texts(Path(a.data), a.ids)
    for aid in a.ids:
        r = texts.get(aid)
        if r is None:
            print(f"== {aid}: not found", file=sys.stderr)
            continue
        print(f"== {aid} | {r['source']} | published: {r['date'] or 'NONE'} | {r['title']}")
        for i, para in enumerate(p for p in article_text(r).split("\n") if p.strip()):
            print(f"[{i + 1}] {para}")
        print()


if __name__ == "__main__":
    main()
