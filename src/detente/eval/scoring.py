"""Score coded events against each gold set; one function per set, each returning a plain dict.

Only asserted events count. ``events`` maps sentence id -> that sentence's events (see coding.py).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .gold import GoldEvent, GoldSentence
from .labels import PLOVER_QUAD, penta_of_root, plv_type
from .match import actor_matches
from .metrics import accuracy, prf, rate


def asserted(events: Sequence) -> list:
    """The asserted events."""
    return [e for e in events if e.modality == "asserted"]


def pair_matches(e, g: GoldEvent) -> bool:
    """Source matches a gold source and target a gold target (a gold event without targets: source alone)."""
    return actor_matches(e.source, g.sources) and (not g.targets or actor_matches(e.target, g.targets))


def _pick(evs: list, g: GoldEvent):
    """The event that answers gold event ``g``: the pair's, else the source's, else the first non-statement."""
    for test in (lambda e: pair_matches(e, g), lambda e: actor_matches(e.source, g.sources),
                 lambda e: e.plover != "STATEMENT", lambda e: True):
        hit = next((e for e in evs if test(e)), None)
        if hit is not None:
            return hit
    return None


def confusions(gold: Sequence[str], pred: Sequence[str], top: int = 15) -> list[list]:
    """The commonest (gold, predicted, count) disagreements."""
    c = Counter((g, p) for g, p in zip(gold, pred) if g != p)
    return [[g, p, n] for (g, p), n in c.most_common(top)]


def _common(sentences: Sequence[GoldSentence], events: dict) -> dict:
    no_ev = [s for s in sentences if s.no_event]
    return {"sentences": len(sentences), "events_out": sum(len(asserted(events[s.id])) for s in sentences),
            "sentences_without_output": sum(1 for s in sentences if not asserted(events[s.id])),
            "no_event_sentences": len(no_ev),
            "false_events_in_no_event_sentences": sum(len(asserted(events[s.id])) for s in no_ev)}


def score_plv(sentences: Sequence[GoldSentence], events: dict) -> dict:
    """PLV, end to end: pair recall (direction right) and type macro-F1 over sentences (labels in PLV's scheme).

    A sentence's predicted type is that of its pair's event, else its source's, else its first
    non-statement event, else "NONE". QuadClass accuracy compares that event's QuadClass with gold_penta.
    """
    pairs = pair_hits = rev_hits = src = tgt = typed = 0
    by_mod: Counter = Counter()
    by_mod_hit: Counter = Counter()
    gold_t, pred_t, quad_g, quad_p, unmatched = [], [], [], [], 0
    for s in sentences:
        evs = asserted(events[s.id])
        for g in s.events:
            pairs += 1
            by_mod[s.meta.get("modality")] += 1
            hit = next((e for e in evs if pair_matches(e, g)), None)
            if hit is not None:
                pair_hits += 1
                by_mod_hit[s.meta.get("modality")] += 1
                typed += plv_type(hit.plover) == g.label
            rev_hits += any(actor_matches(e.source, g.targets) and actor_matches(e.target, g.sources) for e in evs)
            src += any(actor_matches(e.source, g.sources) for e in evs)
            tgt += any(actor_matches(e.target, g.targets) for e in evs)
        unmatched += sum(1 for e in evs if not any(pair_matches(e, g) for g in s.events))
        pick = _pick(evs, s.events[0])
        gold_t.append(s.events[0].label)
        pred_t.append(plv_type(pick.plover) if pick else "NONE")
        if pick is not None:
            quad_g.append(s.meta.get("penta"))
            quad_p.append(pick.quad_class)
    types = prf(gold_t, pred_t, ignore=["NONE"])
    return {**_common(sentences, events), "pairs": pairs, "pair_recall": rate(pair_hits, pairs),
            "pair_recall_reversed": rate(rev_hits, pairs), "pair_and_type_recall": rate(typed, pairs),
            "pair_recall_by_modality": {m: rate(by_mod_hit[m], n) for m, n in sorted(by_mod.items())},
            "source_match": rate(src, pairs), "target_match": rate(tgt, pairs),
            "type_accuracy": accuracy(gold_t, pred_t), "type_macro_f1": types["macro"]["f1"], "type": types,
            "confusions": confusions(gold_t, pred_t), "quad_accuracy": accuracy(quad_g, quad_p) if quad_g else None, "events_not_matching_a_gold_pair": unmatched}


def score_conflibert(sentences: Sequence[GoldSentence], events: dict) -> dict:
    """ConfliBERT cameo_class: five-class (PentaClass) accuracy.

    A sentence's class comes from its first asserted event with a root above 02, else 0 (statements,
    appeals, and no event at all). QuadClass accuracy runs over gold classes 1-4 with an event.
    """
    gold_c, pred_c, quad_g, quad_p = [], [], [], []
    for s in sentences:
        evs = asserted(events[s.id])
        pick = next((e for e in evs if penta_of_root(e.cameo_root, "conflibert") > 0), None)
        gold_c.append(s.events[0].label)
        pred_c.append(str(penta_of_root(pick.cameo_root, "conflibert")) if pick else "0")
        if pick is not None and s.events[0].label != "0":
            quad_g.append(int(s.events[0].label))
            quad_p.append(pick.quad_class)
    classes = prf(gold_c, pred_c)
    return {**_common(sentences, events), "accuracy": accuracy(gold_c, pred_c),
            "class_macro_f1": classes["macro"]["f1"], "class": classes,
            "confusions": confusions(gold_c, pred_c), "quad_accuracy": accuracy(quad_g, quad_p) if quad_g else None}


def score_gsr(sentences: Sequence[GoldSentence], events: dict) -> dict:
    """PLOVER GSR: PLOVER type P/R/F1 per record (types mapped to current PLOVER), actor match, QuadClass.

    The gold holds PLOVER types, not CAMEO codes, so types (not roots) are scored. Target match
    counts only records with a gold target.
    """
    gold_t, pred_t, quad_g, quad_p = [], [], [], []
    src = tgt = with_tgt = pair = 0
    for s in sentences:
        evs, g = asserted(events[s.id]), s.events[0]
        pick = _pick(evs, g)
        gold_t.append(g.label)
        pred_t.append(pick.plover if pick else "NONE")
        src += any(actor_matches(e.source, g.sources) for e in evs)
        if g.targets:
            with_tgt += 1
            tgt += any(actor_matches(e.target, g.targets) for e in evs)
        pair += any(pair_matches(e, g) for e in evs)
        if pick is not None and g.label in PLOVER_QUAD:
            quad_g.append(PLOVER_QUAD[g.label])
            quad_p.append(pick.quad_class)
    types = prf(gold_t, pred_t, ignore=["NONE"])
    return {**_common(sentences, events), "type_accuracy": accuracy(gold_t, pred_t),
            "type_macro_f1": types["macro"]["f1"], "type": types, "confusions": confusions(gold_t, pred_t),
            "source_match": rate(src, len(sentences)),
            "target_match": rate(tgt, with_tgt), "pair_recall": rate(pair, len(sentences)),
            "quad_accuracy": accuracy(quad_g, quad_p) if quad_g else None}


def score_petr2(sentences: Sequence[GoldSentence], events: dict) -> dict:
    """PETR2 GSR validation: gold events found (root, source and target right), true vs false events.

    A true event is an asserted event that matches some gold event on root and both actors; every
    other asserted event is false. Root P/R/F1 compares each sentence's gold and output root sets.
    """
    gold_n = found = found_root = src = tgt = true_ev = 0
    gold_r, pred_r, quad_g, quad_p = [], [], [], []
    for s in sentences:
        evs = asserted(events[s.id])
        for g in s.events:
            gold_n += 1
            ok = [e for e in evs if pair_matches(e, g)]
            found += any(e.cameo_root == g.label for e in ok)
            found_root += any(e.cameo_root == g.label for e in evs)
            src += any(actor_matches(e.source, g.sources) for e in evs)
            tgt += any(actor_matches(e.target, g.targets) for e in evs)
            if ok:
                quad_g.append(max(1, penta_of_root(g.label)))
                quad_p.append(ok[0].quad_class)
        true_ev += sum(1 for e in evs if any(e.cameo_root == g.label and pair_matches(e, g) for g in s.events))
        gold_r.append({g.label for g in s.events})
        pred_r.append({e.cameo_root for e in evs})
    roots = prf(gold_r, pred_r)
    n_out = sum(len(asserted(events[s.id])) for s in sentences)
    return {**_common(sentences, events), "gold_events": gold_n, "found": rate(found, gold_n),
            "found_root_only": rate(found_root, gold_n), "source_match": rate(src, gold_n),
            "target_match": rate(tgt, gold_n), "true_events": true_ev, "false_events": n_out - true_ev,
            "false_per_true": (n_out - true_ev) / true_ev if true_ev else None,
            "root_macro_f1": roots["macro"]["f1"], "root": roots, "quad_accuracy": accuracy(quad_g, quad_p) if quad_g else None}

