"""The tutorial's commands run as written, and print what the page shows."""
from pathlib import Path

from .runner import ROOT, blocks, check_output, run_page

PAGE = ROOT / "docs" / "tutorial.md"


def test_tutorial_runs(tmp_path: Path):
    n = run_page(PAGE, tmp_path)
    assert n == len(blocks(PAGE)) >= 10
    for name in ("tutorial.duckdb", "events.plover.jsonl", "events.gdelt.tsv", "prk_usa_goldstein.html"):
        assert (tmp_path / name).stat().st_size > 0, name


def test_tutorial_covers_the_story():
    text = PAGE.read_text(encoding="utf-8")
    for cmd in ("detente code", "detente ingest", "detente dyad PRK USA", "detente events", "detente serve",
                "detente export --format plover", "detente export --format gdelt", "pd.read_csv"):
        assert cmd in text, cmd


def test_output_check_is_strict():
    assert check_output("a  b\n...\nc", "x\na b\nc d") == []
    assert check_output("a b\nzzz", "a b") == ["zzz"]
