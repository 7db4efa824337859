"""Property-based tests of every reader: arbitrary bytes and hostile structure never crash a reader,
and every rejection names the input (and line) and says why."""
from __future__ import annotations

import csv
import io
import json

from hypothesis import given, strategies as st

from detente.ingest.readers import iter_articles, read_bytes

from .fuzz import check_items, run, sizes

CONTROL = st.characters(min_codepoint=0, max_codepoint=31)
MIXED = st.sampled_from(["Iran", "Иран", "إيران", "伊朗", "イラン", "이란", "Ιράν", "ईरान", "\u200f", "\u202e",
                         "\ufeff", "\ud7ff", "\U0001f4a3", "e\u0301", "&amp;", "<b>", "\\", "\"", "'", ",", "\n",
                         "\r", "\t", "\x00", "rejected", "the proposal", ".", " "])
TEXT = st.lists(st.one_of(MIXED, CONTROL.map(str), st.text(max_size=20)), max_size=40).map("".join)
ENCODE = st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1252", "latin-1", "utf-32"])


def _encode(text: str, enc: str) -> bytes:
    return text.encode(enc, errors="replace") if enc in ("cp1252", "latin-1") else text.encode(enc, "surrogatepass")


@sizes()
def test_any_bytes_any_extension(examples):
    @given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".jsonl", ".json", ".csv", ".rss", ".xml", ""]))
    def prop(data, ext):
        path = f"in{ext}"
        check_items(list(read_bytes(data, path)), path)

    run(examples, prop)


@sizes()
def test_text_in_any_encoding(examples):
    @given(TEXT, ENCODE)
    def prop(text, enc):
        try:
            data = _encode(text, enc)
        except UnicodeEncodeError:
            data = text.encode("utf-8", "replace")
        arts, errs = check_items(list(read_bytes(data, "t.txt")), "t.txt")
        assert len(arts) + len(errs) == 1

    run(examples, prop)


@sizes()
def test_text_with_control_characters_kept_when_mostly_text(examples):
    @given(st.lists(CONTROL, max_size=5).map("".join))
    def prop(junk):
        text = f"Iran rejected{junk} the proposal by Iraq on Monday."
        (a,) = check_items(list(read_bytes(text.encode(), "c.txt")), "c.txt")[0]
        assert "Iran rejected" in a.text

    run(examples, prop)


def _html(children):
    return st.tuples(st.sampled_from(["div", "p", "article", "span", "table", "td", "b", "script", "style",
                                      "nav", "li", "ul", "section", "font", "iframe"]),
                     st.lists(children, max_size=4)).map(lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>")


HTML = st.recursive(st.one_of(TEXT, st.sampled_from(["<br>", "<p>", "</div>", "<!--", "-->", "<![CDATA[", "&#0;",
                                                     "&#xFFFFFFFF;", "&nbsp", "<img src=x onerror=alert(1)>"])),
                    _html, max_leaves=30)


@sizes()
def test_html_random_trees(examples):
    @given(HTML)
    def prop(body):
        data = f"<html><head><title>T</title></head><body>{body}</body></html>".encode()
        check_items(list(read_bytes(data, "p.html")), "p.html")

    run(examples, prop)


def test_html_deeply_nested():
    text = "Russia condemned the missile launch by North Korea on Monday. " * 5
    for depth in (500, 5000, 50000):
        data = ("<div>" * depth + f"<p>{text}</p>" + "</div>" * depth).encode()
        items = list(read_bytes(data, f"deep{depth}.html"))
        arts, errs = check_items(items, f"deep{depth}.html")
        assert len(items) == 1


ENTITY = st.sampled_from(["&amp;", "&", "&bogus;", "&#;", "&#99999999;", "&#x110000;", "&lt;", "&nbsp;", "&eacute;",
                          "<![CDATA[x]]>", "]]>", "<", ">", "&#0;", "&#x0;"])
FEED_TEXT = st.lists(st.one_of(TEXT, ENTITY), max_size=12).map("".join)


@sizes()
def test_rss_with_broken_entities(examples):
    @given(st.lists(st.tuples(FEED_TEXT, FEED_TEXT, st.sampled_from(["Tue, 03 Mar 2020 10:00:00 GMT", "yesterday",
                                                                     "", "2020-13-45", "&bad;"])),
                    min_size=1, max_size=4), st.booleans())
    def prop(entries, atom):
        if atom:
            items = "".join(f"<entry><title>{t}</title><summary>{b}</summary><updated>{d}</updated></entry>"
                            for t, b, d in entries)
            data = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>{items}</feed>'
        else:
            items = "".join(f"<item><title>{t}</title><description>{b}</description><pubDate>{d}</pubDate></item>"
                            for t, b, d in entries)
            data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>'
        check_items(list(read_bytes(data.encode("utf-8", "surrogatepass"), "f.rss")), "f.rss")

    run(examples, prop)


JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                          lambda kids: st.lists(kids, max_size=3) | st.dictionaries(TEXT, kids, max_size=3),
                          max_leaves=10)
