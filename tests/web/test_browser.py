"""The web UI in real headless Chromium, against the real server on the sample store."""
from __future__ import annotations

import re

import pytest

from tests.api.helpers import HOSTILE_ID, PAYLOADS, ROOT

pytestmark = pytest.mark.browser
PAGES = [("timeline", "/", 1), ("events", "/events", 0), ("dyad", "/dyad?a=USA&b=PRK&by=day", 2),
         ("network", "/network", 1), ("map", "/map", 1), ("code", "/code", 0),
         ("article", "/article/2016-02-21-journal-report", 0)]


def charts_ready(page, n: int) -> None:
    if n:
        page.wait_for_function(f"document.querySelectorAll('[data-rendered=yes] svg').length >= {n}", timeout=20000)
    assert not page.locator("[data-rendered=error]").count()


@pytest.mark.parametrize("name,url,n_charts", PAGES)
def test_page_loads_and_draws(server, page, shots, name, url, n_charts):
    r = page.goto(server + url)
    assert r.status == 200
    charts_ready(page, n_charts)
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert page.locator("nav a[aria-current]").count() <= 1
    assert not page.errors, page.errors


def test_filters_live_in_the_url_and_rows_open_to_evidence(server, page, shots):
    page.goto(server + "/events")
    page.select_option("select[name=quad_class]", "3")
    page.fill("input[name=actor]", "prk")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"quad_class=3"))
    assert "actor=prk" in page.url
    rows = page.locator("details.ev")
    assert rows.count() > 0
    assert rows.count() == page.locator("details.ev.q3").count()
    first = rows.first
    assert not first.locator("blockquote.evidence").is_visible()
    first.locator("summary").click()
    ev = first.locator("blockquote.evidence")
    assert ev.is_visible()
    assert ev.locator("mark.trigger").count() == 1 and ev.locator("mark.source").count() == 1
    assert first.locator("dd.modality").inner_text() == "asserted"
    assert "Attribution" in first.locator("dl.facts").inner_text()
    page.screenshot(path=str(shots / "events-open.png"), full_page=True)
    shared = page.url  # the same view for anyone with the link
    page.goto(shared)
    assert page.locator("select[name=quad_class]").input_value() == "3"
    first = page.locator("details.ev").first
    first.locator("summary").click()
    first.locator("dl.facts a[href^='/article/']").click()
    page.wait_for_url(re.compile(r"/article/"))
    assert page.locator(".article-text mark.ev").count() >= 1
    assert page.locator(".article-text mark.trigger").count() >= 1
    target = page.url.split("#")[1]
    assert page.locator(f"#{target}").count() == 1
    assert not page.errors, page.errors


def test_timeline_brush_picks_a_date_range(server, page, shots):
    page.goto(server + "/")
    charts_ready(page, 1)
    box = page.locator("#timeline svg").first.bounding_box()
    y = box["y"] + box["height"] * 0.55
    page.mouse.move(box["x"] + box["width"] * 0.25, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=8)
    page.mouse.up()
    page.wait_for_selector("#brush-bar:not([hidden])")
    rng = page.locator("#brush-range").inner_text()
    a, b = re.findall(r"\d{4}-\d{2}-\d{2}", rng)
    assert a <= b
    page.screenshot(path=str(shots / "timeline-brushed.png"), full_page=True)
    href = page.get_attribute("#brush-events", "href")
    page.goto(server + href)
    assert f"since={a}" in page.url and f"until={b}" in page.url
    dates = [d.strip() for d in page.locator("details.ev summary > span:first-child").all_inner_texts() if d != "—"]
    first_day = [(d.split("/")[0] + "-01-01")[:10] if len(d) == 4 else (d + "-01")[:10] for d in dates]
    assert all(a <= d <= b for d in first_day), (a, b, dates)


def test_dyad_form_and_network_links(server, page):
    page.goto(server + "/dyad")
    page.fill("input[name=a]", "PRK")
    page.fill("input[name=b]", "KOR")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"a=PRK&b=KOR"))
    charts_ready(page, 2)
    assert "PRK ⇄ KOR" in page.locator("h1").inner_text()
    page.goto(server + "/network")
    charts_ready(page, 1)
    page.locator("table.edges a", has_text="events").first.click()
    page.wait_for_url(re.compile(r"/events\?actor="))
    assert page.locator("details.ev").count() >= 1


def test_code_page_codes_a_pasted_article(server, page, shots):
    text = (ROOT / "samples" / "2016-02-21-journal-report.txt").read_text()
    page.goto(server + "/code")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=published]", "2016-02-21")
    page.click("form.code button[type=submit]")
    page.wait_for_selector("#result .card", timeout=30000)
    assert page.url.endswith("/code")  # htmx swapped the result in place
    heads = page.locator("#result .card p.head").all_inner_texts()
    assert any("USAGOV" in h and "PRKGOV" in h for h in heads)
    assert page.locator("#result .card blockquote mark.trigger").count() == len(heads)
    assert page.locator("#result .article-text mark.ev").count() >= 1
    page.screenshot(path=str(shots / "code-result.png"), full_page=True)
    assert not page.errors, page.errors


def test_injected_markup_never_runs(server, page, shots):
    """An article with <script> and <img onerror> payloads: shown as text on every page, never executed."""
    text = (f"Pyongyang rejected the proposal by Seoul {PAYLOADS[1]} on Thursday. "
            f"North Korea rejected the {PAYLOADS[0]} proposal by South Korea, {PAYLOADS[3]} officials said. "
            f"<script>alert('xss')</script><iframe src=javascript:alert(1)></iframe>")
    page.goto(server + "/code")
    page.fill("textarea[name=text]", text)
    page.click("form.code button[type=submit]")
    page.wait_for_selector("#result .card", timeout=30000)
    page.locator("#result .card").first.hover()
    page.screenshot(path=str(shots / "code-hostile.png"), full_page=True)
    visible = page.locator("#result").inner_text()
    assert '<img src=x onerror="window.__pwned=2">' in visible and "<script>window.__pwned=1</script>" in visible
    assert page.locator("#result img, #result script, #result iframe, #result svg").count() == 0
    for url in (f"/article/{HOSTILE_ID}", f"/events?article_id={HOSTILE_ID}"):
        page.goto(server + url)
        for d in page.locator("details.ev summary").all():
            d.click()
        page.locator("mark").first.hover()
        assert page.locator("main img, main iframe, main b[onmouseover], main i[onmouseover]").count() == 0
        assert "<script>window.__pwned=1</script>" in page.locator("main").inner_text()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
