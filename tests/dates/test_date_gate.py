"""The date gate: a learned judgement of whether an inferred writing date is right (dates/gate.py)."""
import importlib.util
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from detente.dates.evidence import Evidence, Interval
from detente.dates.gate import PATH, Gate, features
from detente.dates.infer import candidate, infer_date

ROOT = Path(__file__).resolve().parents[2]


def _ev(kind, lo, hi, w, sentence, pos=0, precise=True, hard=False):
    return Evidence(kind, kind, sentence, (pos, pos + 5), (Interval(lo, hi, w, hard),), note=f"{kind} {lo}",
                    precise=precise)


CAPTION = _ev("caption", date(2018, 9, 6), date(2018, 10, 6), 2.5, "FILE PHOTO: ... September 6, 2018.", 20)
DATE = _ev("date", date(2018, 9, 4), date(2018, 10, 4), 1.0, "The talks began on Sept. 4, 2018.", 300)
YEAR = _ev("latest_year", date(2018, 1, 1), date(2018, 12, 31), 1.0, "The talks began on Sept. 4, 2018.", 300,
           precise=False)
OLD = _ev("date", date(2003, 6, 26), date(2003, 7, 26), 1.0, "She visited on June 26, 2003.", 9000)


def test_the_shipped_gate_loads_offline_and_names_every_feature():
    gate = Gate.load()
    assert PATH.exists() and PATH.stat().st_size < 20_000
    c = candidate([CAPTION, DATE, YEAR])
    assert tuple(features(c)) == gate.names
    assert 0.0 < gate.threshold < 1.0 and gate.trained["examples"] > 100


def test_clues_from_two_sentences_and_a_caption_are_accepted():
    inf = infer_date([CAPTION, DATE, YEAR])
    assert inf.value is not None and date(2018, 9, 6) <= inf.value <= date(2018, 9, 10)
    assert inf.confidence >= Gate.load().threshold and "the gate gives it" in inf.reason


def test_one_weak_old_date_deep_in_the_text_is_refused():
    inf = infer_date([OLD])
    assert inf.value is None and "gate gives it" in inf.reason and inf.lo == date(2003, 6, 26)


def test_the_threshold_follows_the_gate_file(tmp_path):
    d = json.loads(PATH.read_text(encoding="utf-8"))
    strict, lax = dict(d, threshold=0.9999), dict(d, threshold=0.0)
    (tmp_path / "strict.json").write_text(json.dumps(strict))
    (tmp_path / "lax.json").write_text(json.dumps(lax))
    weak = [_ev("date", date(2012, 5, 1), date(2012, 6, 1), 1.0, "It happened on May 1, 2012.", 4000)]
    assert infer_date(weak, Gate.load(tmp_path / "strict.json")).value is None
    assert infer_date(weak, Gate.load(tmp_path / "lax.json")).value is not None


def test_hard_rules_stand_whatever_the_gate_says(tmp_path):
    d = json.loads(PATH.read_text(encoding="utf-8"))
    (tmp_path / "lax.json").write_text(json.dumps(dict(d, threshold=0.0)))
    lax = Gate.load(tmp_path / "lax.json")
    wide = [_ev("year", date(2015, 1, 1), date(2015, 12, 31), 1.0, "In 2015, talks began.", precise=False)]
    assert infer_date(wide, lax).value is None  # wider than a season, and no day or month
    tie = [_ev("day_month", date(y, 3, 1), date(y, 4, 1), 1.0, "On March 1, talks began.") for y in (2013, 2016)]
    assert "as well as" in infer_date(tie, lax).reason


def _trainer():
    spec = importlib.util.spec_from_file_location("train_date_gate", ROOT / "scripts" / "train_date_gate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_threshold_is_the_lowest_that_keeps_the_precision():
    t = _trainer()
    p = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    y = np.array([1, 1, 1, 0, 1, 0])
    assert t.threshold(p, y, 0.8) == 0.5   # top five: 4 of 5 right
    assert t.threshold(p, y, 1.0) == 0.7
    assert t.threshold(p, np.zeros(6, int), 0.5) == 1.0


def test_fitting_separable_examples_gives_a_gate_that_separates_them():
    t = _trainer()
    rng = np.random.default_rng(0)
    names = ["margin", "best"]
    X = np.vstack([rng.normal(3, 0.5, (60, 2)), rng.normal(0, 0.5, (60, 2))])
    y = np.array([1] * 60 + [0] * 60)
    gate, stats = t.fit(names, X, y, 0.95)
    assert stats["cv_precision"] >= 0.95 and stats["cv_accepted"] >= 50
    assert gate.coef[0] > 0 and gate.names == ("margin", "best")


@pytest.mark.skipif(not (ROOT.parent / "shared" / "data" / "allsides_international_news.jsonl.gz").exists(),
                    reason="needs ../shared/data")
def test_training_on_the_tune_half_writes_a_gate_that_loads(tmp_path, capsys):
    out = tmp_path / "gate.json"
    _trainer().main(["--limit", "300", "--out", str(out)])
    gate = Gate.load(out)
    assert gate.trained["articles"] == 300 and gate.names == Gate.load().names
    assert json.loads(capsys.readouterr().out)["examples"] == gate.trained["examples"]
