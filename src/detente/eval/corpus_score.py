"""Score coded events against the dense corpus (evaldata/corpus), and coders against each other.

Because the corpus lists every event its articles assert, precision is measured as well as recall: an
asserted output event that matches no asserted gold event is a false one. The matching rule, per article:

- the gold ``evidence`` lies inside the output event's ``sentence`` (whitespace, case and curly quotes
  normalised);
- the source countries agree and the target countries agree (a country is the actor code's first three
  letters, or an organisation's code: ``NATO``, ``IMG``); a gold null must meet an output null;
- the output's CAMEO root is one of the gold ``roots``;
- each gold event matches at most one output event.

The test split is sealed: for it only aggregate figures are returned (no misses, no unmatched events, no
per-root or per-topic table, no count of wrong events by kind), so nobody reads its misses and nothing is tuned
on it. On other splits ``wrong_by_kind`` says why the unmatched output events are wrong (``error_kind``).
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from .corpus import MODALITIES, ORG_CODES, Article, load_corpus, load_texts, read_index

_QUOTES = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}


def norm(s: str) -> str:
    """Lower case, straight quotes, single spaces."""
    return " ".join("".join(_QUOTES.get(c, c) for c in s).split()).lower()


def head(code: str | None) -> str | None:
    """The country or organisation an actor code names: 'USAGOV' -> 'USA', 'NATOMIL' -> 'NATO'."""
    if not code:
        return None
    code = str(code).upper()
    org = next((o for o in sorted(ORG_CODES, key=len, reverse=True) if code.startswith(o)), None)
    return org or code[:3]


def gold_country(actor) -> str | None:
    """The country of a gold actor ``{text, code}`` (None for a null actor)."""
    return head(actor.get("code")) if isinstance(actor, dict) else None


def out_country(actor) -> str | None:
    """The country of an output actor (the record's ``country``, else its code's head)."""
    if not isinstance(actor, dict):
        return None
    return head(actor.get("country") or actor.get("code"))


def out_root(ev: dict) -> str:
    return str(ev.get("cameo_root") or (ev.get("cameo") or "")[:2]).zfill(2)


def date_within(got: str | None, want: str) -> bool:
    """The output date falls within the gold date or span, at the coarser precision of the two."""
    if not got or want == "-":
        return False
    g = got.split("/")[0]
    if "/" in want:
        lo, hi = want.split("/")
        k = min(len(g), len(lo), len(hi))
        return k >= 4 and lo[:k] <= g[:k] <= hi[:k]
    return g.startswith(want) or (len(g) >= 4 and want.startswith(g))


def _same_sentence(g: dict, sent_norm: str) -> bool:
    return norm(g["evidence"]) in sent_norm


def _pair_ok(g: dict, o: dict) -> bool:
    return gold_country(g.get("source")) == out_country(o.get("source")) and \
        gold_country(g.get("target")) == out_country(o.get("target"))


def _root_ok(g: dict, o: dict) -> bool:
    return out_root(o) in [str(r) for r in g.get("roots") or []]


#: why an asserted output event matches no gold event, most telling first (``error_kind``)
ERROR_KINDS = ("no gold event in the sentence", "the sentence's gold events are not asserted", "root wrong",
               "reversed", "target wrong: null where the gold names one", "target wrong: named where the gold has none",
               "target wrong: another country where the gold's is the source's own",
               "target wrong: another country", "source wrong", "pair wrong")


def error_kind(o: dict, gold_here: list[dict]) -> str:
    """Why the asserted output event ``o`` is wrong, given the gold events of its sentence (any modality):
    one of ``ERROR_KINDS``. "Target wrong" and "source wrong" mean the other actor and the root meet a gold event's."""
    asserted = [g for g in gold_here if g.get("modality", "asserted") == "asserted"]
    if not gold_here:
        return ERROR_KINDS[0]
    if not asserted:
        return ERROR_KINDS[1]
    src, tgt = out_country(o.get("source")), out_country(o.get("target"))
    pairs = [(gold_country(g.get("source")), gold_country(g.get("target")), g) for g in asserted]
    if any((gs, gt) == (src, tgt) for gs, gt, _ in pairs):
        return ERROR_KINDS[2]
    if any((gs, gt) == (tgt, src) for gs, gt, _ in pairs):
        return ERROR_KINDS[3]
    same_source = [gt for gs, gt, g in pairs if gs == src and _root_ok(g, o)]
    if same_source:
        gt = same_source[0]
        if tgt is None:
            return ERROR_KINDS[4]
        if gt is None:
            return ERROR_KINDS[5]
        return ERROR_KINDS[6] if gt == src else ERROR_KINDS[7]
    if any(gt == tgt and _root_ok(g, o) for _, gt, g in pairs):
        return ERROR_KINDS[8]
    return ERROR_KINDS[9]


