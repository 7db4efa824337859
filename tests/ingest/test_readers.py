"""Each reader, and each kind of bad input, named with file (and line) and reason."""
from __future__ import annotations

import json
from datetime import date

import pytest

from detente.errors import InputError
from detente.ingest import iter_articles, read_path


def collect(*paths, published=None):
    errors = []
    arts = list(iter_articles(paths, published=published, on_error=errors.append))
    return arts, errors


def test_text_with_loose_header(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("Global Research, June 14, 2019\n\nIran rejected the offer.\n")
    (a,), errs = collect(p)
    assert errs == []
    assert a.id == "story" and a.published == date(2019, 6, 14) and a.outlet == "Global Research"
    assert a.published_basis == "header"


def test_dateline_outlet(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("GENEVA (Reuters) - Iran and the United States met on Tuesday.")
    (a,), _ = collect(p)
    assert a.outlet == "Reuters"


def test_published_option_overrides(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("Tuesday, March 3, 2020\nIran met Iraq.")
    (a,), _ = collect(p, published=date(2021, 1, 1))
    assert a.published == date(2021, 1, 1) and a.published_basis == "option"


def test_html(tmp_path):
    p = tmp_path / "page.html"
    body = "<p>" + "Russia condemned the missile launch by North Korea on Monday. " * 5 + "</p>"
    p.write_text(f"<html><head><title>T</title></head><body><article>{body}</article></body></html>")
    (a,), errs = collect(p)
    assert errs == [] and "Russia condemned" in a.text and a.id == "page"


def test_html_without_article_text(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><body><nav>Home</nav></body></html>")
    arts, (e,) = collect(p)
    assert arts == [] and "empty.html" in str(e) and "no article text" in str(e)


def test_jsonl_with_bad_line(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": "Japan praised China.", "published": "2019-01-02"})
             for i in range(40)]
    lines[36] = '{"id": "broken", "text": '
    p.write_text("\n".join(lines))
    arts, errs = collect(p)
    assert len(arts) == 39
    assert len(errs) == 1 and errs[0].line == 37 and "batch.jsonl:37" in str(errs[0]) and "malformed JSON" in str(errs[0])


def test_jsonl_wrong_types(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text('{"id": "a", "text": 5}\n[1, 2]\n{"id": "c", "text": "ok text", "published": 3}\n{"id":"d","text":"fine"}\n')
    arts, errs = collect(p)
    assert [a.id for a in arts] == ["d"]
    assert [e.line for e in errs] == [1, 2, 3]
    assert "'text' must be a string" in str(errs[0])


def test_json_array(tmp_path):
    p = tmp_path / "arr.json"
    p.write_text(json.dumps([{"id": "x", "text": "Iran met Iraq."}, {"id": "y", "text": "Iraq met Iran."}]))
    arts, _ = collect(p)
    assert [a.id for a in arts] == ["x", "y"]


def test_csv(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('id,text,published,outlet\n1,"Iran met Iraq,\nin Baghdad.",2019-05-01,Wire\n2,Iraq met Iran.,,\n')
    arts, errs = collect(p)
    assert errs == [] and [a.id for a in arts] == ["1", "2"] and arts[0].outlet == "Wire"
    assert arts[0].published == date(2019, 5, 1)


def test_csv_without_text_column(tmp_path):
    p = tmp_path / "b.csv"
    p.write_text("id,body\n1,hello\n")
    arts, (e,) = collect(p)
    assert arts == [] and "b.csv" in str(e) and "no 'text' column" in str(e)


def test_rss(tmp_path):
    p = tmp_path / "feed.rss"
    p.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Talks</title><link>http://x/1</link><pubDate>Tue, 03 Mar 2020 10:00:00 GMT</pubDate>
<description>Iran and Iraq held talks in Baghdad.</description></item></channel></rss>""")
    (a,), errs = collect(p)
    assert errs == [] and a.published == date(2020, 3, 3) and a.outlet == "Wire" and "held talks" in a.text


@pytest.mark.parametrize("name,data,why", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n ", "empty file"),
    ("binary.txt", bytes(range(256)) * 20, "binary"),
])
def test_bad_files(tmp_path, name, data, why):
    p = tmp_path / name
    p.write_bytes(data)
    arts, (e,) = collect(p)
    assert arts == [] and name in str(e) and why in str(e)


def test_legacy_encodings(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Fran\xe7ois Hollande met Angela Merkel in Berlin.".encode("cp1252"))
    (a,), errs = collect(p)
    assert errs == [] and "François" in a.text
    q = tmp_path / "u16.txt"
    q.write_bytes("Iran met Iraq.".encode("utf-16"))
    (b,), errs = collect(q)
    assert b.text.strip() == "Iran met Iraq."


def test_missing_path_named(tmp_path):
    arts, (e,) = collect(tmp_path / "nope.txt")
    assert "nope.txt" in str(e) and "no such file" in str(e)


def test_directory_recursive_mixed(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Iran met Iraq.")
    (tmp_path / "sub" / "b.jsonl").write_text('{"id": "b1", "text": "Iraq met Iran."}\n')
    (tmp_path / "sub" / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    arts, errs = collect(tmp_path)
    assert sorted(a.id for a in arts) == ["a", "b1"] and errs == []


def test_raise_without_callback(tmp_path):
    with pytest.raises(InputError):
        list(iter_articles([tmp_path / "missing.txt"]))


def test_read_path_never_raises_on_junk(tmp_path):
    p = tmp_path / "x.json"
    p.write_text("{not json")
    (e,) = list(read_path(p))
    assert isinstance(e, InputError) and "malformed JSON" in str(e)
