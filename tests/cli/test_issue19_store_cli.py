"""Errors that were silent or misleading, and progress on a terminal (issue 19, items 8 and 9)."""
from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, SAMPLES

DETENTE = [sys.executable, "-m", "detente"]
SAMPLE = SAMPLES / "2016-02-21-journal-report.txt"


def test_busy_store_exits_3(tmp_path):
    db = tmp_path / "busy.duckdb"
    con = duckdb.connect(str(db))  # this process holds the store's write lock, as a running ingest would
    try:
        r = subprocess.run(DETENTE + ["ingest", str(SAMPLE), "--db", str(db)], capture_output=True, text=True)
    finally:
        con.close()
    assert r.returncode == 3, r.stderr
    assert "busy" in r.stderr and "busy.duckdb" in r.stderr
    again = subprocess.run(DETENTE + ["ingest", str(SAMPLE), "--db", str(db)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr  # once the other writer is gone, the same command works


def test_readme_documents_the_exit_codes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = " ".join(readme.split())
    assert "Exit status: 0 all coded, 1 some inputs failed, 2 usage error, 3 store busy" in line


def _without_root_powers() -> list[str]:
    """A command prefix under which file permissions apply to this user (root ignores them otherwise)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a folder unreadable to ourselves")
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    if subprocess.run(prefix + ["true"], capture_output=True).returncode:
        pytest.skip("setpriv cannot drop the capabilities that let root read any folder")
    return prefix


def test_unreadable_subfolder_is_named(tmp_path):
    prefix = _without_root_powers()
    (tmp_path / "in" / "locked").mkdir(parents=True)
    shutil.copy(SAMPLE, tmp_path / "in" / "readable.txt")
    shutil.copy(SAMPLES / "2016-02-19-pyongyang-rejects.txt", tmp_path / "in" / "locked" / "hidden-away.txt")
    (tmp_path / "in" / "locked").chmod(0)
    try:
        r = subprocess.run(prefix + DETENTE + ["code", str(tmp_path / "in"), "--format", "jsonl"],
                           capture_output=True, text=True)
    finally:
        (tmp_path / "in" / "locked").chmod(0o755)
    assert r.returncode == 0, r.stderr
    assert '"article_id": "readable"' in r.stdout  # the readable file is coded ...
    warning = f"warning: {tmp_path / 'in' / 'locked'}: cannot read this folder"
    assert warning in r.stderr, r.stderr  # ... and the folder left out is named


def _on_a_terminal(args: list[str], stdout) -> tuple[int, str]:
    """Run detente with stderr on a pseudo-terminal; its exit status and what the terminal showed."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120"}
    p = subprocess.Popen(DETENTE + args, stdin=subprocess.DEVNULL, stdout=stdout, stderr=slave, env=env)
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        elif p.poll() is not None:
            break
    p.wait()
    os.close(master)
    return p.returncode, shown.decode("utf-8", "replace")


BAR = re.compile(r"\d+/\d+ files .*\d+ articles, \d+ events")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _bar_shown(shown: str) -> bool:
    return "\x1b[" in shown and bool(BAR.search(ANSI.sub("", shown)))  # a live bar, drawn with terminal codes


def test_ingest_shows_progress_on_a_terminal_only(tmp_path):
    rc, shown = _on_a_terminal(["ingest", str(SAMPLES), "--db", str(tmp_path / "t.duckdb")], subprocess.DEVNULL)
    assert rc == 0, shown
    assert _bar_shown(shown), shown[-500:]
    assert "stored 7 new articles" in shown
    r = subprocess.run(DETENTE + ["ingest", str(SAMPLES), "--db", str(tmp_path / "p.duckdb")], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip().splitlines() == [l for l in r.stderr.strip().splitlines() if l.startswith("stored ")]
    assert "\x1b[" not in r.stderr and "\r" not in r.stderr  # in a pipe: quiet


def test_code_shows_progress_when_events_go_elsewhere(tmp_path):
    with tempfile.TemporaryFile() as out:
        rc, shown = _on_a_terminal(["code", str(SAMPLES), "--format", "jsonl"], out)
        out.seek(0)
        events = out.read().decode()
    assert rc == 0, shown
    assert _bar_shown(shown), shown[-500:]
    assert events.count("\n") >= 10 and "\x1b[" not in events  # the events themselves are untouched
    r = subprocess.run(DETENTE + ["code", str(SAMPLE), "--format", "jsonl"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stderr == "", r.stderr


def test_knowledge_base_cache_is_rebuilt_when_the_data_changes(tmp_path, monkeypatch):
    """The parsed actor knowledge base is cached (start-up, item 9); the cache never goes stale."""
    from detente.actors import kb as kbmod

    monkeypatch.setenv("DETENTE_CACHE", str(tmp_path / "cache"))
    first = kbmod.ActorKB.load()
    files = list((tmp_path / "cache").glob("actors-*.marshal"))
    assert len(files) == 1
    again = kbmod.ActorKB.load()
    assert again == first and again.lookup("Iran") == first.lookup("Iran")
    assert list(again.phrases) == list(first.phrases)  # the same order (the resolver's matcher depends on it)
    files_now = kbmod._shipped_files()
    edited_sectors = tmp_path / "sectors.yaml"
    edited_sectors.write_text(files_now["sectors.yaml"].read_text(encoding="utf-8") + "\nGOV: [grand vizier]\n",
                              encoding="utf-8")
    monkeypatch.setattr(kbmod, "_shipped_files", lambda: {**files_now, "sectors.yaml": edited_sectors})
    edited = kbmod.ActorKB.load()
    assert edited.sectors.get("grand vizier") == "GOV" and "grand vizier" not in first.sectors
    assert [f.name for f in (tmp_path / "cache").glob("actors-*.marshal")] != [files[0].name]
    files[0].parent.joinpath(sorted(p.name for p in files[0].parent.glob("actors-*"))[0]).write_bytes(b"junk")
    assert kbmod.ActorKB.load().sectors.get("grand vizier") == "GOV"  # a damaged cache is parsed anew
    monkeypatch.setenv("DETENTE_CACHE", "off")
    assert kbmod.ActorKB.load() == edited