def align(gold: list[dict], out: list[dict], *, modality: bool = True) -> list[tuple[int, int]]:
    """One-to-one (gold index, output index) matches in one article; with ``modality`` both must agree."""
    used: set[int] = set()
    pairs = []
    sents = [norm(o.get("sentence", "")) for o in out]
    for oi, o in enumerate(out):
        for gi, g in enumerate(gold):
            if gi in used or not _same_sentence(g, sents[oi]):
                continue
            if modality and g.get("modality", "asserted") != o.get("modality", "asserted"):
                continue
            if _pair_ok(g, o) and _root_ok(g, o):
                used.add(gi)
                pairs.append((gi, oi))
                break
    return pairs


def _prf(tp_p: int, n_out: int, tp_r: int, n_gold: int) -> dict:
    p = tp_p / n_out if n_out else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "gold": n_gold, "out": n_out}


def score(corpus: dict[str, Article], events: dict[str, list[dict]], *, sealed: bool) -> dict:
    """Score ``events`` (article id -> output event dicts, every modality) against ``corpus``."""
    n_gold = n_req = n_out = tp = tp_req = 0
    pair_n = pair_ok = root_n = root_ok = 0
    dated = date_ok = attr_n = attr_ok = 0
    confusion: dict[str, Counter] = defaultdict(Counter)
    must_not = 0
    by_root: dict[str, Counter] = defaultdict(Counter)
    by_group: dict[str, Counter] = defaultdict(Counter)
    misses, unmatched = [], []
    wrong: Counter = Counter()
    for aid, art in corpus.items():
        gold_all = art.events
        out_all = events.get(aid, [])
        gold = [g for g in gold_all if g.get("modality") == "asserted"]
        out = [o for o in out_all if o.get("modality", "asserted") == "asserted"]
        n_gold += len(gold)
        n_req += sum(1 for g in gold if g.get("required"))
        n_out += len(out)
        matches = align(gold, out)
        matched_g = {gi for gi, _ in matches}
        matched_o = {oi for _, oi in matches}
        tp += len(matches)
        tp_req += sum(1 for gi in matched_g if gold[gi].get("required"))
        grp = by_group[art.group]
        grp["gold"] += len(gold)
        grp["out"] += len(out)
        grp["tp"] += len(matches)
        for g in gold:
            by_root[str(g["cameo"])[:2]]["gold"] += 1
        for gi in matched_g:
            by_root[str(gold[gi]["cameo"])[:2]]["tp_r"] += 1
        for oi, o in enumerate(out):
            by_root[out_root(o)]["out"] += 1
            by_root[out_root(o)]["tp_p"] += oi in matched_o
        for gi, oi in matches:
            g, o = gold[gi], out[oi]
            if g.get("date") and g["date"] != "-":
                dated += 1
                date_ok += date_within(o.get("date"), str(g["date"]))
            if g.get("attribution") and g["attribution"] != "-":
                attr_n += 1
                text = norm(json.dumps(o.get("attribution") or {}, ensure_ascii=False))
                attr_ok += any(norm(a) in text for a in str(g["attribution"]).split("|") if a != "-")
        # pair accuracy among outputs whose sentence and root meet a gold event; root accuracy likewise by pair
        for oi, o in enumerate(out):
            s = norm(o.get("sentence", ""))
            same = [g for g in gold if _same_sentence(g, s)]
            if any(_root_ok(g, o) for g in same):
                pair_n += 1
                pair_ok += any(_root_ok(g, o) and _pair_ok(g, o) for g in same)
            if any(_pair_ok(g, o) for g in same):
                root_n += 1
                root_ok += any(_pair_ok(g, o) and _root_ok(g, o) for g in same)
        # modality: every output against every gold event, matched ignoring modality
        for gi, oi in align(gold_all, out_all, modality=False):
            gm, om = gold_all[gi].get("modality"), out_all[oi].get("modality", "asserted")
            confusion[gm][om] += 1
            must_not += gm != "asserted" and om == "asserted"
        if not sealed:
            for gi, g in enumerate(gold):
                if gi not in matched_g:
                    misses.append({"article": aid, "id": g["id"], "required": bool(g.get("required")),
                                   "source": gold_country(g.get("source")), "target": gold_country(g.get("target")),
                                   "roots": g["roots"], "evidence": g["evidence"]})
            for oi, o in enumerate(out):
                if oi not in matched_o:
                    s = norm(o.get("sentence", ""))
                    wrong[error_kind(o, [g for g in gold_all if _same_sentence(g, s)])] += 1
                    unmatched.append({"article": aid, "source": out_country(o.get("source")),
                                      "target": out_country(o.get("target")), "cameo": o.get("cameo"),
                                      "trigger": o.get("trigger"), "sentence": (o.get("sentence") or "")[:160]})
    prf = _prf(tp, n_out, tp, n_gold)
    mod_total = sum(sum(c.values()) for c in confusion.values())
    mod_right = sum(confusion[m][m] for m in confusion)
    res = {
        "articles": len(corpus), "gold_events": n_gold, "required": n_req, "events_out": n_out, "matched": tp,
        "precision": prf["p"], "recall": prf["r"], "f1": prf["f1"],
        "required_recall": round(tp_req / n_req, 3) if n_req else 0.0,
        "pair_accuracy": round(pair_ok / pair_n, 3) if pair_n else None,
        "root_accuracy": round(root_ok / root_n, 3) if root_n else None,
        "modality_rate": round(mod_right / mod_total, 3) if mod_total else None,
        "asserted_but_not": must_not,
        "dates_rate": round(date_ok / dated, 3) if dated else None, "dates": f"{date_ok}/{dated}",
        "attribution_rate": round(attr_ok / attr_n, 3) if attr_n else None, "attribution": f"{attr_ok}/{attr_n}",
        "modality_confusion": {g: {o: confusion[g][o] for o in MODALITIES if confusion[g][o]}
                               for g in MODALITIES if confusion[g]},
    }
    if not sealed:
        res["by_root"] = {r: _prf(c["tp_p"], c["out"], c["tp_r"], c["gold"]) for r, c in sorted(by_root.items())}
        res["by_topic"] = {t: _prf(c["tp"], c["out"], c["tp"], c["gold"]) for t, c in sorted(by_group.items())}
        res["wrong_by_kind"] = {k: wrong[k] for k in ERROR_KINDS if wrong[k]}
        res["misses"] = misses
        res["unmatched"] = unmatched
    return res


