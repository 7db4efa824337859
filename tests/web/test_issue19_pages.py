"""Issue 19, the web pages: only http(s) article URLs become links; refusals of the "code this text" form are
honest pages (and fragments for htmx); cross-site form posts are refused."""
from __future__ import annotations

import pytest

ARTICLE = "Pyongyang rejected the proposal by Seoul on Thursday, officials said."


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store with one article per URL to show (written directly: no coding needed to render a URL)."""
    from detente.store.duck import DuckDBStore

    path = tmp_path_factory.mktemp("issue19-web") / "urls.duckdb"
    s = DuckDBStore(str(path))
    for i, url in enumerate(URLS):
        s.con.execute("INSERT INTO articles (article_id, content_hash, text, url) VALUES (?, ?, ?, ?)",
                      [f"url-{i}", f"h{i}", ARTICLE, url])
    s.close()
    return path


@pytest.fixture(scope="module")
def client(store):
    from fastapi.testclient import TestClient

    from detente.api import create_app
    from detente.config import Settings

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DETENTE_CODE_MAX_CHARS", "100")
        app = create_app(Settings(db=str(store), token=None))
    with TestClient(app) as c:
        yield c


LINKS = ["https://example.org/news?id=1&lang=en", "http://example.org/a"]
NOT_LINKS = ["javascript:alert(document.domain)", "JavaScript:alert(1)", " javascript:alert(1)",
             "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
             "//evil.example/x", "/article/url-0", "https:alert(1)", "ftp://example.org/file"]
URLS = LINKS + NOT_LINKS


@pytest.mark.parametrize("i,url", list(enumerate(URLS)))
def test_only_http_urls_become_links(client, i, url):
    """Before, an article url of javascript:... was rendered as <a href="javascript:...">."""
    r = client.get(f"/article/url-{i}", headers={"accept": "text/html"})
    assert r.status_code == 200
    lede = r.text.split('<p class="lede">')[1].split("</p>")[0]
    if url in LINKS:
        assert f'<a href="{url.replace("&", "&amp;")}" rel="noopener noreferrer nofollow">source</a>' in lede
    else:
        assert "<a " not in lede and "href" not in lede, lede
        assert "<script>" not in lede
        assert "source <code" in lede  # shown as text


def test_code_form_refusals_are_pages_and_fragments(client):
    r = client.post("/code", data={"text": ARTICLE * 3}, headers={"accept": "text/html"})
    assert r.status_code == 413 and "<html" in r.text and "at most 100" in r.text
    r = client.post("/code", data={"text": ARTICLE * 3}, headers={"accept": "text/html", "hx-request": "true"})
    assert r.status_code == 413 and "<html" not in r.text and 'role="alert"' in r.text and "at most 100" in r.text


def test_cross_site_form_post_is_refused(client):
    """Before, a form on any site could post to /code and have the server code it."""
    r = client.post("/code", data={"text": "x"}, headers={"accept": "text/html", "origin": "https://evil.example"})
    assert r.status_code == 403 and "<html" in r.text and "another site" in r.text
    r = client.post("/code", data={"text": ARTICLE * 3}, headers={"accept": "text/html",
                                                                  "origin": "http://testserver"})
    assert r.status_code == 413  # the same site passes, and meets the size limit without waiting for a coder


def test_pages_send_same_origin_referrer_policy(client):
    """Forms must carry their Origin for the same-origin check; "no-referrer" made browsers send Origin: null."""
    assert client.get("/code").headers["referrer-policy"] == "same-origin"
