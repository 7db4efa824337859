"""`detente eval --limit` end to end on each gold set (skipped without ../shared/data)."""
from __future__ import annotations

import importlib
import json
import pkgutil

import pytest
from typer.testing import CliRunner

import detente.cli
from detente.cli import app
from tests.conftest import SHARED, needs_shared

for _m in pkgutil.iter_modules(detente.cli.__path__):  # register every command, as main() does
    if not _m.name.startswith("_"):
        importlib.import_module(f"detente.cli.{_m.name}")


@pytest.mark.parametrize("name,limit,key", [("plv", 20, "pair_recall"), ("conflibert", 20, "accuracy"),
                                            ("gsr", 20, "type_macro_f1"), ("petr2", 20, "found"),
                                            ("articles", 2, "recall")])
def test_eval_runs_on_each_set(coder, tmp_path, name, limit, key):
    needs_shared()
    out = tmp_path / "r.json"
    res = CliRunner().invoke(app, ["eval", "--sets", name, "--limit", str(limit), "--data", str(SHARED),
                                   "--report", str(out)])
    assert res.exit_code == 0, res.output
    rep = json.loads(out.read_text())
    got = rep["sets"][name]
    assert 0.0 <= got[key] <= 1.0
    assert "summary:" in res.output and f"== {name}" in res.output
    if name != "articles":
        assert got["sentences"] == limit


def test_eval_unknown_set_exits_2(tmp_path):
    res = CliRunner().invoke(app, ["eval", "--sets", "nope", "--report", str(tmp_path / "r.json")])
    assert res.exit_code == 2 and "available: plv" in res.output