_SENT_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+")


def sentence_of(text: str, evidence: str) -> int | None:
    """The index of the sentence (a plain splitter on end punctuation and line breaks) holding ``evidence``."""
    at = text.find(evidence)
    if at < 0:
        return None
    return sum(1 for m in _SENT_END.finditer(text, 0, at + 1) if m.end() <= at)


def agreement(first: dict[str, Article], second: dict[str, Article], texts: dict[str, str] | None = None) -> dict:
    """Inter-coder agreement on articles coded twice: event F1 and agreement among matched events.

    Two events match (any modality) as the guide states: the same sentence (with ``texts``, article id ->
    text; without, evidence strings that hold one another or share three consecutive words), the same
    source and target countries, and roots that intersect. F1 is symmetric.
    """
    ids = sorted(set(first) & set(second))
    n_a = n_b = m = 0
    root_same = cameo_same = actor_same = mod_same = date_n = date_same = 0
    for aid in ids:
        a_evs, b_evs = first[aid].events, second[aid].events
        n_a += len(a_evs)
        n_b += len(b_evs)
        used: set[int] = set()
        text = (texts or {}).get(aid)

        def same_place(x: dict, y: dict) -> bool:
            if text is not None:
                i = sentence_of(text, x["evidence"])
                return i is not None and i == sentence_of(text, y["evidence"])
            return _overlap(x["evidence"], y["evidence"])

        for a in a_evs:
            for bi, b in enumerate(b_evs):
                if bi in used or not same_place(a, b):
                    continue
                if gold_country(a.get("source")) != gold_country(b.get("source")) or \
                        gold_country(a.get("target")) != gold_country(b.get("target")):
                    continue
                if not set(map(str, a["roots"])) & set(map(str, b["roots"])):
                    continue
                used.add(bi)
                m += 1
                root_same += str(a["cameo"])[:2] == str(b["cameo"])[:2]
                cameo_same += str(a["cameo"]) == str(b["cameo"])
                actor_same += (_code(a.get("source")) == _code(b.get("source"))
                               and _code(a.get("target")) == _code(b.get("target")))
                mod_same += a.get("modality") == b.get("modality")
                if str(a.get("date")) != "-" and str(b.get("date")) != "-":
                    date_n += 1
                    date_same += date_within(str(a["date"]), str(b["date"])) or \
                        date_within(str(b["date"]), str(a["date"]))
                break
    p = m / n_b if n_b else 0.0
    r = m / n_a if n_a else 0.0
    return {"articles": len(ids), "events_first": n_a, "events_second": n_b, "matched": m,
            "event_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "root_agreement": round(root_same / m, 3) if m else None,
            "cameo_agreement": round(cameo_same / m, 3) if m else None,
            "actor_code_agreement": round(actor_same / m, 3) if m else None,
            "modality_agreement": round(mod_same / m, 3) if m else None,
            "date_agreement": round(date_same / date_n, 3) if date_n else None}


