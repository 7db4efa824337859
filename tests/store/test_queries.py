"""Queries on the hand-built corpus, checked against values computed by hand, on every backend."""
from __future__ import annotations

import pytest

from detente.store import Filters, open_store
from tests.store.build import corpus


@pytest.fixture
def store(store_target):
    with open_store(store_target) as s:
        s.add(corpus())
        yield s


def test_counts_and_dedup(store):
    st = store.stats()
    assert st["articles"] == 6 and st["copies"] == 1 and st["mentions"] == 8 and st["mentions_asserted"] == 7
    assert st["events"] == 5 and st["events_multi_article"] == 1 and st["outlets"] == 4 and st["actors"] == 5
    assert (st["events_from"], st["events_to"]) == ("2016-02-20", "2016-03-11")
    cl = store.clusters().set_index("cameo_root")
    assert len(cl) == 4  # the negated event is not asserted
    assert cl.loc["12", ["n_mentions", "n_articles", "n_outlets"]].tolist() == [3, 2, 3]
    assert cl.loc["02", ["n_mentions", "n_articles", "n_outlets"]].tolist() == [2, 1, 2]
    assert cl.loc["12", "article_id"] == "a1" and str(cl.loc["12", "first_report"]) == "2016-02-21"
    assert str(cl.loc["12", "last_report"]) == "2016-02-22"
    assert store.article("a3")["copy_of"] == "a1" and store.article("a2")["copy_of"] is None


def test_event_and_article(store):
    recs = store.events(Filters(root="12"))
    assert len(recs) == 3 and len({r["cluster_id"] for r in recs}) == 1
    ev = store.event(recs[-1]["event_id"])
    assert ev["n_mentions"] == 3 and {m["article_id"] for m in ev["mentions"]} == {"a1", "a2", "a3"}
    assert ev["representative"]["article_id"] == "a1" and ev == store.event(ev["cluster_id"])
    assert store.event("nope") is None and store.article("nope") is None
    a = store.article("a1")
    assert a["outlet"] == "Reuters" and a["published"] == "2016-02-21" and len(a["events"]) == 2
    assert a["text"].startswith("Washington") and a["warnings"] == []


def test_events_filters(store):
    assert len(store.events()) == 7
    assert len(store.events(Filters(modality="all"))) == 8
    assert len(store.events(Filters(modality="negated"))) == 1
    assert len(store.events(merged=True)) == 4
    assert {r["article_id"] for r in store.events(Filters(outlet="AP"))} == {"a2", "a4"}
    assert len(store.events(Filters(actor="USA"))) == 3
    assert len(store.events(Filters(country="CHN"))) == 1
    assert len(store.events(Filters(sector="MIL"))) == 1
    assert len(store.events(Filters(quad_class=3))) == 3
    assert len(store.events(Filters(since="2016-03-01", until="2016-03-10"))) == 2
    assert len(store.events(Filters(text="NORTH KOREA"))) == 3  # a2, a4 ("North Korean"), a5
    assert len(store.events(Filters(limit=2, offset=1))) == 2
    # an event matches when any of its mentions does: the AP mention brings in the merged rejection
    cl = store.clusters(Filters(outlet="AP"))
    assert sorted(cl["cameo_root"]) == ["12", "19"]
    fr = store.events_frame(Filters(root="12"))
    assert len(fr) == 3 and fr["goldstein"].sum() == -12.0
    assert len(store.events_frame(merged=True)) == 4


def test_dyad_by_month(store):
    df = store.dyad("USA", "PRK", by="month")
    rows = [tuple(r) for r in df[["period", "direction", "n", "q1", "q2", "q3", "q4", "goldstein_sum",
                                  "goldstein_mean"]].itertuples(index=False)]
    assert rows == [("2016-02", "PRK>USA", 1, 0, 0, 1, 0, -4.0, -4.0),
                    ("2016-02", "USA>PRK", 1, 1, 0, 0, 0, 3.0, 3.0),
                    ("2016-03", "USA>PRK", 1, 0, 0, 0, 1, -10.0, -10.0)]
    m = store.dyad("prk", "usa", by="month", count="mentions")
    assert m[["period", "direction", "n", "goldstein_sum"]].values.tolist() == [
        ["2016-02", "PRK>USA", 3, -12.0], ["2016-02", "USA>PRK", 2, 6.0], ["2016-03", "USA>PRK", 1, -10.0]]


