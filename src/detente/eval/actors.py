"""Actor evaluation: how often the resolved country (and sector) of a gold actor span is right.

    python -m detente.eval.actors [--shared ../shared/data] [--limit N] [--json]

Gold actor spans come from three sets in ``../shared/data``:

- ``PLOVER/PLOVER_GSR_CAMEO.txt``: the PLOVER gold standard records; each source and target has its text,
  a CAMEO country code and often a sector. Old CAMEO codes are mapped (JAP -> JPN, ITL -> ITA, VTN -> VNM);
  the generic IGO and NGO codes count as right for any organisation the knowledge base knows (UNO, NATO,
  EUR, IAE, IRC ...). The records' date (2000-01-01) is a placeholder, so they are resolved without a date.
- ``ZeroShotPLOVER_PLV/PLV_train.tsv`` (source and target spans) and ``ConfliBERT_cameo/cameo_ner__*.txt``
  (B-S/I-S, B-T/I-T spans): these carry no actor codes. Every span is resolved (coverage: how many resolve
  to an actor at all), and a sample was coded by hand for this project (``actors_gold.tsv`` beside this
  module: dataset, span key, gold code or ``-`` for a span that names no state or organisation, e.g.
  "a car bomb"); that sample gives their accuracy. The file holds keys and codes only, no text.

A gold span is resolved as the coder would: the noun phrase around it (so "Hungarian" in "Hungarian and
Romanian officials" takes the sector of "officials"), the knowledge-base mentions inside the span, and the
article memory for pronouns and "the country". Country accuracy counts the spans whose gold code names a state
or an organisation; sector accuracy the spans whose gold gives a sector. ``evaluate_actors`` returns the
figures as a dict; ``report`` renders them as text.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "BUL": "BGR", "GER": "DEU", "UKG": "GBR",
             "SER": "SRB", "KSV": "XKX", "ZAI": "COD", "YUG": "SRB"}
SECTOR_SYNONYMS = {"JRN": "MED", "CIV": "CVL"}  # older CAMEO sector codes
# CAMEO's own codes where detente writes another: CAMEO MED is medical (DOCTOR, HOSPITAL [~MED] in the CAMEO
# agents dictionary), detente's HLH; CAMEO JRN is the press, detente's MED. The PLOVER records are CAMEO-coded.
CAMEO_SECTORS = {"MED": "HLH", "JRN": "MED", "CIV": "CVL"}
ORG_GOLD = {"IGO", "NGO", "IMG", "MNC", "INT", "UIS", "ISM"}
GOAL_COUNTRY = 0.95
GOAL_SECTOR = 0.85


@dataclass
class GoldSpan:
    """One gold actor span: where it is and what the gold says (code None: no gold code, coverage only)."""

    dataset: str
    key: str
    text: str
    start: int
    end: int
    code: str | None
    sector: str | None
    span_text: str


def default_shared() -> Path:
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


# -- reading the sets ---------------------------------------------------------------------------------------
def plover_spans(shared: Path) -> list[GoldSpan]:
    recs = json.loads((shared / "PLOVER" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    out = []
    for r in recs:
        text = r.get("text")
        if not text:
            continue
        for role in ("source", "target"):
            actors = r.get(role)
            if not isinstance(actors, list):
                continue
            for n, a in enumerate(actors):
                at = (a.get("actorText") or "").strip()
                code = (a.get("code") or "").strip().upper()
                if not at or not code:
                    continue
                i = text.find(at)
                if i < 0:
                    i = text.lower().find(at.lower())
                if i < 0:
                    at2 = " ".join(at.split())
                    i = " ".join(text.split()).find(at2)
                    if i < 0:
                        continue
                    text_n = " ".join(text.split())
                    out.append(_gold("plover", f"{r['id']}:{role}:{n}", text_n, i, i + len(at2), code,
                                     a.get("sector"), CAMEO_SECTORS))
                    continue
                out.append(_gold("plover", f"{r['id']}:{role}:{n}", text, i, i + len(at), code, a.get("sector"),
                                 CAMEO_SECTORS))
    return out


def _gold(ds, key, text, s, e, code, sector, synonyms=SECTOR_SYNONYMS) -> GoldSpan:
    sector = (sector or "").strip()[:3].upper() or None
    sector = synonyms.get(sector, sector)
    if sector in ("***",):
        sector = None
    code = OLD_CODES.get(code, code)
    return GoldSpan(ds, key, text, s, e, code, sector, text[s:e])


def plv_spans(shared: Path) -> list[GoldSpan]:
    path = shared / "ZeroShotPLOVER_PLV" / "PLV_train.tsv"
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            text = row.get("sentence") or ""
            for role in ("source", "target"):
                at = (row.get(role) or "").strip()
                if not at or at.lower() in ("none", "nan"):
                    continue
                i = text.find(at)
                if i < 0:
                    continue
                out.append(GoldSpan("plv", f"{row['sentence_id']}:{role}", text, i, i + len(at), None, None, at))
    return out


def conflibert_spans(shared: Path) -> list[GoldSpan]:
    out = []
    for part in ("train", "test"):
        path = shared / "ConfliBERT_cameo" / f"cameo_ner__{part}.txt"
        if not path.exists():
            continue
        sents, cur = [], []
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            word, _, tag = line.rpartition(" ")
            cur.append((word, tag.strip()))
        if cur:
            sents.append(cur)
        for si, toks in enumerate(sents):
            text, offs = "", []
            for w, _t in toks:
                offs.append(len(text))
                text += w + " "
            text = text.rstrip()
            n = 0
            i = 0
            while i < len(toks):
                tag = toks[i][1]
                if tag.startswith("B-"):
                    role = tag[2:]
                    j = i + 1
                    while j < len(toks) and toks[j][1] == f"I-{role}":
                        j += 1
                    s, e = offs[i], offs[j - 1] + len(toks[j - 1][0])
                    out.append(GoldSpan("conflibert", f"{part}:{si}:{n}", text, s, e, None, None, text[s:e]))
                    n += 1
                    i = j
                else:
                    i += 1
    return out


def hand_gold() -> dict[tuple[str, str], str]:
    """(dataset, key) -> gold code ('-' for a span naming no state or organisation), from actors_gold.tsv."""
    try:
        text = resources.files("detente.eval").joinpath("actors_gold.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            out[(parts[0], parts[1])] = parts[2].strip()
    return out


# -- resolving ----------------------------------------------------------------------------------------------
class _Runner:
    def __init__(self, nlp, resolver):
        self.nlp = nlp
        self.resolver = resolver
        self._cache: dict[str, tuple] = {}

    def parse(self, text: str):
        got = self._cache.get(text)
        if got is None:
            doc = self.nlp(text)
            r = self.resolver
            got = (doc, r.mentions(doc), r.sectors_in(doc), r.resolve_doc(doc, None))
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[text] = got
        return got

    def resolve(self, g: GoldSpan):
        from ..actors.resolve import noun_phrase

        doc, mentions, sectors, resolved = self.parse(g.text)
        span = doc.char_span(g.start, g.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        root = span.root
        for _ in range(6):  # climb from a modifier to the phrase it modifies ("Hungarian ... officials")
            head = root.head
            if head.i == root.i or (head.pos_ not in ("NOUN", "PROPN") and not (
                    root.dep_ == "conj" and head.dep_ in ("amod", "compound", "nmod"))):
                break  # (a conjoined modifier climbs through the one it is joined to: "Hungarian and Romanian")
            if root.dep_ in ("compound", "amod", "nmod", "poss") or (
                    root.dep_ == "conj" and head.dep_ in ("compound", "amod", "nmod", "poss")):
                root = head
                continue
            break
        np = noun_phrase(root)
        start, end = min(np.start, span.start), max(np.end, span.end)
        phrase = doc[start:end]
        inside = [m for m in mentions if m.start < span.end and m.end > span.start]
        # (with no knowledge-base mention in the span, the resolver's fallbacks still look at the phrase: a
        # misspelt person, a town the gazetteer knows)
        a = self.resolver.actor_for(phrase, inside, sectors, None)
        if a is None:
            for s, act in resolved:
                if s.start < span.end and s.end > span.start and act is not None and act.code:
                    return act
        return a


# -- scoring ------------------------------------------------------------------------------------------------
def _country_ok(gold: str, got, kb) -> bool:
    if got is None or not got.country:
        return False
    if gold in ORG_GOLD:
        if gold == "IMG":
            return got.country == "IMG"
        return got.country not in kb.countries
    return got.country == gold


def _names_actor(gold: str | None, kb) -> bool:
    return bool(gold) and gold != "-" and (gold[:3] in kb.countries or gold in ORG_GOLD
                                            or gold[:3] in OLD_CODES or gold in kb.countries)


def score(items: list[tuple[GoldSpan, object]], kb) -> dict:
    """Accuracy of country and sector over gold spans, by country, by sector, and the commonest errors."""
    n_c = ok_c = n_s = ok_s = unresolved = 0
    by_country: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_sector: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors: Counter = Counter()
    examples: dict = {}
    for g, a in items:
        if not _names_actor(g.code, kb):
            continue
        gold_country = g.code[:3] if g.code not in ORG_GOLD else g.code
        gold_sector = g.sector or (g.code[3:6] if len(g.code) >= 6 and g.code[:3] in kb.countries else None)
        n_c += 1
        if a is None or not a.code:
            unresolved += 1
        okc = _country_ok(gold_country, a, kb)
        ok_c += okc
        by_country[gold_country][0] += 1
        by_country[gold_country][1] += okc
        got_c = (a.country if a is not None and a.country else "null")
        if not okc:
            key = (f"country {gold_country} -> {got_c}")
            errors[key] += 1
            examples.setdefault(key, g.span_text)
        if gold_sector:
            n_s += 1
            got_s = a.sector if a is not None else None
            oks = got_s == gold_sector
            ok_s += oks
            by_sector[gold_sector][0] += 1
            by_sector[gold_sector][1] += oks
            if not oks and okc:
                key = f"sector {gold_sector} -> {got_s or 'null'}"
                errors[key] += 1
                examples.setdefault(key, g.span_text)
    return {
        "spans": n_c, "country_correct": ok_c, "country_accuracy": round(ok_c / n_c, 4) if n_c else None,
        "sector_spans": n_s, "sector_correct": ok_s, "sector_accuracy": round(ok_s / n_s, 4) if n_s else None,
        "unresolved": unresolved,
        "by_country": {k: {"n": v[0], "correct": v[1], "accuracy": round(v[1] / v[0], 3)}
                       for k, v in sorted(by_country.items(), key=lambda x: -x[1][0])},
        "by_sector": {k: {"n": v[0], "correct": v[1], "accuracy": round(v[1] / v[0], 3)}
                      for k, v in sorted(by_sector.items(), key=lambda x: -x[1][0])},
        "top_errors": [{"error": k, "count": c, "example": examples[k]} for k, c in errors.most_common(10)],
    }


def evaluate_actors(shared: str | Path | None = None, *, limit: int | None = None, nlp=None, resolver=None,
                    settings=None) -> dict:
    """Resolve the gold actor spans of the shared sets and score them.

    :param shared: the ``shared/data`` folder (default: ``../shared/data`` beside the repository).
    :param limit: at most this many spans from each set (a quick run).
    :param nlp: a spaCy pipeline and ``resolver`` an ``ActorResolver`` to use (loaded from ``settings`` if None).
    :returns: {"plover": {...}, "plv": {...}, "conflibert": {...}, "combined": {...}, "goal": {...}}; each set
        gives spans, country/sector accuracy, by_country, by_sector, top_errors, and for the sets without codes
        ``coverage`` (share of all spans resolved to an actor) and ``hand_coded`` (spans in the sample).
    """
    shared = Path(shared) if shared else default_shared()
    if not (shared / "PLOVER" / "PLOVER_GSR_CAMEO.txt").exists():
        raise FileNotFoundError(f"{shared}: the shared data sets are not there")
    if resolver is None or nlp is None:
        from ..actors import _resolver
        from ..config import Settings

        s = settings or Settings()
        nlp, resolver = _resolver(s.model, tuple(s.actor_files))
    kb = resolver.kb
    run = _Runner(nlp, resolver)
    gold = hand_gold()
    out: dict = {}
    combined: list = []
    for name, reader in (("plover", plover_spans), ("plv", plv_spans), ("conflibert", conflibert_spans)):
        spans = reader(shared)
        if limit:
            spans = spans[:limit]
        items, resolved_any = [], 0
        for g in spans:
            if g.code is None and (g.dataset, g.key) in gold:
                g.code = gold[(g.dataset, g.key)]
                if g.code != "-" and len(g.code) >= 6 and g.code[:3] in kb.countries:
                    g.sector = g.code[3:6]
            if g.code is None:
                a = run.resolve(g)
                resolved_any += bool(a is not None and a.code)
                continue
            a = run.resolve(g)
            resolved_any += bool(a is not None and a.code)
            items.append((g, a))
        res = score(items, kb)
        res["all_spans"] = len(spans)
        res["coverage"] = round(resolved_any / len(spans), 4) if spans else None
        if name != "plover":
            res["hand_coded"] = len(items)
        out[name] = res
        combined.extend(items)
    out["combined"] = score(combined, kb)
    c = out["combined"]
    out["goal"] = {"country": GOAL_COUNTRY, "sector": GOAL_SECTOR,
                   "country_met": bool(c["country_accuracy"] is not None and c["country_accuracy"] >= GOAL_COUNTRY),
                   "sector_met": bool(c["sector_accuracy"] is not None and c["sector_accuracy"] >= GOAL_SECTOR)}
    return out


def report(res: dict) -> str:
    """The evaluation as text."""
    lines = ["Actor resolution: country and sector of gold actor spans", ""]

    def pct(x):
        return "-" if x is None else f"{100 * x:.1f}%"

    for name in ("plover", "plv", "conflibert", "combined"):
        r = res[name]
        extra = ""
        if "coverage" in r and name != "combined":
            extra = f"; {r['all_spans']} spans in all, {pct(r['coverage'])} resolved to an actor"
        if "hand_coded" in r:
            extra += f"; {r['hand_coded']} hand-coded"
        lines.append(f"{name:11} country {pct(r['country_accuracy'])} of {r['spans']}  "
                     f"sector {pct(r['sector_accuracy'])} of {r['sector_spans']}  "
                     f"unresolved {r['unresolved']}{extra}")
    c = res["combined"]
    g = res["goal"]
    lines += ["", f"goal: country >= {pct(g['country'])} {'met' if g['country_met'] else 'NOT met'}; "
                  f"sector >= {pct(g['sector'])} {'met' if g['sector_met'] else 'NOT met'}", "",
              "by country (combined, 15 commonest):"]
    for k, v in list(c["by_country"].items())[:15]:
        lines.append(f"  {k:5} {v['correct']:4}/{v['n']:<4} {pct(v['accuracy'])}")
    lines.append("by sector (combined):")
    for k, v in c["by_sector"].items():
        lines.append(f"  {k:5} {v['correct']:4}/{v['n']:<4} {pct(v['accuracy'])}")
    lines.append("ten commonest errors (combined):")
    for e in c["top_errors"]:
        lines.append(f"  {e['count']:3}  {e['error']:28} e.g. {e['example']!r}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m detente.eval.actors", description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=None, help="the shared/data folder")
    ap.add_argument("--limit", type=int, default=None, help="at most this many spans per set")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args(argv)
    try:
        res = evaluate_actors(a.shared, limit=a.limit)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(json.dumps(res, indent=1) if a.json else report(res), end="" if not a.json else "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
