"""A small store built from the bundled samples plus one hostile article (for API and browser tests)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_ID = "hostile-article"
PAYLOADS = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=2">',
            '<b onmouseover="window.__pwned=3">', '"><svg onload="window.__pwned=4">']
HOSTILE = {
    "id": HOSTILE_ID, "published": "2016-02-25", "outlet": '<i onmouseover="window.__pwned=5">Evil</i>',
    "title": '<script>window.__pwned=6</script>Hostile title',
    "text": (f"{PAYLOADS[1]} North Korea rejected the proposal by South Korea on Thursday.\n\n"
             f"North Korea rejected the {PAYLOADS[0]} proposal by South Korea on Thursday, an official said.\n\n"
             f"China condemned the missile launch by North Korea {PAYLOADS[3]} on Thursday.\n\n"
             f"Japan {PAYLOADS[2]} welcomed the statement by China."),
}


def detente(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "detente", *args], capture_output=True, text=True, cwd=ROOT, **kw)


def build_store(folder: Path) -> Path:
    """``detente ingest samples/ hostile.jsonl --db folder/samples.duckdb``; returns the store path."""
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "input"
    shutil.copytree(ROOT / "samples", src)
    (src / "README.md").unlink(missing_ok=True)
    (src / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "samples.duckdb"
    r = detente("ingest", str(src), "--db", str(db), "--quiet")
    assert r.returncode == 0, r.stderr
    return db
