"""Render an evaluation report (run.run_eval's dict) as compact text tables."""
from __future__ import annotations

HEADLINE = {
    "plv": ["pair_recall", "type_macro_f1", "type_accuracy", "quad_accuracy", "source_match", "target_match",
            "pair_recall_reversed", "events_out", "events_not_matching_a_gold_pair", "sentences_without_output"],
    "conflibert": ["accuracy", "class_macro_f1", "quad_accuracy", "events_out", "sentences_without_output"],
    "gsr": ["type_macro_f1", "type_accuracy", "quad_accuracy", "source_match", "target_match", "pair_recall",
            "events_out", "sentences_without_output"],
    "petr2": ["found", "found_root_only", "root_macro_f1", "quad_accuracy", "source_match", "target_match",
              "true_events", "false_events", "false_events_in_no_event_sentences", "sentences_without_output"],
    "articles": ["recall", "required_found", "required", "must_not_violations", "dates", "attribution",
                 "events_out", "unmatched_out"],
}
CORPUS_HEADLINE = ["precision", "recall", "f1", "required_recall", "pair_accuracy", "root_accuracy",
                   "modality_rate", "asserted_but_not", "dates", "attribution", "gold_events", "events_out"]
HEADLINE["corpus-dev"] = HEADLINE["corpus-test"] = CORPUS_HEADLINE
TABLES = {"plv": "type", "conflibert": "class", "gsr": "type", "petr2": "root"}


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def label_table(prf: dict) -> list[str]:
    """One line per label: P, R, F1, support; then the macro average."""
    lines = [f"    {'label':<11} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}"]
    for lab, v in prf["labels"].items():
        lines.append(f"    {lab:<11} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['support']:5d}")
    m = prf["macro"]
    lines.append(f"    {'macro':<11} {m['p']:6.3f} {m['r']:6.3f} {m['f1']:6.3f}")
    return lines


def render_set(name: str, res: dict) -> list[str]:
    """The lines for one set."""
    if "error" in res:
        return [f"== {name}: {res['error']}"]
    n = res.get("sentences", res.get("articles", ""))
    lines = [f"== {name} ({n} {'sentences' if 'sentences' in res else 'articles'}, {res.get('seconds')} s)"]
    keys = HEADLINE.get(name) or [k for k, v in res.items() if not isinstance(v, (dict, list))]
    lines.append("  " + "  ".join(f"{k}={_fmt(res.get(k))}" for k in keys))
    if "without_cameo_manual" in res:
        w = res["without_cameo_manual"]
        lines.append(f"  without CAMEO manual examples ({w.get('sentences')} sentences): "
                     + "  ".join(f"{k}={_fmt(w.get(k))}" for k in keys[:3]))
    if name in TABLES and TABLES[name] in res:
        lines.extend(label_table(res[TABLES[name]]))
    if "modality_confusion" in res:
        lines.append("  modality (gold -> output): " + "; ".join(
            f"{g}: " + ", ".join(f"{o} {n}" for o, n in row.items()) for g, row in res["modality_confusion"].items()))
    if "by_root" in res:
        lines.append("  by root: " + "  ".join(f"{r} {v['p']:.2f}/{v['r']:.2f} ({v['gold']})"
                                               for r, v in res["by_root"].items() if v["gold"] or v["out"]))
    if "by_topic" in res:
        lines.append("  by topic: " + "  ".join(f"{t} {v['f1']:.2f}" for t, v in res["by_topic"].items()))
    if res.get("wrong_by_kind"):
        lines.append("  wrong events by kind: " + "; ".join(f"{k} {n}" for k, n in res["wrong_by_kind"].items()))
    if res.get("sealed"):
        lines.append("  (sealed split: aggregate figures only)")
    return lines


def render(report: dict) -> str:
    """The whole report: one block per set, warnings, then the summary line against the goals."""
    cv = report.get("code_version") or {}
    lines = [f"detente {cv.get('version')} at {cv.get('commit')}{' (src modified)' if cv.get('src_modified') else ''}"]
    for name, res in report["sets"].items():
        lines.extend(render_set(name, res))
    for w in report.get("warnings", []):
        lines.append(f"warning: {w}")
    lines.append(summary_line(report.get("summary", [])))
    return "\n".join(lines)


def summary_line(summary: list[dict]) -> str:
    """'summary: plv.pair_recall 0.712 (>= 0.8 no) | ...'."""
    parts = [f"{s['set']}.{s['metric']} {_fmt(s['value'])} ({s['goal']} {'ok' if s['met'] else 'no'})"
             for s in summary]
    return "summary: " + " | ".join(parts)
