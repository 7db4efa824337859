"""The language check (detente.nlp.language) on English and non-English text from ../shared/data.

    .venv/bin/python bench/language_id.py              # gold sets, articles, Spanish paragraphs
    .venv/bin/python bench/language_id.py --sentences  # also every sentence of the allsides articles (~2 min)
    .venv/bin/python bench/language_id.py --show 10    # print up to 10 wrongly judged texts per set

Goals (issue 19): no English sentence of the PLV gold, the ConfliBERT sets or the dev articles refused;
over 95% of 200 non-English news paragraphs refused. Each text is checked as the coder checks an article
(``is_english`` on its whole text). spaCy's example sentences (shipped with spaCy, 60-odd languages) are an
extra, harder set: short sentences, most of them not news.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import importlib
import json
import pkgutil
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from detente.nlp.language import is_english  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SPANISH = ("spanish_protest_plover_validation.xml", "spanish_fight_reduced_181227v2_validation.xml",
           "spanish_validation_1018_noaccent.xml")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def _tsv(path: Path) -> list[dict]:
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def plv() -> list[str]:
    seen = {}
    for r in _tsv(DATA / "ZeroShotPLOVER_PLV" / "PLV_train.tsv"):
        seen.setdefault(r["sentence_id"], r["sentence"])
    return list(seen.values())


def conflibert(split: str) -> list[str]:
    lines = (DATA / "ConfliBERT_cameo" / f"cameo_class__{split}.tsv").read_text(encoding="utf-8").splitlines()
    return [ln.rsplit("\t", 1)[0].strip() for ln in lines if ln.strip()]


def dev_articles() -> list[str]:
    with open(DATA / "dev_articles" / "articles.jsonl", encoding="utf-8") as f:
        return [json.loads(ln)["text"] for ln in f if ln.strip()]


def allsides() -> list[str]:
    with gzip.open(DATA / "allsides_international_news.jsonl.gz", "rt", encoding="utf-8") as f:
        recs = [json.loads(ln) for ln in f]
    return [f"{r.get('title') or ''}\n\n{r.get('content_original') or ''}".strip() for r in recs]


def wikinews() -> list[str]:
    out = []
    for year in (2019, 2020):
        with open(DATA / "wikinews" / f"wikinews_{year}.csv", encoding="utf-8", newline="") as f:
            out += [f"{r['title']}\n\n{r['text']}" for r in csv.DictReader(f)]
    return out


def sentences(articles: list[str]) -> list[str]:
    out = []
    for art in articles:
        for para in art.split("\n"):
            out += [s for s in _SENT.split(para) if s.strip()]
    return out


def spanish() -> list[str]:
    out = []
    for name in SPANISH:
        raw = (DATA / "UniversalPetrarch" / name).read_text(encoding="utf-8")
        out += [" ".join(t.split()) for t in re.findall(r"<Text>\s*(.*?)\s*</Text>", raw, re.S)]
    return out


def spacy_examples() -> dict[str, list[str]]:
    import spacy.lang

    out = {}
    for m in pkgutil.iter_modules(spacy.lang.__path__):
        if not m.ispkg or m.name in ("en", "xx"):
            continue
        try:
            mod = importlib.import_module(f"spacy.lang.{m.name}.examples")
        except ImportError:
            continue
        sents = [s for s in getattr(mod, "sentences", []) if isinstance(s, str) and s.strip()]
        if sents:
            out[m.name] = sents
    return out


def judge(texts: list[str]) -> tuple[list[str], list[str], float]:
    """(refused, kept, seconds)."""
    t0 = time.perf_counter()
    refused, kept = [], []
    for t in texts:
        (kept if is_english(t)[0] else refused).append(t)
    return refused, kept, time.perf_counter() - t0


def line(name: str, n: int, of: int, goal: str, secs: float) -> None:
    pct = 100 * n / of if of else 0.0
    print(f"  {name:<52} {n:>6} / {of:<7} {pct:6.2f}%   {goal:<10} {1000 * secs / max(of, 1):6.2f} ms/text")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", action="store_true", help="also every sentence of the allsides articles")
    ap.add_argument("--show", type=int, default=0, help="print up to N wrongly judged texts per set")
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} not found: this benchmark reads ../shared/data")
    is_english("warm the model up: load it once before timing anything")

    def show(texts):
        for t in texts[:args.show]:
            print(f"      {is_english(t)[1] or 'kept'}: {t[:120]!r}")

    print("English texts refused (goal: none):")
    arts = allsides()
    english = [("PLV gold sentences (PLV_train.tsv)", plv()),
               ("ConfliBERT cameo_class test sentences", conflibert("test")),
               ("ConfliBERT cameo_class train sentences", conflibert("train")),
               ("dev articles (dev_articles/articles.jsonl)", dev_articles()),
               ("allsides articles (title and text)", arts),
               ("wikinews 2019-2020 articles", wikinews())]
    if args.sentences:
        english.append(("allsides sentences, one text each (some are not English)", sentences(arts)))
    for name, texts in english:
        refused, _, secs = judge(texts)
        line(name, len(refused), len(texts), "goal 0", secs)
        show(refused)

    print("Non-English texts refused (goal: over 95%):")
    es = spanish()
    paras = sorted({t for t in es if len(t.split()) >= 15})
    sample = random.Random(args.seed).sample(paras, min(200, len(paras)))
    refused, kept, secs = judge(sample)
    line("Spanish news paragraphs (UniversalPetrarch), 200 sampled", len(refused), len(sample), "> 95%", secs)
    show(kept)
    refused, kept, secs = judge(paras)
    line("all Spanish paragraphs of 15 words or more", len(refused), len(paras), "> 95%", secs)
    show(kept)
    refused, kept, secs = judge(es)
    line("all Spanish records, headlines and fragments included", len(refused), len(es), "", secs)
    show(kept)

    ex = spacy_examples()
    joined = {lang: " ".join(s) for lang, s in ex.items()}
    refused, kept, secs = judge(list(joined.values()))
    line(f"spaCy examples, each language's sentences as one text ({len(ex)})", len(refused), len(joined), "", secs)
    for lang, text in joined.items():
        if text in kept:
            print(f"      kept: {lang}: {text[:100]!r}")
    flat = [s for sents in ex.values() for s in sents]
    refused, kept, secs = judge(flat)
    line("spaCy example sentences, one at a time", len(refused), len(flat), "", secs)
    show(kept)


if __name__ == "__main__":
    main()
