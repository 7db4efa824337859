"""Evaluate event dating and header finding.

1. Temporal expressions: ``evaldata/dates/dev.jsonl`` holds hand-coded expressions from Wikinews articles
   (CC BY 2.5, credit Wikinews; each record keeps its URL), each with the sentence, the expression's
   character offsets, the publication date, the gold value under detente's conventions (see
   ``detente.dates.resolve``) or null when it names no date (durations, ages, "annual"), and whether the
   sentence speaks of the future. The scorer parses each sentence, finds the expressions as the coder does,
   resolves the one at the gold offsets and compares.
2. Headers and datelines (needs ../shared/data): Wikinews texts open with a date line; allsides articles carry
   their date in metadata, which is stripped: does ``find_header`` recover it where the text has a header line,
   and does it find the datelines ("WASHINGTON (AP) -", "SEOUL, South Korea --")?
3. Article dates (issue 17, needs ../shared/data): articles whose date is stripped or shifted, is the date the
   text was written inferred, and are right dates left alone? See ``article_dates.py``.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEV = ROOT / "evaldata" / "dates" / "dev.jsonl"
SHARED = ROOT.parent / "shared" / "data"


def _right_at_precision(pred: str | None, gold: str) -> bool:
    """The prediction agrees with the gold at the gold's precision ("2016-02-14" is right for "2016-02")."""
    if pred is None:
        return False
    if "/" in gold or "/" in pred:
        return pred == gold
    return len(pred) >= len(gold) and pred[: len(gold)] == gold


def evaluate_expressions(path: Path = DEV, nlp=None) -> dict:
    """Score expression finding and resolution on the hand-coded dev set."""
    from ..dates.attach import sentence_expressions
    from ..dates.resolve import resolve_expression
    from ..nlp import load_nlp

    items = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    nlp = nlp or load_nlp()
    n_dated = found = exact = at_prec = n_none = none_ok = 0
    by_kind: dict[str, list[int]] = {}
    errors = []
    for it, doc in zip(items, nlp.pipe(it["sentence"] for it in items)):
        spans = sentence_expressions(doc[:])
        sp = next((s for s in spans if s.start_char < it["end"] and it["start"] < s.end_char), None)
        pub = date.fromisoformat(it["published"])
        got = resolve_expression(sp.text, pub, future=it["future"]) if sp is not None else None
        pred = got.value if got else None
        gold = it["gold"]
        if gold is None:
            n_none += 1
            none_ok += pred is None
            if pred is not None:
                errors.append({"id": it["id"], "expr": it["expr"], "gold": None, "pred": pred})
            continue
        n_dated += 1
        found += sp is not None
        kind = "relative" if (got and got.basis == "relative") or re.search(
            r"(?i)day|yesterday|today|week|ago|last|this|next", it["expr"]) else "explicit"
        ok = _right_at_precision(pred, gold)
        exact += pred == gold
        at_prec += ok
        by_kind.setdefault(kind, [0, 0])
        by_kind[kind][0] += 1
        by_kind[kind][1] += ok
        if not ok:
            errors.append({"id": it["id"], "expr": it["expr"], "gold": gold, "pred": pred})
    return {
        "items": len(items), "dated": n_dated, "found": round(found / max(n_dated, 1), 3),
        "exact": round(exact / max(n_dated, 1), 3), "at_precision": round(at_prec / max(n_dated, 1), 3),
        "by_kind": {k: {"n": v[0], "at_precision": round(v[1] / max(v[0], 1), 3)} for k, v in by_kind.items()},
        "no_date": n_none, "no_date_right": round(none_ok / max(n_none, 1), 3), "errors": errors,
    }


_LOOSE_DATELINE = re.compile(r"^[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][A-Za-z. ]+)?\s*(?:\([A-Za-z .]+\))?\s*"
                             r"(?:--|[-\u2013\u2014])")