def _code(actor) -> str | None:
    return str(actor.get("code")).upper() if isinstance(actor, dict) else None


def _overlap(a: str, b: str, k: int = 3) -> bool:
    """Two evidence strings from the same place: one holds the other, or they share k consecutive words."""
    na, nb = norm(a), norm(b)
    if na in nb or nb in na:
        return True
    wa, wb = na.split(), nb.split()
    grams = {tuple(wa[i:i + k]) for i in range(len(wa) - k + 1)}
    return any(tuple(wb[i:i + k]) in grams for i in range(len(wb) - k + 1))


def articles_for(corpus: dict[str, Article], data: Path) -> list:
    """detente Articles for the corpus ids, built from the news file as ingest builds JSON records."""
    from ..ingest.readers import make_article

    texts = load_texts(data, corpus)
    return [make_article(id=aid, text=r["content_original"], title=r.get("title"), published=r.get("date") or None,
                         outlet=r.get("source")) for aid, r in texts.items()]


def evaluate_corpus(coder, data: Path, split: str, limit: int | None = None,
                    corpus_dir: Path | None = None) -> dict:
    """Code the corpus articles of ``split`` in-process and score them (sealed when split is test)."""
    kw = {"corpus_dir": corpus_dir} if corpus_dir else {}
    corpus = {k: a for k, a in load_corpus(**kw).items() if a.split == split}
    if limit:
        corpus = dict(list(corpus.items())[:limit])
    if not corpus:
        return {"error": f"no coded corpus articles in split {split!r}"}
    events: dict[str, list[dict]] = defaultdict(list)
    for coded in coder.code_articles(articles_for(corpus, Path(data))):
        for e in coded.events:
            d = e.to_dict()
            events[str(d["article_id"])].append(d)
    res = score(corpus, events, sealed=split == "test")
    res["split"] = split
    res["sealed"] = split == "test"
    return res


def corpus_stats(corpus_dir: Path | None = None) -> dict:
    """Articles and events per split, events per root and modality, for the corpus page and notes."""
    kw = {"corpus_dir": corpus_dir} if corpus_dir else {}
    corpus = load_corpus(**kw)
    index = read_index(**kw)
    out: dict = {"sampled": len(index), "coded": len(corpus), "splits": {}}
    for split in ("train", "dev", "test"):
        arts = [a for a in corpus.values() if a.split == split]
        evs = [e for a in arts for e in a.events]
        out["splits"][split] = {"articles": len(arts), "events": len(evs),
                                "asserted": sum(e.get("modality") == "asserted" for e in evs),
                                "required": sum(bool(e.get("required")) for e in evs)}
    evs = [e for a in corpus.values() for e in a.events]
    out["roots"] = dict(sorted(Counter(str(e["cameo"])[:2] for e in evs).items()))
    out["modality"] = dict(Counter(e.get("modality") for e in evs).most_common())
    out["undated_articles"] = sum(1 for a in corpus.values() if not a.published)
    return out

