"""Issue 17: infer when an article was written from its text, and judge the date it carries."""
from datetime import date

import pytest

from detente.actors.kb import ActorKB
from detente.dates.evidence import article_evidence
from detente.dates.infer import infer_article_date, infer_date, judge_published

PEOPLE = """
- name: John Kerry
  aliases: [John Kerry, Kerry]
  roles:
    - {code: USAGOV, from: 2013-02-01, to: 2017-01-20, role: Secretary of State}
    - {code: USAELI, from: 2017-01-20, to: null, role: former Secretary of State}
"""
TWEETS = ("Iran's foreign minister said on Tuesday that talks would go on.\n"
          "We will not negotiate under pressure. — Javad Zarif (@JZarif) March 1, 2016\n"
          "Secretary of State John Kerry says the deal holds.\n"
          "Kerry met Zarif in Vienna on Tuesday, March 1.")


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    p = tmp_path_factory.mktemp("kb") / "people.yaml"
    p.write_text(PEOPLE, encoding="utf-8")
    return ActorKB.load([p])


def test_a_tweet_and_a_weekday_date_infer_the_day(kb):
    inf = infer_article_date(TWEETS, kb)
    assert inf.value is not None and abs((inf.value - date(2016, 3, 2)).days) <= 3
    assert inf.lo <= date(2016, 3, 2) <= inf.hi
    kinds = {e.kind for e in inf.support}
    assert {"caption", "weekday_date"} <= kinds and 0.5 <= inf.confidence <= 1


def test_no_evidence_no_inference():
    inf = infer_article_date("Iran said on Tuesday that talks would go on. The United States disagreed.")
    assert inf.value is None and inf.reason


def test_a_day_and_month_alone_fit_every_year():
    inf = infer_article_date("The talks began on March 1. They ended on March 3.")
    assert inf.value is None and "as well as" in inf.reason


def test_one_historical_date_is_not_enough():
    inf = infer_article_date("The national elections took place on March 7, 2010, and went smoothly.")
    assert inf.value is None


def test_chains_fix_the_month_and_year():
    ev = article_evidence("Kim met Moon in April last month. The summit this year, in 2018, was the third.")
    notes = [e.note for e in ev if e.kind == "chain"]
    assert any("written the month after" in n for n in notes)
    assert any("written in 2018" in n for n in notes)


def test_judge_a_date_years_off(kb):
    ev = article_evidence(TWEETS, kb)
    inf = infer_date(ev)
    assert judge_published(inf, date(2016, 3, 2), ev).status == "consistent"
    j = judge_published(inf, date(2018, 3, 2), ev)
    assert j.status == "contradicted" and j.against
    assert judge_published(inf, date(2014, 3, 2), ev).status == "contradicted"


def test_one_title_alone_only_doubts(kb):
    text = "Secretary of State John Kerry says the deal holds."
    ev = article_evidence(text, kb)
    j = judge_published(infer_date(ev), date(2018, 6, 1), ev)
    assert j.status == "doubtful" and [e.kind for e in j.against] == ["role_current"]


@pytest.mark.parametrize("caption", [
    "Avi Panzer shows the remains of a rocket near the Israel-Gaza border on Aug. 6, 2014. (Photo: Tsafrir Abayov, AP)",
    "Vehicles cross the border bridge into the U.S., as seen from Laredo, Texas, U.S. June 2, 2019. REUTERS/Carlos Jasso",
    "Jacquelyn Martin/AP Demonstrators protest March 4, 2020, outside the Supreme Court in Washington.",
])
def test_a_photo_credit_makes_a_dated_paragraph_a_caption(caption):
    text = f"The talks went on.\n\n{caption}\n\nThe two sides met again later."
    ev = [e for e in article_evidence(text) if e.kind in ("date", "caption")]
    assert ev and all(e.kind == "caption" and e.precise for e in ev), [(e.kind, e.text) for e in ev]


def test_a_credit_in_another_paragraph_leaves_a_narrative_date():
    text = ("Protesters were arrested on Aug. 6, 2014, in Gaza City.\n\n"
            "A rocket lies in a field. (Photo: Tsafrir Abayov, AP)")
    ev = [e for e in article_evidence(text) if e.kind in ("date", "caption")]
    assert [e.kind for e in ev] == ["date"]
