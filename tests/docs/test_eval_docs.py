"""The figures page is generated from the committed evaluation summary, which holds no gold text."""
import json
import sys

from .runner import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import gen_eval_docs  # noqa: E402


def test_figures_page_matches_summary():
    summary = json.loads(gen_eval_docs.SUMMARY.read_text(encoding="utf-8"))
    assert gen_eval_docs.PAGE.read_text(encoding="utf-8") == gen_eval_docs.render(summary), \
        "docs/methods/figures.md is not generated from eval_summary.json: run python scripts/gen_eval_docs.py"


def test_summary_holds_numbers_not_text():
    summary = json.loads(gen_eval_docs.SUMMARY.read_text(encoding="utf-8"))
    for name, res in summary["sets"].items():
        for k, v in res.items():
            assert isinstance(v, (int, float, dict)) or v is None or (isinstance(v, str) and len(v) < 20), (name, k)


def test_summarise_drops_text():
    report = {"code_version": {"version": "0", "commit": "abc", "src_modified": False}, "summary": [],
              "sets": {"articles": {"recall": 0.5, "misses": ["a sentence of gold text"], "dates": "1/2"},
                       "plv": {"pair_recall": 0.3, "type": {"labels": {"AGREE": {"p": 1.0, "r": 0.5, "f1": 0.6,
                                                                                   "support": 2, "tp": 1}},
                                                               "macro": {"p": 1.0, "r": 0.5, "f1": 0.6}}}}}
    s = gen_eval_docs.summarise(report)
    assert "misses" not in s["sets"]["articles"] and s["sets"]["articles"]["recall"] == 0.5
    page = gen_eval_docs.render(s)
    assert "| AGREE | 1.000 | 0.500 | 0.600 | 2 |" in page and "gold text" not in page
