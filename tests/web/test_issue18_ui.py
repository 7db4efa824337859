"""Issue 18: the events table answers "what happened between A and B, on whose word", downloads what it shows,
errors are shown, /docs works offline, and the pages stay usable (real server, real headless Chromium)."""
from __future__ import annotations

import csv
import json
import re
import urllib.request

import pytest

pytestmark = pytest.mark.browser


def api(server, path):
    return json.loads(urllib.request.urlopen(server + path, timeout=30).read())


def total(page) -> int:
    return int(page.locator("#total strong").inner_text())


def first_days(page) -> list[str]:
    return [d.split("/")[0] for d in page.locator("details.ev summary > span:first-child").all_inner_texts()
            if d.strip() != "—"]


def test_events_newest_first_counted_and_sortable(server, page, shots):
    page.goto(server + "/events")
    n = total(page)
    assert n == api(server, "/api/events?limit=1")["total"] > 0
    days = first_days(page)
    assert days == sorted(days, reverse=True)  # newest first by default
    page.locator("a.sort", has_text="source").click()
    page.wait_for_url(re.compile(r"sort=source"))
    codes = [c for c in page.locator("details.ev summary span.src code").all_inner_texts()]
    assert codes == sorted(codes)
    assert total(page) == n
    page.locator("a.sort", has_text="date").click()  # date sorts newest first again, then oldest first
    page.wait_for_url(re.compile(r"sort=-date"))
    page.locator("a.sort.on", has_text="date").click()
    page.wait_for_url(re.compile(r"sort=date"))
    days = first_days(page)
    assert days == sorted(days)
    page.screenshot(path=str(shots / "issue18-events-sorted.png"), full_page=True)
    assert not page.errors, page.errors


def test_either_direction_dyad_with_autocomplete(server, page, shots):
    page.goto(server + "/events")
    opts = page.locator("datalist#actor-list option")
    assert opts.count() > 0 and "USAGOV" in [o.get_attribute("value") for o in opts.all()]
    assert page.get_attribute("input[name=actor]", "list") == "actor-list"
    page.fill("input[name=actor]", "USA")
    page.fill("input[name=target]", "PRK")
    page.check("input[name=either]")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"either=1"))
    n = total(page)
    one = api(server, "/api/events?actor=USA&target=PRK&limit=1")["total"]
    other = api(server, "/api/events?actor=PRK&target=USA&limit=1")["total"]
    assert n == one + other == api(server, "/api/events?actor=USA&target=PRK&either=true&limit=1")["total"]
    assert one and other
    srcs = set(page.locator("details.ev summary span.src code").all_inner_texts())
    assert any(s.startswith("USA") for s in srcs) and any(s.startswith("PRK") for s in srcs)
    assert page.is_checked("input[name=either]") and page.input_value("input[name=actor]") == "USA"
    page.screenshot(path=str(shots / "issue18-either.png"), full_page=True)


def test_outlet_and_speaker_columns_and_filters_with_counts(server, page, shots):
    page.goto(server + "/events")
    assert page.locator("details.ev summary span.outlet").count() == page.locator("details.ev").count()
    assert page.locator("details.ev summary span.speaker").count() == page.locator("details.ev").count()
    opts = [o for o in page.locator("select[name=outlet] option").all_inner_texts() if o != "any"]
    assert opts and all(re.search(r"\(\d+\)$", o) for o in opts)
    label = opts[0]
    outlet, count = re.match(r"(.*) \((\d+)\)$", label).groups()
    page.select_option("select[name=outlet]", outlet)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"outlet="))
    assert total(page) == int(count)
    assert set(page.locator("details.ev summary span.outlet").all_inner_texts()) == {outlet}
    # the outlet facet still offers the other outlets, with their counts
    assert len(page.locator("select[name=outlet] option").all()) == len(opts) + 1
    sp = [o for o in page.locator("select[name=speaker] option").all_inner_texts() if o != "anyone"]
    assert sp and all(re.search(r"\(\d+\)$", o) for o in sp)
    who, k = re.match(r"(.*) \((\d+)\)$", sp[0]).groups()
    page.select_option("select[name=speaker]", who)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"speaker="))
    assert total(page) == int(k)
    assert "outlet=" in page.url  # the outlet filter was kept
    page.screenshot(path=str(shots / "issue18-outlet-speaker.png"), full_page=True)


