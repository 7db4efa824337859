"""Short English news paragraphs cut from ../shared/data (allsides, wikinews) and mutated, for the batch
and fault tests. Nothing from these texts is committed: they are read at test time."""
from __future__ import annotations

import csv
import gzip
import json
import random
import re

from detente.nlp.language import is_english

from ..conftest import needs_shared

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def _paragraphs(text: str, lo: int, hi: int):
    for para in re.split(r"\n\s*\n|\n", text or ""):
        para = " ".join(para.split())
        if lo <= len(para) <= hi and para[-1:] in ".!?\"\u201d'":
            yield para


def _mutate(para: str, rng: random.Random, n: int) -> str:
    sents = _SENT.split(para)
    r = rng.random()
    if r < 0.25 and len(sents) > 1:
        i = rng.randrange(len(sents) - 1)
        sents[i], sents[i + 1] = sents[i + 1], sents[i]
    elif r < 0.4:
        sents = [s.replace(" the ", " the the ", 1) for s in sents]
    elif r < 0.5:
        sents[-1] = sents[-1] + " \u201cWe will see,\u201d he said.\u00a0"
    elif r < 0.55:
        sents[0] = "\x07" + sents[0]  # a stray control character: still a good article
    text = " ".join(sents)
    return f"{text} (Report {n}.)" if rng.random() < 0.5 else text


def paragraphs(n: int, *, seed: int = 7, lo: int = 200, hi: int = 600) -> list[str]:
    """``n`` distinct English paragraphs of ``lo``..``hi`` characters, mutated copies of real news text."""
    pool: list[str] = []
    with gzip.open(needs_shared("allsides_international_news.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            pool.extend(_paragraphs(json.loads(line).get("content_original"), lo, hi))
    for year in (2019, 2020):
        with open(needs_shared("wikinews", f"wikinews_{year}.csv"), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                pool.extend(_paragraphs(row.get("text"), lo, hi))
    pool = sorted(set(p for p in pool if is_english(p)[0]))
    rng = random.Random(seed)
    rng.shuffle(pool)
    out, seen = [], set()
    i = 0
    while len(out) < n:
        p = _mutate(pool[i % len(pool)], rng, i)
        i += 1
        key = " ".join(p.split()).lower()
        if key not in seen and is_english(p)[0]:
            seen.add(key)
            out.append(p)
    return out
