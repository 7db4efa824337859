"""Run the shell and Python blocks of a docs page in order, in a temporary directory, and check outputs.

A page's ```bash blocks run under bash -euo pipefail, its ```python blocks under the venv's Python, each in
the same working directory, with the venv's bin first on PATH. A ```text block right after a command block
is its expected output: each of its lines (whitespace collapsed, '...' lines skipped) must appear, as a
substring, in what the block printed. A `detente serve` line is started on a free port, fetched, and stopped.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.S | re.M)


def blocks(page: Path) -> list[tuple[str, str, str | None]]:
    """(language, code, expected output or None) for each bash/python block of a page."""
    found = [(m.group(1), m.group(2)) for m in FENCE.finditer(page.read_text(encoding="utf-8"))]
    out = []
    for i, (lang, code) in enumerate(found):
        if lang in ("bash", "python"):
            nxt = found[i + 1] if i + 1 < len(found) else None
            out.append((lang, code, nxt[1] if nxt and nxt[0] == "text" else None))
    return out


def _norm(s: str) -> str:
    return " ".join(s.split())


def check_output(expected: str, got: str) -> list[str]:
    """Lines of ``expected`` that do not appear in ``got`` (whitespace collapsed)."""
    have = "\n".join(_norm(line) for line in got.splitlines())
    return [line for line in expected.splitlines() if line.strip() and line.strip() != "..."
            and _norm(line) not in have]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_briefly(line: str, cwd: Path, env: dict, paths=("/", "/api/stats")) -> None:
    """Start `detente serve ...` on a free port, fetch ``paths``, stop it."""
    port = _free_port()
    args = line.split() + ["--port", str(port)]
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        for path in paths:
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
                        assert r.status == 200, (path, r.status)
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError(f"{line!r} did not serve {path}: {proc.stdout.read().decode()[-2000:]}")
                    time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def run_page(page: Path, workdir: Path, copy=("samples",), serve_paths=("/", "/api/stats")) -> int:
    """Run every block of ``page`` in ``workdir``; returns how many ran. Raises AssertionError on a failure."""
    for name in copy:
        shutil.copytree(ROOT / name, workdir / name)
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", PYTHONUNBUFFERED="1",
               COLUMNS="200", NO_COLOR="1", TERM="dumb")
    env.pop("DETENTE_DB", None)
    n = 0
    for lang, code, expected in blocks(page):
        if lang == "bash":
            serve = [ln for ln in code.splitlines() if ln.strip().startswith("detente serve")]
            for ln in serve:
                serve_briefly(ln.strip(), workdir, env, serve_paths)
            code = "\n".join(ln for ln in code.splitlines() if not ln.strip().startswith("detente serve"))
            if not code.strip():
                n += 1
                continue
            cmd = ["bash", "-euo", "pipefail", "-c", code]
        else:
            cmd = [sys.executable, "-c", code]
        r = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=300)
        got = r.stdout + r.stderr
        assert r.returncode == 0, f"{page.name}: block failed (exit {r.returncode}):\n{code}\n---\n{got[-3000:]}"
        if expected is not None:
            missing = check_output(expected, got)
            assert not missing, (f"{page.name}: output of\n{code}\nlacks these lines shown on the page:\n"
                                 + "\n".join(missing) + f"\n--- it printed:\n{got[-3000:]}")
        n += 1
    return n
