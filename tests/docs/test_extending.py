"""The worked example of docs/extending.md runs as written, and its files are the ones the page shows."""
from pathlib import Path

import detente

from .runner import ROOT, run_page

PAGE = ROOT / "docs" / "extending.md"
EX = ROOT / "docs" / "examples"


def test_extending_page_runs(tmp_path: Path):
    assert run_page(PAGE, tmp_path, copy=("docs/examples",)) >= 4


def test_page_shows_the_example_files():
    page = PAGE.read_text(encoding="utf-8")
    for name in ("actors.yaml", "patterns.yaml", "actors.csv"):
        for line in (EX / name).read_text(encoding="utf-8").strip().splitlines():
            assert line in page, (name, line)


def test_csv_dictionary_codes_the_envoy():
    text = (EX / "envoy-harangued.txt").read_text(encoding="utf-8")
    settings = detente.Settings(actor_files=(str(EX / "actors.csv"),), pattern_files=(str(EX / "patterns.yaml"),))
    got = {(e.to_dict()["source"] or {}).get("code") for e in detente.code_text(text, "2016-02-26", settings=settings)}
    assert "KORGOV" in got
