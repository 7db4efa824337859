"""Issue 18, the rest: a map of where things happened (actor country only as a labelled fallback), a network
of countries readable at 80 nodes, and a table beside every chart (real server, real headless Chromium)."""
from __future__ import annotations

import json
import re
import urllib.request
from datetime import date

import pytest

from detente.model import Article
from detente.pipeline import CodedArticle
from detente.store import open_store
from tests.store.build import event
from tests.web.conftest import start_server

pytestmark = pytest.mark.browser


def api(server, path):
    return json.loads(urllib.request.urlopen(server + path, timeout=30).read())


def rendered(page, n=1):
    page.wait_for_function(f"document.querySelectorAll('[data-rendered=yes] svg').length >= {n}", timeout=20000)


def test_map_points_where_things_happened_and_click_lists_them(server, page, shots):
    page.goto(server + "/map")
    rendered(page)
    rows = page.locator("table.places tbody tr")
    assert rows.count() >= 2
    places = {r.locator("td").nth(0).inner_text(): int(r.locator("td").nth(4).inner_text()) for r in rows.all()}
    assert places.get("Seoul", 0) > 0
    # the fallback is labelled as such, in the legend and in its table
    legend = " ".join(page.locator("#map svg text").all_text_contents())
    assert "by actor country: no location known" in legend and "events where they happened" in legend
    assert "no location known" in page.locator("details.data-table summary").nth(1).inner_text()
    page.screenshot(path=str(shots / "issue18-map.png"), full_page=True)
    # a click on a point lists the events that happened there
    page.locator("#map .mark-symbol.role-mark path").first.click(force=True)
    page.wait_for_url(re.compile(r"/events\?.*place="))
    shown = page.locator("#place-filter em").inner_text()
    assert shown in places
    n = int(page.locator("#total strong").inner_text())
    assert n == places[shown] == api(server, "/api/events?place=" + urllib.request.quote(shown))["total"]
    assert not page.errors, page.errors


def test_map_fallback_counts_link_to_events_without_a_place(server, page):
    page.goto(server + "/map?role=source")
    rendered(page)
    page.locator("details.data-table:has(table.countries) summary").click()
    link = page.locator("table.countries tbody tr").first
    n = int(link.locator("td").nth(2).inner_text())
    link.locator("a").click()
    page.wait_for_url(re.compile(r"/events\?.*place="))
    assert "(no place known)" in page.locator("#place-filter").inner_text()
    assert int(page.locator("#total strong").inner_text()) == n
    assert not page.errors, page.errors


def test_place_filter_in_the_api_and_download(server):
    every = api(server, "/api/events?limit=1")["total"]
    at = api(server, "/api/events?place=seoul&limit=1")["total"]
    none = api(server, "/api/events?place=(no%20place%20known)&limit=1")["total"]
    assert 0 < at < every and 0 < none < every
    body = urllib.request.urlopen(server + "/api/download?format=jsonl&place=Seoul", timeout=30).read().decode()
    recs = [json.loads(line) for line in body.splitlines()]
    assert len(recs) == at and all(r["location"]["name"] == "Seoul" for r in recs)


def test_network_groups_by_country_or_sector_and_says_what_is_left_out(server, page, shots):
    page.goto(server + "/network")
    rendered(page)
    nodes = page.locator("table.nodes tbody tr td:first-child").all_text_contents()
    assert "USA" in nodes and not any(len(c) > 3 for c in nodes)  # USA and USAGOV are one node
    labels = page.locator("#network svg .mark-text.role-mark text").all_text_contents()
    assert sorted(labels) == sorted(nodes)
    page.screenshot(path=str(shots / "issue18-network-countries.png"), full_page=True)
    page.select_option("form.network-controls select[name=group]", "actor")
    page.fill("form.network-controls input[name=top]", "3")
    page.click("form.network-controls button[type=submit]")
    page.wait_for_url(re.compile(r"group=actor"))
    rendered(page)
    nodes = page.locator("table.nodes tbody tr td:first-child").all_text_contents()
    assert len(nodes) == 3
    lede = page.locator("#network-lede").inner_text()
    total = int(re.search(r"of (\d+)", lede).group(1))
    assert f"{total - 3} left out" in lede
    # the filter form keeps the choice
    assert page.locator("form.filters input[name=top]").first.get_attribute("value") == "3"
    page.goto(server + "/network?group=actor")
    rendered(page)
    nodes = page.locator("table.nodes tbody tr td:first-child").all_text_contents()
    assert any(c.startswith("USA") and len(c) > 3 for c in nodes)  # split by sector
    assert not page.errors, page.errors


