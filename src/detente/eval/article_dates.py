"""Article dates (issue 17): infer when an article was written when its own date is wrong or missing.

The set (needs ../shared/data): real articles with a known date from ``allsides_international_news.jsonl.gz``
(the half whose id hashes odd; the other half tuned the weights of ``detente.dates.evidence``) and the dev
articles. Each is altered once, in turn: its date stripped, shifted by months (-9..+9) or by years (-4..+4).

Whether the text holds the evidence is decided from the true date, not by the inferrer:

- **evidence**: the text names a day and month within 31 days before the true date (or on it) and pins the year:
  the year written as a number anywhere in the text, or a weekday that matches that day in that year;
- **none**: the text names no day and month, and no month alone, within 62 days of the true date, in any year.

Figures: the inferred date within 31 days of the true one and the window holding it (goal 0.8 on "evidence"),
no inference (goal 0.9 on "none"), shifted dates judged contradicted (re-anchored) and the wrong re-anchorings;
on 200 unaltered articles: the misdating warnings and re-anchorings (with a coder, also the "event dated after
publication" warnings), and their precision from a second coder's verdicts in
``evaldata/dates/article_warnings.tsv`` (ids and verdicts only, no article text; warnings not in the file are listed
as unjudged); the same for the misdating warnings on the whole held-out half. With a coder, the dev articles are
also coded with a date shifted by years and their events compared with those coded under the true date
(``events``).

    python -m detente.eval.article_dates [--limit N] [--events]
"""
from __future__ import annotations

import argparse
import calendar
import csv
import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "data"
JUDGED = ROOT / "evaldata" / "dates" / "article_warnings.tsv"
N_ALTERED = 120      # per group ("evidence", "none") from allsides, besides the dev articles
N_UNALTERED = 200
GOALS = {"within_31_evidence": 0.8, "no_inference_none": 0.9, "warning_precision": 0.9}

_MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m + ".": i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["Sept."] = 9
_MON = "|".join(re.escape(m) for m in sorted(_MONTHS, key=len, reverse=True))
_DM = re.compile(rf"(?:(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:\b({_MON})\s+([0-3]?\d)\b|"
                 rf"\b([0-3]?\d)\s+({_MON}))")
_M_ALONE = re.compile(rf"\b(?:in|since|during|early|late|mid-?|last|this|of)\s+({_MON})(?!\s*\d)")


def split_of(article_id: str) -> str:
    """"tune" or "test": which half of the allsides articles an id belongs to (by a stable hash)."""
    return "test" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 else "tune"


def _order(article_id: str) -> str:
    return hashlib.sha1(("order:" + article_id).encode()).hexdigest()


def holds_evidence(text: str, true: date, days: int = 31) -> bool:
    """The text names a day and month within ``days`` days before ``true`` (or on it) and pins its year."""
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)}
    for m in _DM.finditer(text):
        wd, mon1, d1, d2, mon2 = m.groups()
        mon, day = _MONTHS[mon1 or mon2], int(d1 or d2)
        for y in (true.year, true.year - 1):
            try:
                d = date(y, mon, day)
            except ValueError:
                continue
            if 0 <= (true - d).days <= days and (y in years or (wd and calendar.day_name[d.weekday()] == wd)):
                return True
    return False


def holds_none(text: str, true: date) -> bool:
    """The text names no day and month, nor month alone, within 62 days of ``true`` in any year."""
    for m in _DM.finditer(text):
        _wd, mon1, d1, d2, mon2 = m.groups()
        mon, day = _MONTHS[mon1 or mon2], int(d1 or d2)
        for y in (true.year - 1, true.year, true.year + 1):
            try:
                d = date(y, mon, day)
            except ValueError:
                continue
            if abs((true - d).days) <= 62:
                return False
    for m in _M_ALONE.finditer(text):
        mon = _MONTHS[m.group(1)]
        for y in (true.year - 1, true.year, true.year + 1):
            mid = date(y, mon, 15)
            if abs((true - mid).days) <= 62 + 15:
                return False
    return True


