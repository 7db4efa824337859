"""The PLV split is fixed (committed ids, reproducible from the seed) and disjoint."""
from __future__ import annotations

import csv

from detente.eval.splits import make_plv_split, read_split
from tests.conftest import needs_shared


def test_split_files_disjoint_and_sized():
    dev, train = read_split("dev"), read_split("train")
    assert len(dev) == 313 and len(train) == 731
    assert not set(dev) & set(train)
    assert dev == sorted(set(dev)) and train == sorted(set(train))


def test_split_reproducible_from_data():
    path = needs_shared("ZeroShotPLOVER_PLV", "PLV_train.tsv")
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    dev, train = make_plv_split(rows)
    assert dev == read_split("dev") and train == read_split("train")
    assert set(dev) | set(train) == {int(r["sentence_id"]) for r in rows}


def test_split_stratified():
    rows = [{"sentence_id": i, "gold_root": "A" if i < 10 else "B"} for i in range(30)]
    dev, train = make_plv_split(rows)
    assert sum(i < 10 for i in dev) == 3 and sum(i >= 10 for i in dev) == 6 and len(train) == 21
