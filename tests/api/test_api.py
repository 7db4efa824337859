"""The JSON API on the sample store: every endpoint, its filters, paging and errors."""
from __future__ import annotations

import pytest

from .helpers import HOSTILE_ID


def events(client, **params) -> list[dict]:
    r = client.get("/api/events", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return r.json()["events"]


def test_events_default_asserted_oldest_first(client):
    evs = events(client)
    assert len(evs) > 20
    assert {e["modality"] for e in evs} == {"asserted"}
    days = [e["date"][:10] for e in evs if e["date"]]
    assert days == sorted(days)
    assert {"event_id", "sentence", "span", "trigger", "source", "target", "cameo", "attribution"} <= set(evs[0])


@pytest.mark.parametrize("param,value,check", [
    ("actor", "PRK", lambda e: (e["source"] or {}).get("code", "").startswith("PRK")),
    ("target", "KOR", lambda e: (e["target"] or {}).get("code", "").startswith("KOR")),
    ("country", "CHN", lambda e: "CHN" in ((e["source"] or {}).get("country"), (e["target"] or {}).get("country"))),
    ("sector", "GOV", lambda e: "GOV" in ((e["source"] or {}).get("sector"), (e["target"] or {}).get("sector"))),
    ("root", "12", lambda e: e["cameo_root"] == "12"),
    ("cameo", "11", lambda e: e["cameo"].startswith("11")),
    ("plover", "ACCUSE", lambda e: e["plover"] == "ACCUSE"),
    ("quad_class", "3", lambda e: e["quad_class"] == 3),
    ("since", "2016-02-20", lambda e: e["date"][:10] >= "2016-02-20"),
    ("until", "2016-02-19", lambda e: e["date"][:10] <= "2016-02-19"),
    ("outlet", "Reuters", lambda e: True),
    ("text", "rejected", lambda e: "rejected" in e["sentence"].lower()),
    ("article_id", "2016-02-21-journal-report", lambda e: e["article_id"] == "2016-02-21-journal-report"),
    ("modality", "all", lambda e: True),
])
def test_each_filter_selects(client, param, value, check):
    all_ = events(client, modality="all") if param == "modality" else events(client)
    got = events(client, **{param: value})
    assert got, f"{param}={value} matched nothing"
    assert all(check(e) for e in got)
    assert len(got) <= len(all_) if param != "modality" else len(got) > len(events(client))


def test_modality_negated_and_combined_filters(client):
    assert all(e["modality"] == "negated" for e in events(client, modality="negated"))
    both = events(client, actor="PRK", root="12", since="2016-02")
    assert both and all(e["cameo_root"] == "12" and e["source"]["code"].startswith("PRK") for e in both)


def test_paging_walks_every_event_once(client):
    everything = [e["event_id"] for e in events(client)]
    seen, url = [], "/api/events?limit=7"
    while url:
        page = client.get(url).json()
        assert len(page["events"]) <= 7
        seen += [e["event_id"] for e in page["events"]]
        url = page["next"]
    assert seen == everything


def test_merged_events(client):
    merged = client.get("/api/events", params={"merged": "true", "limit": 1000}).json()["events"]
    assert merged and all("n_mentions" in e for e in merged)
    assert len(merged) <= len(events(client))


def test_one_event_with_mentions_and_evidence(client):
    e = events(client)[0]
    r = client.get(f"/api/events/{e['event_id']}")
    assert r.status_code == 200
    ev = r.json()
    assert ev["mentions"] and any(m["event_id"] == e["event_id"] for m in ev["mentions"])
    assert all(m["sentence"] for m in ev["mentions"])
    assert client.get(f"/api/events/{ev['cluster_id']}").json()["cluster_id"] == ev["cluster_id"]


def test_article_with_text_events_and_warnings(client):
    r = client.get("/api/articles/2016-02-21-journal-report")
    assert r.status_code == 200
    a = r.json()
    assert "Pyongyang" in a["text"] and isinstance(a["warnings"], list) and a["events"]
    for e in a["events"]:
        assert a["text"][e["span"][0]:e["span"][1]] == e["sentence"]


def test_dyad_both_directions(client):
    r = client.get("/api/dyad", params={"a": "usa", "b": "PRK", "by": "month"})
    assert r.status_code == 200
    body = r.json()
    assert body["a"] == "USA" and {s["direction"] for s in body["series"]} == {"USA>PRK", "PRK>USA"}
    assert all({"period", "n", "q1", "q4", "goldstein_sum"} <= set(s) for s in body["series"])


@pytest.mark.parametrize("unit", ["country-month", "dyad-month", "actor-year"])
def test_aggregates(client, unit):
    r = client.get("/api/aggregate", params={"unit": unit})
    assert r.status_code == 200 and r.json()["rows"]


def test_actors_and_stats(client):
    acts = client.get("/api/actors", params={"limit": 3}).json()["actors"]
    assert len(acts) == 3 and acts[0]["n"] >= acts[-1]["n"]
    st = client.get("/api/stats").json()
    assert st["articles"] == 8 and st["mentions"] >= len(events(client))


def test_code_returns_events_without_storing(client):
    before = client.get("/api/stats").json()
    r = client.post("/api/code", json={"text": "Pyongyang rejected the proposal by Seoul.", "published": "2016-02-21",
                                       "title": "t"})
    assert r.status_code == 200, r.text
    evs = r.json()["events"]
    assert [(e["source"]["code"], e["cameo_root"], e["target"]["code"]) for e in evs] == [("PRKGOV", "12", "KORGOV")]
    assert evs[0]["date"] == "2016-02-21"
    assert client.get("/api/stats").json() == before


def test_code_all_modalities(client):
    text = "North Korea did not reject the proposal by South Korea."
    asserted = client.post("/api/code", json={"text": text}).json()["events"]
    every = client.post("/api/code", json={"text": text, "all_modalities": True}).json()["events"]
    assert len(every) >= len(asserted) and all(e["modality"] == "asserted" for e in asserted)


@pytest.mark.parametrize("url,status,words", [
    ("/api/events/nope", 404, "no event 'nope'"),
    ("/api/articles/nope", 404, "no article 'nope'"),
    ("/api/nothing-here", 404, "Not Found"),
    ("/api/events?quad_class=7", 400, "quad_class='7': choose 1, 2, 3 or 4"),
    ("/api/events?since=2016-02-30", 400, "since='2016-02-30': no such date"),
    ("/api/events?since=yesterday", 400, "give a date as YYYY-MM-DD"),
    ("/api/events?root=abc", 400, "expected a CAMEO code"),
    ("/api/events?modality=sure", 400, "modality='sure': choose one of"),
    ("/api/events?actor=US%20A", 400, "expected a code of letters and digits"),
    ("/api/events?limit=0", 422, "limit"),
    ("/api/events?limit=100000", 422, "limit"),
    ("/api/dyad?a=USA", 422, "b: Field required"),
    ("/api/dyad?a=USA&b=PRK&by=decade", 422, "by"),
    ("/api/aggregate?unit=galaxy-month", 422, "unit"),
])
def test_errors_are_json_with_status(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert body["status"] == status and words in body["message"] and body["error"]


@pytest.mark.parametrize("body,status,words", [
    ({"text": ""}, 422, "text"),
    ({}, 422, "text: Field required"),
    ({"text": "x", "published": "soon"}, 422, "published"),
    ({"text": "El gobierno de Corea del Norte rechazó la propuesta de Corea del Sur el jueves por la tarde, "
              "según dijeron los funcionarios en la capital."}, 400, "English"),
])
def test_code_errors(client, body, status, words):
    r = client.post("/api/code", json=body)
    assert r.status_code == status, r.text
    assert words.lower() in r.json()["message"].lower()


def test_post_with_get_only_route_is_405(client):
    r = client.post("/api/events")
    assert r.status_code == 405 and r.json()["status"] == 405


def test_openapi_documents_endpoints_and_filters(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in ("/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/dyad", "/api/aggregate",
              "/api/actors", "/api/stats", "/api/code", "/api/articles"):
        assert p in paths, p
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"actor", "target", "country", "sector", "root", "cameo", "plover", "quad_class", "modality", "since",
            "until", "outlet", "text", "article_id", "limit", "offset"} <= names
    assert client.get("/docs").status_code == 200


def test_hostile_article_is_data_not_markup(client):
    a = client.get(f"/api/articles/{HOSTILE_ID}").json()
    assert "<script>" in a["text"]  # stored as written; escaping is the page's job