@pytest.mark.parametrize("by,periods", [("day", ["2016-02-20", "2016-02-21", "2016-03-04"]),
                                        ("week", ["2016-02-15", "2016-02-15", "2016-02-29"]),
                                        ("year", ["2016", "2016"])])
def test_dyad_periods(store, by, periods):
    assert store.dyad("USA", "PRK", by=by)["period"].tolist() == periods


def test_aggregate_country_month(store):
    df = store.aggregate("country-month")
    got = {(r.country, r.period): (r.n, r.n_as_source, r.n_as_target, r.q1, r.q3, r.q4, r.goldstein_sum)
           for r in df.itertuples()}
    assert got == {("CHN", "2016-03"): (1, 1, 0, 1, 0, 0, 1.0), ("PRK", "2016-02"): (2, 1, 1, 1, 1, 0, -1.0),
                   ("PRK", "2016-03"): (2, 0, 2, 1, 0, 1, -9.0), ("USA", "2016-02"): (2, 1, 1, 1, 1, 0, -1.0),
                   ("USA", "2016-03"): (1, 1, 0, 0, 0, 1, -10.0)}
    assert df.set_index(["country", "period"]).loc[("PRK", "2016-03"), "goldstein_mean"] == -4.5


def test_aggregate_dyad_month_and_actor_year(store):
    d = store.aggregate("dyad-month")
    assert d[["source_country", "target_country", "period", "n", "goldstein_sum"]].values.tolist() == [
        ["CHN", "PRK", "2016-03", 1, 1.0], ["PRK", "USA", "2016-02", 1, -4.0],
        ["USA", "PRK", "2016-02", 1, 3.0], ["USA", "PRK", "2016-03", 1, -10.0]]
    a = store.aggregate("actor-year").set_index("actor")
    assert a.loc["PRKGOV", ["n", "n_as_source", "n_as_target", "q1", "q3", "goldstein_sum"]].tolist() == [
        3, 1, 2, 2, 1, 0.0]
    assert a.index.tolist() == ["CHNGOV", "PRKGOV", "PRKMIL", "USAGOV", "USAMIL"]
    assert store.aggregate("country-month", Filters(root="19"))["n"].sum() == 2


def test_actors(store):
    df = store.actors()
    assert df["code"].tolist() == ["PRKGOV", "USAGOV", "CHNGOV", "PRKMIL", "USAMIL"]
    assert df["n"].tolist() == [3, 2, 1, 1, 1]
    assert df.set_index("code").loc["USAGOV", ["country", "sector", "n_as_source", "n_as_target"]].tolist() == [
        "USA", "GOV", 1, 1]
    assert len(store.actors(limit=2)) == 2


def test_bad_arguments(store):
    from detente.errors import StoreError

    with pytest.raises(StoreError, match="by must be one of"):
        store.dyad("USA", "PRK", by="hour")
    with pytest.raises(StoreError, match="unit must be one of"):
        store.aggregate("planet-day")


def test_readd_changes_nothing(store):
    before = (store.stats(), store.clusters().to_dict("records"))
    assert store.add(corpus()) == (0, 0)
    assert (store.stats(), store.clusters().to_dict("records")) == before


def test_batches_give_the_same_store(store_target, tmp_path):
    """Adding article by article gives the same events as one batch (clustering is order-, not batch-bound)."""
    with open_store(store_target) as s:
        for c in corpus():
            s.add([c])
        one_by_one = s.clusters().to_dict("records")
    with open_store(str(tmp_path / "batch.duckdb")) as s:
        s.add(corpus())
        assert s.clusters().to_dict("records") == one_by_one
