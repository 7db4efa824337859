"""Every export format: its column list, and read back with pandas."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from detente.export import export
from detente.export.gdelt import COLUMNS as GDELT
from detente.export.icews import COLUMNS as ICEWS
from detente.export.table import COLUMNS as TABLE
from detente.store import Filters, open_store
from tests.conftest import SHARED
from tests.store.build import corpus


@pytest.fixture
def store(store_target):
    with open_store(store_target) as s:
        s.add(corpus())
        yield s


def test_gdelt(store, tmp_path):
    out = tmp_path / "e.tsv"
    assert export(store, "gdelt", out) == 4
    assert len(GDELT) == 61 and GDELT[0] == "GLOBALEVENTID" and GDELT[26] == "EventCode" and GDELT[-1] == "SOURCEURL"
    assert all(len(line.split("\t")) == 61 for line in out.read_text().splitlines())
    df = pd.read_csv(out, sep="\t", header=None, names=GDELT, dtype=str, keep_default_na=False)
    assert len(df) == 4 and df["GLOBALEVENTID"].is_unique
    row = df[df["EventRootCode"] == "12"].iloc[0]
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20160221", "201602", "2016")
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"], row["Actor2Code"]) == (
        "PRKGOV", "PRK", "GOV", "USAGOV")
    assert (row["QuadClass"], float(row["GoldsteinScale"])) == ("3", -4.0)
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "3", "2")
    assert row["DATEADDED"] == "20160221000000" and row["AvgTone"] == ""


def test_icews(store, tmp_path):
    out = tmp_path / "e.tab"
    export(store, "icews", out, Filters(modality="all"))
    sample = SHARED / "CAMEO" / "icews_events.2018.sample.tab"
    if sample.exists():
        assert ICEWS == sample.read_text(encoding="utf-8").splitlines()[0].split("\t")
    df = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert df.columns.tolist() == ICEWS and len(df) == 5
    row = df[df["CAMEO Code"] == "19"].iloc[0]
    assert (row["Source Country"], row["Target Sectors"], row["Publisher"], row["Story ID"]) == (
        "United States", "MIL", "AP", "a4")
    assert row["Event Date"] == "2016-03-04" and float(row["Intensity"]) == -10.0


def test_plover(store, tmp_path):
    out = tmp_path / "e.jsonl"
    export(store, "plover", out, merged=False)
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(recs) == 7
    for r in recs:  # the PLOVER manual's required fields
        assert {"id", "date", "actor", "event"} <= set(r) and r["actor"] and r["event"] == ["X"]
    df = pd.read_json(out, lines=True)
    assert set(df["quad_code"]) == {1, 3, 4} and df["cite_info"].iloc[0]["source"]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_tables(store, tmp_path, fmt):
    out = tmp_path / f"e.{fmt}"
    export(store, fmt, out)
    df = pd.read_parquet(out) if fmt == "parquet" else pd.read_csv(out)
    assert df.columns.tolist() == TABLE and len(df) == 4
    r = df.set_index("cameo_root").loc["12"] if fmt == "parquet" else df.set_index(df["cameo_root"].astype(str)
                                                                                 .str.zfill(2)).loc["12"]
    assert (r["source_code"], int(r["n_mentions"]), int(r["n_articles"]), float(r["goldstein"])) == (
        "PRKGOV", 3, 2, -4.0)
    back = store.events(merged=True)
    assert sorted(df["event_id"]) == sorted(x["event_id"] for x in back)


def test_unknown_format(store, tmp_path):
    from detente.errors import StoreError

    with pytest.raises(StoreError, match="export format must be one of"):
        export(store, "xml", tmp_path / "x")