_NOT = re.compile(r"^(?:FILE|UPDATE|CLOSE|BREAKING|EXCLUSIVE|PHOTO|VIDEO|WATCH|U\.S\.|US|UN|EU|UK|NATO|AP|CNN)\b")


def evaluate_headers(shared: Path = SHARED, limit: int | None = None) -> dict:
    """Header dates (Wikinews date lines, allsides header lines) and datelines (allsides) recovered."""
    from ..ingest.headers import find_header

    out: dict = {}
    wn = shared / "wikinews"
    if wn.exists():
        csv.field_size_limit(10 ** 8)
        has = right = wrong = 0
        for f in sorted(wn.glob("wikinews_20*.csv")):
            for r in csv.DictReader(f.open(encoding="utf-8")):
                first = next((ln.strip() for ln in r["text"].splitlines() if ln.strip()), "")
                if not re.match(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+\w+\s+\d", first):
                    continue
                has += 1
                got = find_header(r["text"]).published
                right += got == date.fromisoformat(r["date"])
                wrong += got is not None and got != date.fromisoformat(r["date"])
        out["wikinews_header_dates"] = {"with_header": has, "found": round(right / max(has, 1), 3),
                                        "wrong": wrong}
    al = shared / "allsides_international_news.jsonl.gz"
    if al.exists():
        n = with_dl = dl_found = with_hdr = hdr_found = hdr_wrong = 0
        missed = []
        with gzip.open(al, "rt", encoding="utf-8") as fh:
            for ln in fh:
                d = json.loads(ln)
                if not d.get("date"):
                    continue
                n += 1
                if limit and n > limit:
                    break
                text = d["content_original"]
                pub = date.fromisoformat(d["date"])
                lines = [x.strip() for x in text.splitlines() if x.strip()][:4]
                h = find_header(text)
                if any(_LOOSE_DATELINE.match(x) and not _NOT.match(x) for x in lines):
                    with_dl += 1
                    dl_found += h.dateline_place is not None
                    if h.dateline_place is None and len(missed) < 20:
                        missed.append(next(x for x in lines if _LOOSE_DATELINE.match(x))[:60])
                month = pub.strftime("%B")
                hdr = re.compile(rf"({month}|{month[:3]}\.?)\s+0?{pub.day},?\s+{pub.year}|"
                                 rf"\b0?{pub.day}\s+{month},?\s+{pub.year}|{pub.isoformat()}")
                if any(len(x) <= 100 and hdr.search(x) for x in lines[:3]):
                    with_hdr += 1
                    hdr_found += h.published == pub
                hdr_wrong += h.published is not None and h.published != pub
        out["allsides"] = {"articles": n, "with_dateline": with_dl,
                           "datelines_found": round(dl_found / max(with_dl, 1), 3),
                           "with_header_date": with_hdr, "header_dates_found": round(hdr_found / max(with_hdr, 1), 3),
                           "header_dates_wrong": hdr_wrong, "missed_datelines": missed}
    return out


def evaluate_dates(data: Path | None = None, limit: int | None = None, coder=None) -> dict:
    """Everything above, as one JSON-able dict (called by ``detente eval``; ``coder`` also codes articles for the
    article-dates figures, see ``article_dates.evaluate_article_dates``)."""
    from .article_dates import evaluate_article_dates

    shared = Path(data) if data is not None else SHARED
    out = {"expressions": evaluate_expressions(nlp=coder.nlp if coder is not None else None)}
    if shared.exists():
        out["headers"] = evaluate_headers(shared, limit)
        res = evaluate_article_dates(shared, limit, coder)
        for part in ("unaltered",):
            res.get(part, {}).pop("listed", None)
        out["article_dates"] = res
    else:
        out["headers"] = {"skipped": f"{shared} not present"}
        out["article_dates"] = {"skipped": f"{shared} not present"}
    return out


if __name__ == "__main__":
    print(json.dumps(evaluate_dates(), indent=1))
