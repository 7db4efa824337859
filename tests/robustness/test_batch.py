"""A batch of 10,000 articles (set DETENTE_BATCH_N for a smaller one), 1% of them bad in varied ways,
ingested into a real DuckDB file: every good article is stored, every bad input is reported with its
file, line and reason, the summary counts them, and the exit status is 1."""
from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import subprocess
import sys
import time

import duckdb
import pytest

from .corpus import paragraphs
from .test_language import FOREIGN

N = int(os.environ.get("DETENTE_BATCH_N", "10000"))
ERROR = re.compile(r"^error: (?P<path>[^:]+?)(?::(?P<line>\d+))?: (?P<reason>.*)$")


def _foreign(rng: random.Random) -> str:
    lang = rng.choice(["French", "Spanish", "German", "Italian", "Cyrillic", "Chinese", "Arabic", "Dutch"])
    return FOREIGN[lang] + " " + FOREIGN[lang]


def build(root, n: int, seed: int = 11):
    """Write ``n`` inputs under ``root``; returns (good article ids, {(file, line): reason fragment})."""
    rng = random.Random(seed)
    n_bad = max(n // 100, 12)
    texts = iter(paragraphs(n - n_bad, seed=seed))
    good: set[str] = set()
    bad: dict[tuple[str, int | None], str] = {}
    kinds = ["json-broken", "json-text-type", "json-date-type", "json-foreign", "csv-empty", "csv-no-column",
             "txt-empty", "txt-binary", "txt-nul", "txt-foreign", "html-empty", "json-doc-types"]
    plan = [kinds[i % len(kinds)] for i in range(n_bad)]
    n_good = n - n_bad
    shares = {"jsonl": int(n_good * 0.6), "csv": int(n_good * 0.2), "html": int(n_good * 0.05)}
    shares["txt"] = n_good - sum(shares.values())
    bad_by_fmt = {f: [k for k in plan if k.startswith(f.replace("jsonl", "json"))] for f in ("jsonl", "csv", "txt", "html")}
    bad_by_fmt["jsonl"] = [k for k in plan if k in ("json-broken", "json-text-type", "json-date-type", "json-foreign")]

    # JSON Lines: files of 150 records, bad lines spread among them.
    lines = [("good", next(texts)) for _ in range(shares["jsonl"])] + [(k, None) for k in bad_by_fmt["jsonl"]]
    rng.shuffle(lines)
    for f in range(0, len(lines), 150):
        name = f"feed{f // 150:03d}.jsonl"
        out = []
        for ln, (kind, text) in enumerate(lines[f:f + 150], 1):
            aid = f"j{f + ln:05d}"
            day = f"2019-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if kind == "good":
                out.append(json.dumps({"id": aid, "text": text, "published": day, "outlet": "Wire"}))
                good.add(aid)
            elif kind == "json-broken":
                out.append('{"id": "%s", "text": "Iran rejected the' % aid)
                bad[(name, ln)] = "malformed JSON"
            elif kind == "json-text-type":
                out.append(json.dumps({"id": aid, "text": rng.choice([42, ["a", "b"], {"x": 1}, True])}))
                bad[(name, ln)] = "'text' must be a string"
            elif kind == "json-date-type":
                out.append(json.dumps({"id": aid, "text": "Iran met Iraq.", "published": 20190501}))
                bad[(name, ln)] = "'published' must be a date string"
            else:
                out.append(json.dumps({"id": aid, "text": _foreign(rng), "published": day}))
                bad[(name, None)] = bad.get((name, None), "") + f"|@{aid}"
        (root / name).write_text("\n".join(out) + "\n", encoding="utf-8")

    # CSV: files of 200 rows with embedded newlines and quotes; one file without a text column.
    rows = [("good", next(texts)) for _ in range(shares["csv"])] + [("csv-empty", "") for k in plan if k == "csv-empty"]
    rng.shuffle(rows)
    for f in range(0, len(rows), 200):
        name = f"table{f // 200:03d}.csv"
        buf = io.StringIO(newline="")
        w = csv.writer(buf)
        w.writerow(["id", "published", "text", "title"])
        line = 2
        for i, (kind, text) in enumerate(rows[f:f + 200]):
            cid = f"c{f + i:05d}"
            text = text.replace(". ", ".\n", 1) if kind == "good" and rng.random() < 0.3 else text
            w.writerow([cid, "2020-03-03", text, f'A "title", {i}'])
            if kind == "good":
                good.add(cid)
            else:
                bad[(name, line)] = "article has no text"
            line += 1 + text.count("\n")
        (root / name).write_text(buf.getvalue(), encoding="utf-8")
    for i in range(plan.count("csv-no-column")):
        (root / f"nocol{i}.csv").write_text("id,body\n1,Iran met Iraq.\n2,Iraq met Iran.\n")
        bad[(f"nocol{i}.csv", None)] = "no 'text' column"

    # Plain text (some in cp1252 and UTF-16) and HTML, one article a file.
    for i in range(shares["txt"]):
        text, name = next(texts), f"t{i:05d}.txt"
        enc = rng.choice(["utf-8"] * 8 + ["cp1252", "utf-16"])
        (root / name).write_bytes(text.encode(enc, errors="replace"))
        good.add(name[:-4])
    for i in range(shares["html"]):
        text, name = next(texts), f"h{i:05d}.html"
        (root / name).write_text(f"<html><head><title>{text[:40]}</title></head><body><nav>Home | World</nav>"
                                 f"<article><p>{text}</p></article><footer>(c) Wire</footer></body></html>")
        good.add(name[:-5])
    for i, kind in enumerate(k for k in plan if k.startswith(("txt", "html", "json-doc"))):
        if kind == "txt-empty":
            name, data, why = f"x{i:03d}.txt", rng.choice([b"", b"  \n\n"]), "empty file"
        elif kind == "txt-binary":
            name, data, why = f"x{i:03d}.txt", bytes(rng.randrange(256) for _ in range(3000)), "binary file"
        elif kind == "txt-nul":
            name, data, why = f"x{i:03d}.txt", b"\x00" * rng.randint(50, 500), "binary file (NUL bytes)"
        elif kind == "txt-foreign":
            name, data, why = f"x{i:03d}.txt", _foreign(rng).encode(), "not English"
        elif kind == "html-empty":
            name, data, why = f"x{i:03d}.html", b"<html><body><nav>Home</nav><div></div></body></html>", "no article text"
        else:
            name, data, why = f"x{i:03d}.json", json.dumps({"id": f"d{i}", "text": ["not", "text"]}).encode(), \
                "'text' must be a string"
        (root / name).write_bytes(data)
        bad[(name, None)] = why
    return good, bad, n_bad


@pytest.mark.slow
def test_batch_of_mixed_inputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    good, bad, n_bad = build(src, N)
    db = tmp_path / "batch.duckdb"
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "detente", "ingest", str(src), "--db", str(db), "-q"],
                       capture_output=True, text=True)
    wall = time.monotonic() - t0
    errors = [ERROR.match(ln) for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert all(errors), [ln for ln in r.stderr.splitlines() if ln.startswith("error:")][:5]
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    assert r.returncode == 1, r.stderr[-3000:]
    assert len(errors) == n_bad, r.stderr[-3000:]

    got: dict[tuple[str, int | None], str] = {}
    for m in errors:
        key = (os.path.basename(m["path"]), int(m["line"]) if m["line"] else None)
        got[key] = got.get(key, "") + "|" + m["reason"]
    assert set(got) == set(bad)
    for key, why in bad.items():
        for frag in filter(None, why.split("|")):
            if frag.startswith("@"):  # a non-English record of a JSONL file: named by its id
                assert f"article {frag[1:]}: not English" in got[key], (key, got[key])
            else:
                assert frag in got[key], (key, got[key])

    summary = [ln for ln in r.stderr.splitlines() if ln.startswith("stored ")][-1]
    assert f"stored {len(good)} new articles" in summary and f"{n_bad} inputs failed" in summary, summary
    con = duckdb.connect(str(db), read_only=True)
    stored = {row[0] for row in con.execute("SELECT article_id FROM articles").fetchall()}
    n_events = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    con.close()
    assert stored == good
    print(f"{N} inputs: {len(good)} stored with {n_events} events, {n_bad} reported bad; {wall:.0f} s wall "
          f"({len(good) / wall:.1f} articles/s)")
