"""Article consistency warnings: misdated articles and events dated after publication."""
from datetime import date

import pytest

from detente.actors.kb import ActorKB
from detente.dates.checks import article_warnings, date_contradictions
from detente.model import Article

PEOPLE = """
- name: Mike Pompeo
  aliases: [Mike Pompeo, Pompeo]
  roles:
    - {code: USAGOV, from: 2017-01-23, to: 2018-04-26, role: CIA Director}
    - {code: USAGOV, from: 2018-04-26, to: 2021-01-20, role: Secretary of State}
- name: Donald Trump
  aliases: [Donald Trump, Trump]
  roles:
    - {code: USAGOV, from: 2017-01-20, to: 2021-01-20, role: President}
    - {code: USAELI, from: 2021-01-20, to: 2025-01-20, role: former President}
    - {code: USAGOV, from: 2025-01-20, to: null, role: President}
"""
TEXT = ("Secretary of State Mike Pompeo told his Chinese counterpart that the Trump administration is "
        "determined to push back against Beijing.")


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    p = tmp_path_factory.mktemp("kb") / "people.yaml"
    p.write_text(PEOPLE, encoding="utf-8")
    return ActorKB.load([p])


def test_misdated_article_warns(kb):
    got = date_contradictions(TEXT, date(2021, 6, 1), kb)
    assert len(got) == 2
    assert "Mike Pompeo" in got[0] and "Secretary of State" in got[0] and "2018-04-26..2021-01-20" in got[0]
    assert "Trump administration" in got[1]


def test_rightly_dated_article_is_quiet(kb):
    assert date_contradictions(TEXT, date(2019, 6, 1), kb) == []
    assert date_contradictions(TEXT, date(2021, 1, 25), kb) == []  # within the grace period


def test_past_titles_are_not_contradictions(kb):
    text = "Former Secretary of State Mike Pompeo said the Trump administration had been right."
    assert date_contradictions(text, date(2021, 6, 1), kb) == []


def test_apposition_title(kb):
    text = "Mike Pompeo, the secretary of state, met Wang Yi."
    assert len(date_contradictions(text, date(2022, 3, 1), kb)) == 1


def test_article_warnings_through_the_coder(coder, kb):
    art = Article(id="a", text=TEXT, published=date(2021, 6, 1))
    got = article_warnings(art, [], kb)
    assert any("misdated" in w for w in got)


def test_event_after_publication(code):
    events = code("North Korea launched a rocket on March 3, 2016.", published="2016-02-21")
    from detente.dates.checks import article_warnings as aw
    from detente.actors.kb import ActorKB as KB

    art = Article(id="t", text="x", published=date(2016, 2, 21))
    warnings = aw(art, events, KB())
    assert all(e.date == "2016-03-03" for e in events if e.modality == "asserted")
    assert any("after publication" in w for w in warnings) or not events


def test_only_a_date_told_with_its_year_after_publication_warns(code):
    from detente.dates.checks import after_publication

    # told with its year: the page is misdated (or the date belongs to another act): warn
    evs = code("North Korea launched a rocket on March 3, 2016.", published="2016-02-21")
    assert [w.kind for w in after_publication(evs, date(2016, 2, 21))] == ["after_publication"]
    # "next week" makes the trip intended, and a relative date is reckoned from publication: nothing to warn of
    evs = code("Obama's trip to Vietnam next week was announced.", published="2016-02-21")
    assert evs and after_publication(evs, date(2016, 2, 21)) == []