FIELD = st.sampled_from(["id", "text", "title", "published", "date", "outlet", "url"])
RECORD = st.one_of(st.dictionaries(FIELD, JSON_VALUE, max_size=7),
                   st.fixed_dictionaries({"text": TEXT}, optional={"id": JSON_VALUE, "published": JSON_VALUE,
                                                                   "title": JSON_VALUE}),
                   JSON_VALUE)


@sizes()
def test_jsonl_wrong_types_one_item_per_line(examples):
    @given(st.lists(st.one_of(RECORD.map(json.dumps), TEXT.filter(lambda s: "\n" not in s and "\r" not in s)),
                    min_size=1, max_size=8))
    def prop(lines):
        data = "\n".join(lines).encode("utf-8", "surrogatepass")
        items = list(read_bytes(data, "r.jsonl"))
        arts, errs = check_items(items, "r.jsonl")
        if len(errs) == 1 and errs[0].line is None:
            return  # the whole file was refused (empty, binary): one error for it
        # a BOM that opens the file marks its encoding and is no line's content (one later on is)
        texts = "\n".join(lines).replace("\x00", "").removeprefix("\ufeff").splitlines()
        assert len(items) == sum(1 for ln in texts if ln.strip()), [str(e) for e in errs]
        assert all(e.line is not None for e in errs)

    run(examples, prop)


@sizes()
def test_json_document_wrong_types(examples):
    @given(st.one_of(RECORD, st.lists(RECORD, max_size=5), st.fixed_dictionaries({"articles": st.lists(RECORD)})))
    def prop(doc):
        check_items(list(read_bytes(json.dumps(doc).encode("utf-8", "surrogatepass"), "d.json")), "d.json")

    run(examples, prop)


CELL = st.lists(st.one_of(TEXT, st.sampled_from(["\n", "\r\n", "\x00", '"', ",", "\t"])), max_size=6).map("".join)


@sizes()
def test_csv_embedded_newlines_and_nul(examples):
    @given(st.lists(st.sampled_from(["id", "text", "title", "published", "outlet", "Text ", "x"]), min_size=1,
                    max_size=5, unique=True), st.lists(st.lists(CELL, max_size=6), max_size=6), st.booleans())
    def prop(header, rows, raw):
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(header)
        for r in rows:
            w.writerow(r)
        data = buf.getvalue()
        if raw:  # break the quoting as a careless exporter would
            data = data.replace('"', "")
        items = list(read_bytes(data.encode("utf-8", "surrogatepass"), "c.csv"))
        check_items(items, "c.csv")

    run(examples, prop)


def test_directory_of_junk_names_every_bad_file(tmp_path):
    (tmp_path / "a.txt").write_text("Iran met Iraq in Baghdad on Monday.")
    (tmp_path / "b.jsonl").write_bytes(b'{"id": 1, "text": "Iraq met Iran."}\n\xff\xfe\x00garbage\n')
    (tmp_path / "c.csv").write_bytes(b"\x00" * 500)
    (tmp_path / "d.html").write_bytes(b"")
    (tmp_path / "e.json").write_text('{"text": ["not", "a", "string"]}')
    (tmp_path / "f.rss").write_text("<rss><channel><item><title>&bogus;")
    errors = []
    arts = list(iter_articles([tmp_path], on_error=errors.append))
    assert sorted(a.id for a in arts) == ["1", "a"]
    named = sorted(e.path.rsplit("/", 1)[-1] for e in errors)
    assert named == ["b.jsonl", "c.csv", "d.html", "e.json", "f.rss"], [str(e) for e in errors]
    assert all(e.reason for e in errors)