def test_merged_switch_and_event_page_list_outlets(server, page, shots):
    page.goto(server + "/events")
    page.locator("#total a", has_text="merged events").click()
    page.wait_for_url(re.compile(r"merged=1"))
    assert total(page) == api(server, "/api/events?merged=true&limit=1")["total"]
    rep = page.locator("details.ev summary span.reports").first.inner_text()
    assert re.search(r"\d+ mentions? · \d+ articles? · \d+ outlets?", rep)
    first = page.locator("details.ev").first
    first.locator("summary").click()
    first.locator("a", has_text="all mentions of this event").click()
    page.wait_for_url(re.compile(r"/event/"))
    assert page.locator("section.reports li strong.outlet").count() >= 1
    assert re.search(r"Reported by \d+ outlets? in \d+ articles?", page.locator("section.reports h2").inner_text())
    # issue 16: the trace beside the evidence, why the event is what it is
    why = page.locator("section.mention dl.facts ul.why").first.inner_text()
    assert re.search(r"type: pattern \S+ on '", why) and "source: '" in why and "modality:" in why, why
    page.screenshot(path=str(shots / "issue18-event.png"), full_page=True)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "gdelt"])
def test_download_what_the_table_shows(server, page, tmp_path, fmt):
    page.goto(server + "/events?actor=USA&target=PRK&either=1")
    n = total(page)
    with page.expect_download() as dl:
        page.click(f"p.downloads a[data-format={fmt}]")
    out = tmp_path / dl.value.suggested_filename
    dl.value.save_as(out)
    text = out.read_text()
    if fmt == "csv":
        rows = list(csv.DictReader(text.splitlines()))
        assert len(rows) == n and {r["source_code"][:3] for r in rows} <= {"USA", "PRK"}
        assert "outlet" in rows[0] and "attribution_text" in rows[0]
    elif fmt == "jsonl":
        recs = [json.loads(x) for x in text.splitlines()]
        assert len(recs) == n and all("evidence" not in r and r["sentence"] for r in recs)
    else:
        lines = text.splitlines()
        assert len(lines) == n and all(len(x.split("\t")) == 61 for x in lines)


def test_errors_are_shown(server, page, shots):
    page.goto(server + "/code")
    page.fill("textarea[name=text]", "North Korea rejected the proposal by Seoul on Thursday.")
    page.fill("input[name=published]", "21/02/2016")
    page.click("form.code button[type=submit]")
    page.wait_for_selector("#result [role=alert]")
    assert "give a date as YYYY-MM-DD" in page.locator("#result [role=alert]").inner_text()
    page.screenshot(path=str(shots / "issue18-code-error.png"), full_page=True)
    r = page.goto(server + "/events?since=last+week")
    assert r.status == 400
    assert "give a date as YYYY-MM-DD" in page.locator("p.error").inner_text()
    r = page.goto(server + "/events?sort=colour")
    assert r.status == 400 and "choose one of date" in page.locator("p.error").inner_text()


def test_docs_page_works_offline(server, page, shots):
    asked = []
    page.on("request", lambda req: asked.append(req.url))
    r = page.goto(server + "/docs")
    assert r.status == 200
    assert all(u.startswith(server) or u.startswith("data:") for u in asked), asked
    text = page.locator("main").inner_text()
    for path in ("/api/events", "/api/download", "/api/dyad", "/api/code"):
        assert path in text
    assert page.locator("a[href='/openapi.json']").count() == 1
    page.screenshot(path=str(shots / "issue18-docs.png"), full_page=True)
    assert not page.errors, page.errors


def test_skip_link_and_800px(server, browser, shots):
    ctx = browser.new_context(viewport={"width": 800, "height": 900})
    pg = ctx.new_page()
    pg.goto(server + "/events?actor=USA&target=PRK&either=1")
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.className") == "skip"
    pg.keyboard.press("Enter")
    assert pg.evaluate("location.hash") == "#main"
    wide = pg.evaluate("document.documentElement.scrollWidth")
    assert wide <= 800, wide
    pg.screenshot(path=str(shots / "issue18-events-800.png"), full_page=True)
    ctx.close()


def test_dyad_keeps_dates_agrees_with_the_api_and_has_a_table(server, page, shots):
    page.goto(server + "/dyad?a=USA&b=PRK&by=day")
    page.fill("input[name=since]", "2016-01-01")
    page.fill("input[name=until]", "2016-12-31")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"since=2016-01-01"))
    page.wait_for_function("document.querySelectorAll('[data-rendered=yes] svg').length >= 2", timeout=20000)
    n = int(re.match(r"(\d+)", page.locator("#dyad-total").inner_text()).group(1))
    series = api(server, "/api/dyad?a=USA&b=PRK&by=day&since=2016-01-01&until=2016-12-31")["series"]
    assert n == sum(r["n"] for r in series) > 0
    for link in page.locator("#dyad-total a").all():
        href = link.get_attribute("href")
        assert "since=2016-01-01" in href and "until=2016-12-31" in href
    assert page.locator("table.series tbody tr").count() >= 2  # the charts' text alternative
    sizes = page.evaluate("[...document.querySelectorAll('.chart svg text')].map(t => parseFloat("
                          "getComputedStyle(t).fontSize))")
    assert sizes and min(sizes) >= 12, sorted(sizes)[:5]
    page.screenshot(path=str(shots / "issue18-dyad.png"), full_page=True)
    assert not page.errors, page.errors
