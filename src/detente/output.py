"""Write event records as a table, JSON Lines or CSV."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

FORMATS = ("table", "jsonl", "csv", "explain")
CSV_COLUMNS = ["event_id", "article_id", "date", "date_precision", "date_basis", "source", "target", "cameo",
               "cameo_root", "plover", "quad_class", "goldstein", "modality", "trigger", "attribution", "location",
               "confidence", "rule", "sentence"]


def _code(a) -> str:
    if not a:
        return ""
    return a.get("code") or f"?({a.get('text', '')[:20]})"


def flat(rec: dict) -> dict:
    """A record with actors, attribution and place flattened to strings (for CSV and tables)."""
    out = dict(rec)
    out["source"] = _code(rec.get("source"))
    out["target"] = _code(rec.get("target"))
    att = rec.get("attribution") or {}
    out["attribution"] = att.get("text", "") if att else ""
    loc = rec.get("location") or {}
    out["location"] = loc.get("name", "") if loc else ""
    return out


def write(records: Iterable[dict], fmt: str, out: TextIO) -> int:
    """Write records; returns how many."""
    n = 0
    if fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for r in records:
            w.writerow(flat(r))
            n += 1
        return n
    if fmt == "explain":
        for r in records:
            out.write(explain(r) + "\n")
            n += 1
        return n
    rows = [flat(r) for r in records]
    cols = [("date", 10), ("source", 12), ("target", 12), ("cameo", 5), ("plover", 9), ("modality", 9),
            ("trigger", 22), ("attribution", 28)]
    out.write("  ".join(c.upper().ljust(w) for c, w in cols) + "\n")
    for r in rows:
        out.write("  ".join(str(r.get(c) or "")[:w].ljust(w) for c, w in cols).rstrip() + "\n")
    return len(rows)


def why(rec: dict) -> list[tuple[str, str]]:
    """Why an event is what it is, from its trace: (what, how) pairs for the type, the scorer's decision, the
    source, the target, the modality, the date and the attribution (what ``explain`` prints and the web UI
    shows beside the evidence)."""
    t = rec.get("trace") or {}
    out = []
    ty = t.get("type") or {}
    if ty:
        out.append(("type", f"pattern {ty.get('pattern')}{' ' + ty['variant'] if ty.get('variant') else ''} "
                            f"on '{ty.get('trigger', rec.get('trigger'))}' (rule {rec.get('rule')})"))
    sc = t.get("scorer")
    if sc:
        out.append(("scorer", ", ".join(f"{k} {v}" for k, v in sc.items() if k != "stage")))
    for side in ("source", "target"):
        a = t.get(side)
        if a:
            via = f"; reached: {a['via']}" if a.get("via") else ""
            out.append((side, f"'{a.get('text')}' -> {a.get('code') or 'no code'} ({a.get('how')}{via})"))
    m = t.get("modality") or {}
    if m:
        out.append(("modality", f"{m.get('value')}" + (f" (cue: '{m['cue']}')" if m.get("cue") else "")))
    d = t.get("date") or {}
    if d:
        out.append(("date", f"{rec.get('date')} {d.get('basis')}"
                            + (f" from '{d['expression']}'" if d.get("expression") else "")))
    a = t.get("attribution")
    if a:
        out.append(("attribution", f"'{a.get('cue')}'"))
    return out


def explain(rec: dict) -> str:
    """One event and why it is what it is, from its trace: a block of indented lines."""
    lines = [f"{_code(rec.get('source')) or '-'} -> {_code(rec.get('target')) or '-'}  {rec.get('cameo')} "
             f"{rec.get('plover')}  [{rec.get('modality')}]  {rec.get('date') or ''}",
             f"  sentence: {rec.get('sentence', '')}"]
    lines += [f"  {what}: {how}" for what, how in why(rec)]
    return "\n".join(lines)