def alterations(n: int, true: date) -> tuple[str, date | None]:
    """The n-th alteration: stripped, shifted by months, or shifted by years (in turn)."""
    kind = n % 3
    if kind == 0:
        return "stripped", None
    if kind == 1:
        months = [-9, -6, -4, -2, 2, 3, 5, 8][n // 3 % 8]
        y, m = divmod(true.year * 12 + true.month - 1 + months, 12)
        day = min(true.day, calendar.monthrange(y, m + 1)[1])
        return f"shifted {months:+d} months", date(y, m + 1, day)
    years = [-4, -2, -1, 1, 2, 3][n // 3 % 6]
    day = min(true.day, calendar.monthrange(true.year + years, true.month)[1])
    return f"shifted {years:+d} years", date(true.year + years, true.month, day)


def allsides(data: Path) -> Iterator[dict]:
    """The allsides articles with a date: {"id", "text", "date"}."""
    path = Path(data) / "allsides_international_news.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for ln in fh:
            d = json.loads(ln)
            if d.get("date") and d.get("content_original"):
                yield {"id": d["ID"], "text": d["content_original"], "date": date.fromisoformat(d["date"])}


def dev_articles(data: Path) -> list[dict]:
    path = Path(data) / "dev_articles" / "articles.jsonl"
    if not path.exists():
        return []
    out = []
    for ln in path.read_text(encoding="utf-8").splitlines():
        if ln.strip():
            d = json.loads(ln)
            if d.get("published"):
                out.append({"id": d["id"], "text": d["text"], "date": date.fromisoformat(d["published"]),
                            "title": d.get("title")})
    return out


def build_set(data: Path, split: str = "test", n_group: int = N_ALTERED) -> dict[str, list[dict]]:
    """The altered set: {"evidence": [...], "none": [...], "other": [...], "dev": [...]}, each article once."""
    arts = sorted((a for a in allsides(data) if split_of(a["id"]) == split), key=lambda a: _order(a["id"]))
    groups: dict[str, list[dict]] = {"evidence": [], "none": [], "other": []}
    for a in arts:
        g = "evidence" if holds_evidence(a["text"], a["date"]) else "none" if holds_none(a["text"], a["date"]) \
            else "other"
        if len(groups[g]) < n_group:
            groups[g].append(a)
        if all(len(v) >= n_group for v in groups.values()):
            break
    groups["dev"] = dev_articles(data)
    return groups


def unaltered(data: Path, split: str = "test", n: int = N_UNALTERED) -> list[dict]:
    """The first ``n`` articles of the split in a fixed order, not altered."""
    arts = sorted((a for a in allsides(data) if split_of(a["id"]) == split), key=lambda a: _order(a["id"]))
    return arts[:n]


def _rate(k: int, n: int) -> float | None:
    return round(k / n, 3) if n else None


def score_altered(groups: dict[str, list[dict]], kb) -> dict:
    """Inference on altered articles, by group: made, within 31 days, window holding the true date; and the
    judgement of shifted dates."""
    from ..dates.checks import misdating_warnings
    from ..dates.evidence import article_evidence
    from ..dates.infer import infer_date, judge_published

    out: dict = {}
    rows = []
    for g, arts in groups.items():
        made = within = held = shifted = caught = wrong_re = warned = 0
        near = near_within = 0
        errors = []
        for n, a in enumerate(arts):
            what, pub = alterations(n, a["date"])
            ev = article_evidence(a["text"], kb)
            inf = infer_date(ev)
            close = g == "evidence" and holds_evidence(a["text"], a["date"], 7)
            near += close
            if inf.value is not None:
                made += 1
                ok = abs((inf.value - a["date"]).days) <= 31
                within += ok
                near_within += ok and close
                held += inf.lo <= a["date"] <= inf.hi + timedelta(days=0)
                if not ok and len(errors) < 15:
                    errors.append({"id": a["id"], "true": a["date"].isoformat(), "inferred": inf.value.isoformat(),
                                   "window": inf.window(), "reason": inf.reason})
            if pub is not None:
                shifted += 1
                warned += bool(misdating_warnings(a["text"], pub, kb, evidence=ev, inference=inf))
                j = judge_published(inf, pub, ev)
                if j.status == "contradicted":
                    caught += 1
                    wrong_re += abs((inf.value - a["date"]).days) > 31
            rows.append({"group": g, "id": a["id"], "alteration": what, "inferred": inf.value})
        out[g] = {"articles": len(arts), "inferred": made, "no_inference": _rate(len(arts) - made, len(arts)),
                  "within_31_of_inferred": _rate(within, made), "within_31": _rate(within, len(arts)),
                  "window_holds_true_date": _rate(held, made), "shifted": shifted,
                  "shift_warned": warned, "shift_contradicted": caught,
                  "shift_contradicted_rate": _rate(caught, shifted),
                  "reanchored_wrongly": wrong_re, "errors": errors}
        if g == "evidence":
            out[g]["within_7_days"] = {"articles": near, "within_31": _rate(near_within, near)}
    return out


def read_judged(path: Path = JUDGED) -> dict[tuple[str, str], str]:
    """(article id, warning key) -> "right" or "wrong", from the second coder's file."""
    if not path.exists():
        return {}
    out = {}
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
            out[(r["id"], r["key"])] = r["verdict"].strip()
    return out


def score_unaltered(arts: list[dict], kb, judged: dict | None = None, coder=None) -> dict:
    """Misdating warnings and re-anchorings on articles whose date is right, with the warnings' precision; with a
    coder, the articles are coded and the "event dated after publication" warnings count too."""
    from ..dates.checks import after_publication, misdating_warnings
    from ..dates.evidence import article_evidence
    from ..dates.infer import infer_date
    from ..model import Article

    judged = read_judged() if judged is None else judged
    warned = right = wrong = 0
    unjudged = []
    listed = []
    reanchored = 0
    by_kind: dict[str, dict[str, int]] = {}
    for a in arts:
        ev = article_evidence(a["text"], kb)
        inf = infer_date(ev)
        ws = misdating_warnings(a["text"], a["date"], kb, evidence=ev, inference=inf)
        moved = any(w.kind == "contradicted" for w in ws)
        reanchored += moved
        if coder is not None:
            coded = coder.code_article(Article(id=a["id"], text=a["text"], published=a["date"]))
            ws += after_publication(coded.events, inf.value if moved and inf.value else a["date"])
        for w in ws:
            warned += 1
            verdict = judged.get((a["id"], w.key))
            k = by_kind.setdefault(w.kind, {"warnings": 0, "right": 0, "wrong": 0})
            k["warnings"] += 1
            listed.append({"id": a["id"], "key": w.key, "verdict": verdict, "warning": w.message})
            if verdict in ("right", "wrong"):
                k[verdict] += 1
                right += verdict == "right"
                wrong += verdict == "wrong"
            else:
                unjudged.append({"id": a["id"], "key": w.key, "warning": w.message})
    return {"articles": len(arts), "coded": coder is not None, "warnings": warned,
            "articles_reanchored": reanchored, "judged_right": right, "judged_wrong": wrong,
            "unjudged": unjudged, "by_kind": by_kind,
            "warning_precision": _rate(right, right + wrong) if right + wrong else (1.0 if not warned else None),
            "listed": listed}


def _agree(got: str | None, want: str | None) -> bool:
    """The same date, or one that holds the other at its precision ("2016-03" holds "2016-03-02")."""
    if not got or not want:
        return got == want
    g, w = got.split("/")[0], want.split("/")[0]
    return g == w or w.startswith(g) or g.startswith(w)


def score_events(coder, data: Path) -> dict:
    """Dev articles coded with a date shifted by years, and with none: event dates that agree with those coded
    under the true date (at the coarser precision; "strict": the same value), before re-anchoring (as the trace
    records them) and after."""
    from ..model import Article

    arts = dev_articles(data)
    out = {}
    for how in ("shifted", "stripped"):
        n = reanchored = 0
        agree = {"before": 0, "after": 0, "strict_before": 0, "strict_after": 0}
        for k, a in enumerate(arts):
            pub = alterations(3 * k + 2, a["date"])[1] if how == "shifted" else None
            ref = coder.code_article(Article(id=a["id"], text=a["text"], published=a["date"]))
            alt = coder.code_article(Article(id=a["id"], text=a["text"], published=pub))
            want = {e.event_id: e.date for e in ref.events if e.modality == "asserted"}
            reanchored += any(e.date_basis == "inferred" for e in alt.events)
            for e in alt.events:
                if e.event_id not in want:
                    continue
                n += 1
                before = (((e.extra.get("trace") or {}).get("date") or {}).get("reanchored") or {}).get(
                    "from", e.date) if e.date_basis == "inferred" else e.date
                agree["before"] += _agree(before, want[e.event_id])
                agree["after"] += _agree(e.date, want[e.event_id])
                agree["strict_before"] += before == want[e.event_id]
                agree["strict_after"] += e.date == want[e.event_id]
        out[how] = {"articles": len(arts), "articles_reanchored": reanchored, "events": n,
                    **{f"dates_agree_{k}": _rate(v, n) for k, v in agree.items()}}
    return out


def evaluate_article_dates(data: Path = SHARED, limit: int | None = None, coder=None) -> dict:
    """All the figures above as one JSON-able dict (``limit``: articles per group)."""
    from ..actors.kb import ActorKB

    data = Path(data)
    if not (data / "allsides_international_news.jsonl.gz").exists():
        return {"skipped": f"{data} has no allsides_international_news.jsonl.gz"}
    kb = coder.kb if coder is not None else ActorKB.load()
    n = min(limit, N_ALTERED) if limit else N_ALTERED
    groups = build_set(data, "test", n)
    out: dict = {"altered": score_altered(groups, kb)}
    out["unaltered"] = score_unaltered(unaltered(data, "test", min(limit, N_UNALTERED) if limit else N_UNALTERED),
                                       kb, coder=coder)
    # every misdating warning on the whole held-out half, for a larger sample of the warning (text only)
    whole = score_unaltered(unaltered(data, "test", 10 ** 6), kb)
    out["unaltered_all"] = {k: whole[k] for k in ("articles", "warnings", "articles_reanchored", "judged_right",
                                                  "judged_wrong", "warning_precision", "unjudged")}
    if coder is not None:
        out["events"] = score_events(coder, data)
    alt = out["altered"]
    kinds = out["unaltered"]["by_kind"]
    misdating = [v for k, v in kinds.items() if k != "after_publication"]
    n_mis = sum(v["warnings"] for v in misdating)
    judged_mis = sum(v["right"] + v["wrong"] for v in misdating)
    after = kinds.get("after_publication", {"warnings": 0, "right": 0, "wrong": 0})
    every = out["unaltered_all"]
    out["summary"] = {
        "altered_articles": sum(v["articles"] for v in alt.values()),
        "within_31_evidence": alt["evidence"]["within_31"],
        "no_inference_none": alt["none"]["no_inference"],
        # the misdating warning: on the 200 (None when it never fires there) and on the whole held-out half
        "misdating_warnings_200": n_mis,
        "misdating_precision_200": _rate(sum(v["right"] for v in misdating), judged_mis),
        "misdating_warnings_held_out": every["warnings"],
        "warning_precision": every["warning_precision"] if every["warnings"] else None,
        "after_publication_warnings_200": after["warnings"] if coder is not None else None,
        "after_publication_precision_200": _rate(after["right"], after["right"] + after["wrong"]),
    }
    out["summary"]["met"] = {k: (v is not None and v >= GOALS[k]) for k, v in out["summary"].items() if k in GOALS}
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m detente.eval.article_dates", description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=SHARED)
    p.add_argument("--limit", type=int, default=None, help="articles per group (default 120; unaltered 200)")
    p.add_argument("--events", action="store_true", help="also code the 200 unaltered articles (their 'dated after "
                   "publication' warnings) and the dev articles with shifted dates (slow: loads the pipeline)")
    p.add_argument("--full", action="store_true", help="print every warning and error, not only the figures")
    a = p.parse_args(argv)
    coder = None
    if a.events:
        from .. import get_coder

        coder = get_coder()
    res = evaluate_article_dates(a.data, a.limit, coder)
    if not a.full and "unaltered" in res:
        res["unaltered"].pop("listed", None)
    print(json.dumps(res, indent=1, default=str))


if __name__ == "__main__":
    main()