@pytest.fixture(scope="module")
def crowd(tmp_path_factory):
    """A store of 90 countries' governments, each acting on two others, and a server on it."""
    db = tmp_path_factory.mktemp("crowd") / "crowd.duckdb"
    codes = [f"{a}{b}X" for a in "ABCDEFGHI" for b in "ABCDEFGHIJ"]
    arts = []
    for i, c in enumerate(codes):
        evs = []
        for k, other in enumerate((codes[(i + 1) % 90], codes[(i + 7) % 90])):
            s = f"{c} officials criticised {other} number {k} over the border dispute {i}."
            evs.append(event(f"c{i}", s, c + "GOV", other + "GOV", "12", "2016-03-01", start=k * 200))
        text = " ".join(e.sentence for e in evs)
        arts.append(CodedArticle(Article(id=f"c{i}", text=text, published=date(2016, 3, 2), outlet="Wire"), evs))
    with open_store(str(db)) as s:
        s.add(arts)
    proc, url = start_server(db)
    yield url
    proc.terminate()
    proc.wait(10)


def test_network_readable_at_80(crowd, page, shots):
    page.goto(crowd + "/network?top=80")
    rendered(page)
    labels = page.locator("#network svg .mark-text.role-mark text")
    assert labels.count() == 80
    assert "10 left out" in page.locator("#network-lede").inner_text()
    svg = page.locator("#network svg").bounding_box()
    assert svg["width"] >= 900
    boxes = [t.bounding_box() for t in labels.all()]
    for b in boxes:  # no label is cut off by the chart's edge
        assert svg["x"] <= b["x"] and b["x"] + b["width"] <= svg["x"] + svg["width"] + 1
        assert svg["y"] <= b["y"] and b["y"] + b["height"] <= svg["y"] + svg["height"] + 1
    centres = sorted((b["x"] + b["width"] / 2, b["y"] + b["height"] / 2) for b in boxes)
    close = min(((a[0] - c[0]) ** 2 + (a[1] - c[1]) ** 2) ** 0.5 for i, a in enumerate(centres)
                for c in centres[i + 1:])
    assert close >= 12, close  # labels fan out along the radius: no two centres on top of each other
    sizes = page.evaluate("[...document.querySelectorAll('#network svg text')].map(t => parseFloat("
                          "getComputedStyle(t).fontSize))")
    assert min(sizes) >= 12
    page.screenshot(path=str(shots / "issue18-network-80.png"), full_page=True)
    assert not page.errors, page.errors
    page.set_viewport_size({"width": 800, "height": 900})  # the chart scrolls in its box, not the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 800


def test_every_chart_has_a_table(server, page):
    page.goto(server + "/")
    rendered(page)
    rows = page.locator("#timeline ~ details.data-table table.series tbody tr")
    assert rows.count() >= 1
    counted = sum(int(r.locator("td").last.text_content()) for r in rows.all())
    lede = page.locator("p.lede").first.inner_text()
    n, undated = int(re.match(r"(\d+)", lede).group(1)), re.search(r"(\d+) without a date", lede)
    assert counted == n - (int(undated.group(1)) if undated else 0)
    assert "table" in page.locator("#timeline").get_attribute("aria-label")
    for path, table in (("/network", "table.edges"), ("/network", "table.nodes"), ("/map", "table.places"),
                        ("/map", "table.countries")):
        page.goto(server + path)
        rendered(page)
        assert page.locator(f"details.data-table {table} tbody tr").count() >= 1, (path, table)
        assert "table" in page.locator(".chart").first.get_attribute("aria-label")
    assert not page.errors, page.errors
