"""Shared fixtures: one real spaCy pipeline per session, tiny articles, temporary stores."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SAMPLES = ROOT / "samples"
SEED = ("Washington called for Pyongyang's atomic-weapons program to be part of the talks, but Pyongyang "
        "declined the proposal, US officials familiar with the events told the Journal.")


@pytest.fixture(scope="session")
def coder():
    """The rule stages alone: their tests give hand-built sentences and expect what the rules make of them. The
    default coder (rules and the learned scorer) is tested through the command line, the API and Dask, and the
    scorer stage with a scorer built by hand (tests/events/test_scorer.py)."""
    from detente import get_coder
    from detente.config import Settings

    return get_coder(Settings(scorer="off"))


@pytest.fixture
def code(coder):
    """Code a text; all modalities."""
    from detente.ingest.readers import make_article

    def run(text: str, published: str | None = "2016-02-21", article_id: str = "t"):
        from datetime import date

        pub = date.fromisoformat(published) if published else None
        return coder.code_article(make_article(id=article_id, text=text, published=pub)).events

    return run


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "test.duckdb")


def python_ok(code: str) -> None:
    """Run ``code`` in a fresh interpreter (what a new process imports and loads) and fail with its stderr."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def needs_shared(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not present (../shared/data is needed)")
    return p
