"""Readers for every input kind: .txt, .html, .jsonl/.json, .csv, RSS/Atom, directories and stdin.

Each reader yields ``Article`` records or ``InputError`` values (one bad record never stops the
others); ``iter_articles`` walks paths and hands errors to a callback.
"""
from __future__ import annotations

import csv
import io
import json
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .headers import find_header

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
CSV_EXT = {".csv", ".tsv"}
FEED_EXT = {".rss", ".atom", ".xml"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | JSON_EXT | CSV_EXT | FEED_EXT
ENCODINGS = ("utf-8-sig", "utf-16", "cp1252", "latin-1")
MAX_BYTES = 50 * 1024 * 1024

Item = Article | InputError


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte of ``head`` is NUL (ASCII text in UTF-16)."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, path: str) -> str:
    """Decode bytes trying the usual encodings; refuse binary data and files with no text."""
    if not data.strip():
        raise InputError("empty file", path=path)
    head = data[:4096]
    text = None
    guesses = [enc for bom, enc in _BOMS if data.startswith(bom)][:1] or \
        [enc for enc in [_utf16_without_bom(head)] if enc]
    for enc in guesses:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            pass
    if text is None:
        if head.count(b"\x00") > max(8, len(head) // 20):
            raise InputError("binary file (NUL bytes), not text", path=path)
        for enc in ENCODINGS:
            if enc == "utf-16":
                continue
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InputError("cannot decode as UTF-8, UTF-16, cp1252 or latin-1", path=path)
    bad = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if bad > 8:
        raise InputError("binary file (control bytes), not text", path=path)
    text = text.replace("\x00", "")
    if not text.strip():
        raise InputError("empty file (no text, only NUL or blank characters)", path=path)
    return text


def parse_date(value, *, path: str | None = None, line: int | None = None) -> date | None:
    """Parse a metadata date (ISO or any dateparser form); None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(f"'published' must be a date string, got {type(value).__name__}", path=path, line=line)
    s = value.strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    import dateparser

    got = dateparser.parse(s, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if not got:
        raise InputError(f"cannot read date {value!r}", path=path, line=line)
    return got.date()


def make_article(*, id: str, text: str, title=None, published=None, outlet=None, url=None,
                 path: str | None = None, line: int | None = None, published_override: date | None = None,
                 look_at_header: bool = True) -> Article:
    """Build an Article from loose fields, checking types and filling date/outlet from the header."""
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, got {type(text).__name__}", path=path, line=line)
    text = text.replace("\x00", "")
    if not text.strip():
        raise InputError("article has no text", path=path, line=line)
    for name, v in (("title", title), ("outlet", outlet), ("url", url)):
        if v is not None and not isinstance(v, str):
            raise InputError(f"'{name}' must be a string, got {type(v).__name__}", path=path, line=line)
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    pub = parse_date(published, path=path, line=line)
    basis = "metadata" if pub else None
    if look_at_header and (pub is None or outlet is None):
        h = find_header(text)
        if pub is None and h.published:
            pub, basis = h.published, "header"
        if outlet is None and h.outlet:
            outlet = h.outlet
    if published_override is not None:
        pub, basis = published_override, "option"
    return Article(id=str(id), text=text, title=title or None, published=pub, outlet=outlet or None,
                   url=url or None, source_path=path, published_basis=basis)


def read_text(data: bytes, path: str, stem: str, **kw) -> Iterator[Item]:
    text = decode(data, path)
    yield make_article(id=stem, text=text, path=path, **kw)


def read_html(data: bytes, path: str, stem: str, **kw) -> Iterator[Item]:
    import trafilatura

    html = decode(data, path)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < 5:
        raise InputError("HTML page holds no article text (navigation or boilerplate only)", path=path)
    title = getattr(doc, "title", None)
    yield make_article(id=stem, text=text, title=title, published=getattr(doc, "date", None) or None,
                       outlet=getattr(doc, "sitename", None) or None, url=getattr(doc, "url", None),
                       path=path, **kw)


_FIELDS = ("id", "text", "title", "published", "outlet", "url")


def _from_record(rec, path: str, line: int | None, fallback_id: str, **kw) -> Article:
    if not isinstance(rec, dict):
        raise InputError(f"expected a JSON object, got {type(rec).__name__}", path=path, line=line)
    if "text" not in rec:
        raise InputError("record has no 'text' field", path=path, line=line)
    rid = rec.get("id")
    if rid is None or rid == "":
        rid = fallback_id
    if not isinstance(rid, (str, int)):
        raise InputError(f"'id' must be a string, got {type(rid).__name__}", path=path, line=line)
    return make_article(id=str(rid), text=rec.get("text"), title=rec.get("title"),
                        published=rec.get("published") or rec.get("date"), outlet=rec.get("outlet"),
                        url=rec.get("url"), path=path, line=line, **kw)


def read_jsonl(data: bytes, path: str, stem: str, **kw) -> Iterator[Item]:
    text = decode(data, path)
    for n, ln in enumerate(text.splitlines(), 1):
        if not ln.strip():
            continue
        try:
            rec = json.loads(ln)
        except json.JSONDecodeError as e:
            yield InputError(f"malformed JSON: {e.msg} (column {e.colno})", path=path, line=n)
            continue
        try:
            yield _from_record(rec, path, n, f"{stem}-{n}", **kw)
        except InputError as e:
            yield e


def read_json(data: bytes, path: str, stem: str, **kw) -> Iterator[Item]:
    text = decode(data, path)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        # Perhaps JSON Lines with a .json name.
        if "\n" in text.strip():
            yield from read_jsonl(data, path, stem, **kw)
            return
        raise InputError(f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})", path=path) from None
    records = obj if isinstance(obj, list) else obj.get("articles", [obj]) if isinstance(obj, dict) else [obj]
    for n, rec in enumerate(records, 1):
        try:
            yield _from_record(rec, path, None, f"{stem}-{n}" if len(records) > 1 else stem, **kw)
        except InputError as e:
            yield InputError(f"record {n}: {e.reason}", path=path)


def read_csv(data: bytes, path: str, stem: str, **kw) -> Iterator[Item]:
    text = decode(data, path).replace("\x00", "")
    delim = "\t" if path.endswith(".tsv") else ","
    csv.field_size_limit(MAX_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delim)
    cols = [c.strip().lower() for c in (reader.fieldnames or [])]
    if "text" not in cols:
        raise InputError(f"CSV has no 'text' column (columns: {', '.join(cols) or 'none'})", path=path)
    reader.fieldnames = cols
    try:
        for n, row in enumerate(reader, 2):
            try:
                yield _from_record({k: v for k, v in row.items() if k}, path, reader.line_num,
                                   f"{stem}-{n - 1}", **kw)
            except InputError as e:
                yield e
    except csv.Error as e:
        yield InputError(f"malformed CSV: {e}", path=path, line=reader.line_num)


def read_feed(data: bytes, path: str, stem: str, **kw) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        why = f": {feed.bozo_exception}" if getattr(feed, "bozo", 0) else ""
        raise InputError(f"feed has no entries{why}", path=path)
    outlet = feed.feed.get("title") if hasattr(feed, "feed") else None
    for n, e in enumerate(feed.entries, 1):
        body = ""
        if e.get("content"):
            body = e["content"][0].get("value", "")
        body = body or e.get("summary", "") or ""
        if "<" in body:
            import trafilatura

            body = trafilatura.extract(f"<html><body><article>{body}</article></body></html>") or _strip_tags(body)
        title = e.get("title")
        text = f"{title}\n\n{body}" if title and body else (body or title or "")
        pub = None
        with warnings.catch_warnings():  # feedparser warns when 'updated' falls back to 'published'
            warnings.simplefilter("ignore", DeprecationWarning)
            stamp = e.get("published_parsed") or e.get("updated_parsed")
        if stamp:
            pub = date(*stamp[:3])
        try:
            yield make_article(id=str(e.get("id") or e.get("link") or f"{stem}-{n}"), text=text, title=title,
                               published=pub, outlet=outlet, url=e.get("link"), path=path, line=None, **kw)
        except InputError as err:
            yield InputError(f"entry {n}: {err.reason}", path=path)


def _strip_tags(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", " ", html)


def _sniff(data: bytes, ext: str) -> str:
    """Pick a reader for an extension, looking at the content when the extension says nothing."""
    if ext in TEXT_EXT:
        return "text"
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in JSON_EXT:
        return "json"
    if ext in CSV_EXT:
        return "csv"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed")) and (b"<rss" in head or b"<feed" in head or b"<rdf" in head):
        return "feed"
    if ext in FEED_EXT:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


READERS: dict[str, Callable[..., Iterator[Item]]] = {
    "text": read_text, "html": read_html, "jsonl": read_jsonl, "json": read_json,
    "csv": read_csv, "feed": read_feed,
}


def read_bytes(data: bytes, path: str, *, kind: str | None = None, published: date | None = None,
               look_at_header: bool = True) -> Iterator[Item]:
    """Read one input's bytes; yields Articles and InputErrors, never raises InputError."""
    p = Path(path)
    kind = kind or _sniff(data, p.suffix.lower())
    kw = {"published_override": published, "look_at_header": look_at_header}
    try:
        if len(data) > MAX_BYTES:
            raise InputError(f"file larger than {MAX_BYTES // (1024 * 1024)} MB", path=path)
        yield from READERS[kind](data, path, p.stem if p.stem else "stdin", **kw)
    except InputError as e:
        yield e
    except Exception as e:  # a reader library failed on hostile input: report, never crash the batch
        yield InputError(f"cannot read {kind} input: {type(e).__name__}: {e}", path=path)


def read_path(path: str | Path, *, published: date | None = None) -> Iterator[Item]:
    """Read one file (or '-' for standard input)."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        yield from read_bytes(data, "<stdin>", published=published)
        return
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        yield InputError("no such file or directory", path=str(path))
        return
    except IsADirectoryError:
        yield InputError("is a directory", path=str(path))
        return
    except OSError as e:
        yield InputError(f"cannot read: {e.strerror or e}", path=str(path))
        return
    yield from read_bytes(data, str(path), published=published)


def expand(paths: Iterable[str | Path]) -> Iterator[str | Path | InputError]:
    """Expand directories recursively: files with a known extension, sorted, hidden ones skipped."""
    for raw in paths:
        if str(raw) == "-":
            yield "-"
            continue
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and f.suffix.lower() in KNOWN_EXT and not any(
                        part.startswith(".") for part in rel.parts):
                    yield f
        elif p.exists():
            yield p
        else:
            yield InputError("no such file or directory", path=str(raw))


def iter_articles(paths: Iterable[str | Path], *, published: date | None = None,
                  on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """Every article under ``paths``; each unreadable input goes to ``on_error`` (or is raised)."""
    for p in expand(paths):
        items = [p] if isinstance(p, InputError) else read_path(p, published=published)
        for item in items:
            if isinstance(item, InputError):
                if on_error is None:
                    raise item
                on_error(item)
            else:
                yield item
