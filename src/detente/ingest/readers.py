"""Readers for every input kind: .txt, .html, .jsonl/.json, .csv, RSS/Atom, directories and stdin.

Each reader yields ``Article`` records or ``InputError`` values (one bad record never stops the
others); ``iter_articles`` walks paths and hands errors to a callback, and warnings (an input read with a
repair: bytes that are not UTF-8) to another. An article over the size limit (``DETENTE_MAX_ARTICLE_MB``,
1 MB by default) is an ``ArticleTooLargeError``.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from ..errors import ArticleTooLargeError, ConfigError, InputError
from ..model import Article
from .headers import find_header

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
CSV_EXT = {".csv", ".tsv"}
FEED_EXT = {".rss", ".atom", ".xml"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | JSON_EXT | CSV_EXT | FEED_EXT
MAX_BYTES = 50 * 1024 * 1024
MAX_ARTICLE_ENV = "DETENTE_MAX_ARTICLE_MB"
#: the size limit per article, in MB of text: a 5 MB article took 10 minutes and 1.6 GB to code, 20 MB never ended
MAX_ARTICLE_MB = 1.0

Item = Article | InputError
Warn = Callable[[str, str], None]
"""A warning about an input that is still read: ``warn(path, message)`` (the CLI's ``Report.warn``)."""
log = logging.getLogger("detente.ingest")


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


def decode(data: bytes, path: str, *, notes: list[str] | None = None) -> str:
    """Decode bytes: a BOM or UTF-16 when the bytes say so, else UTF-8; refuse binary data and files with no text.

    A byte that is not UTF-8 in an otherwise UTF-8 file is read alone (as cp1252, else U+FFFD) and the rest of
    the file stays UTF-8; only a file with no UTF-8 character at all is read in another encoding (cp1252, or
    what charset-normalizer finds when there is enough to go on). Either way a line goes to ``notes`` naming
    the line and byte offset.
    """
    if not data.strip():
        raise InputError("empty file", path=path)
    head = data[:4096]
    text = note = None
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
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, note = _decode_mostly_utf8(data)
    bad = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if bad > 8:
        raise InputError("binary file (control bytes), not text", path=path)
    text = text.replace("\x00", "")
    if not text.strip():
        raise InputError("empty file (no text, only NUL or blank characters)", path=path)
    if note and notes is not None:
        notes.append(note)
    return text


_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, after decoding with surrogateescape
_UTF8_CHAR = re.compile("[^\x00-\x7f\udc80-\udcff]")  # a real non-ASCII character: a valid multi-byte sequence
#: high bytes needed before charset-normalizer's guess is taken over cp1252 for a file that is not UTF-8
LEGACY_EVIDENCE = 16
SHOWN = 3  # positions listed in a warning
_ASCII_BYTES = bytes(range(128))


def _decode_mostly_utf8(data: bytes) -> tuple[str, str]:
    """(text, warning) for bytes that are not all UTF-8 (see ``decode``)."""
    raw = data.decode("utf-8", "surrogateescape").removeprefix("\ufeff")
    skip = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if _UTF8_CHAR.search(raw) is None:  # not one UTF-8 character: the whole file is in an 8-bit encoding
        first = _ESCAPED.search(raw)
        line = raw.count("\n", 0, first.start()) + 1
        offset = skip + len(raw[:first.start()].encode("ascii"))
        high = len(data.translate(None, _ASCII_BYTES))
        enc = _legacy_encoding(data[skip:]) if high >= LEGACY_EVIDENCE else "cp1252"
        text = data[skip:].decode(enc, errors="replace")
        return text, (f"line {line}, byte offset {offset}: byte 0x{data[offset]:02X} is not UTF-8, nor is any of "
                      f"the file's {high} bytes above 0x7F: the file is read as {enc}")
    out: list[str] = []
    found: list[tuple[int, int, bytes, str]] = []
    pos, offset, line = 0, skip, 1
    for m in _ESCAPED.finditer(raw):
        before = raw[pos:m.start()]
        out.append(before)
        offset += len(before.encode("utf-8"))
        line += before.count("\n")
        run = m.group().encode("utf-8", "surrogateescape")
        i = 0
        while i < len(run):
            n = _truncated(run, i)
            piece = run[i:i + n]
            rep = "\ufffd" if n > 1 else _cp1252(piece)
            out.append(rep)
            found.append((line, offset + i, piece, rep))
            i += n
        offset += len(run)
        pos = m.end()
    out.append(raw[pos:])
    shown = "; ".join(f"line {ln}, byte offset {off}: 0x{piece.hex().upper()} read as {rep!r}"
                      for ln, off, piece, rep in found[:SHOWN])
    more = f"; {len(found) - SHOWN} more after these" if len(found) > SHOWN else ""
    what = "a byte is" if len(found) == 1 else f"{len(found)} bytes are"
    return "".join(out), (f"{shown}{more}: {what} not UTF-8 and read alone (as cp1252, or U+FFFD for a cut "
                          f"UTF-8 sequence); the rest of the file is UTF-8")


def _truncated(run: bytes, i: int) -> int:
    """Length of a cut UTF-8 sequence (a lead byte and its continuation bytes) at ``run[i]``; 1 when none."""
    b = run[i]
    need = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 1
    n = 1
    while n < need and i + n < len(run) and 0x80 <= run[i + n] <= 0xBF:
        n += 1
    return n


def _cp1252(byte: bytes) -> str:
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: nothing in cp1252
        return "\ufffd"


def _legacy_encoding(data: bytes) -> str:
    """The 8-bit (or East Asian) encoding charset-normalizer finds for ``data``; cp1252 when it finds none."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # a detector failure must not lose the file: fall back to the common case
        return "cp1252"
    if best is None or best.encoding in ("utf_8", "ascii"):
        return "cp1252"
    return best.encoding


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
                 look_at_header: bool = True, max_bytes: int | None = None) -> Article:
    """Build an Article from loose fields, checking types and filling date/outlet from the header.

    ``max_bytes``: refuse a text longer than this (UTF-8 bytes) with an InputError; None: no limit.
    """
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, got {type(text).__name__}", path=path, line=line)
    text = text.replace("\x00", "")
    if not text.strip():
        raise InputError("article has no text", path=path, line=line)
    if max_bytes is not None and len(text) > max_bytes // 4 and len(text.encode("utf-8")) > max_bytes:
        size = len(text.encode("utf-8"))
        raise ArticleTooLargeError(f"article too large: {_mb(size)} of text, over the limit of {_mb(max_bytes)} "
                                   f"per article ({MAX_ARTICLE_ENV}=MB changes it, 0 for no limit)",
                                   path=path, line=line)
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


def read_text(data: bytes, path: str, stem: str, *, notes: list[str], **kw) -> Iterator[Item]:
    text = decode(data, path, notes=notes)
    yield make_article(id=stem, text=text, path=path, **kw)


def read_html(data: bytes, path: str, stem: str, *, notes: list[str], **kw) -> Iterator[Item]:
    import trafilatura

    html = decode(data, path, notes=notes)
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


def read_jsonl(data: bytes, path: str, stem: str, *, notes: list[str], **kw) -> Iterator[Item]:
    text = decode(data, path, notes=notes)
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


def read_json(data: bytes, path: str, stem: str, *, notes: list[str], **kw) -> Iterator[Item]:
    text = decode(data, path, notes=notes)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        # Perhaps JSON Lines with a .json name.
        if "\n" in text.strip():
            yield from read_jsonl(data, path, stem, notes=[], **kw)  # the same bytes: noted once already
            return
        raise InputError(f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})", path=path) from None
    records = obj if isinstance(obj, list) else obj.get("articles", [obj]) if isinstance(obj, dict) else [obj]
    for n, rec in enumerate(records, 1):
        try:
            yield _from_record(rec, path, None, f"{stem}-{n}" if len(records) > 1 else stem, **kw)
        except InputError as e:
            yield InputError(f"record {n}: {e.reason}", path=path)


def read_csv(data: bytes, path: str, stem: str, *, notes: list[str], **kw) -> Iterator[Item]:
    text = decode(data, path, notes=notes).replace("\x00", "")
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


def read_feed(data: bytes, path: str, stem: str, *, notes: list[str], **kw) -> Iterator[Item]:
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


def max_article_bytes(mb: float | None = None) -> int | None:
    """The size limit per article in bytes: ``mb``, else ``$DETENTE_MAX_ARTICLE_MB``, else 1 MB; 0: no limit."""
    if mb is None:
        raw = os.environ.get(MAX_ARTICLE_ENV, "").strip()
        try:
            mb = float(raw) if raw else MAX_ARTICLE_MB
        except ValueError:
            raise ConfigError(f"{MAX_ARTICLE_ENV}={raw!r} is not a number of MB (0 for no limit)") from None
    if not mb >= 0:
        raise ConfigError(f"the size limit per article must be 0 (no limit) or more MB, got {mb}")
    return None if mb in (0, float("inf")) else max(int(mb * 1_000_000), 1)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.3g} MB"


def _log_warning(path: str, message: str) -> None:
    log.warning("%s: %s", path, message)


def read_bytes(data: bytes, path: str, *, kind: str | None = None, published: date | None = None,
               look_at_header: bool = True, max_article_mb: float | None = None,
               on_warning: Warn | None = None) -> Iterator[Item]:
    """Read one input's bytes; yields Articles and InputErrors, never raises InputError.

    ``max_article_mb``: the size limit per article (``max_article_bytes``: default ``$DETENTE_MAX_ARTICLE_MB``,
    else 1 MB; 0 for none). ``on_warning`` hears of what was read with a repair (bytes that are not UTF-8);
    the ``detente.ingest`` logger does otherwise.
    """
    p = Path(path)
    kind = kind or _sniff(data, p.suffix.lower())
    kw = {"published_override": published, "look_at_header": look_at_header,
          "max_bytes": max_article_bytes(max_article_mb)}
    notes: list[str] = []
    warn = on_warning or _log_warning

    def flush():
        for note in notes:
            warn(path, note)
        notes.clear()

    try:
        if len(data) > MAX_BYTES:
            raise InputError(f"file larger than {MAX_BYTES // (1024 * 1024)} MB", path=path)
        for item in READERS[kind](data, path, p.stem if p.stem else "stdin", notes=notes, **kw):
            flush()
            yield item
        flush()
    except InputError as e:
        flush()
        yield e
    except Exception as e:  # a reader library failed on hostile input: report, never crash the batch
        flush()
        yield InputError(f"cannot read {kind} input: {type(e).__name__}: {e}", path=path)


def read_path(path: str | Path, *, published: date | None = None, max_article_mb: float | None = None,
              on_warning: Warn | None = None) -> Iterator[Item]:
    """Read one file (or '-' for standard input); see ``read_bytes``."""
    kw = {"published": published, "max_article_mb": max_article_mb, "on_warning": on_warning}
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        yield from read_bytes(data, "<stdin>", **kw)
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
    yield from read_bytes(data, str(path), **kw)


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
                  on_error: Callable[[InputError], None] | None = None, on_warning: Warn | None = None,
                  max_article_mb: float | None = None) -> Iterator[Article]:
    """Every article under ``paths``; each unreadable input goes to ``on_error`` (or is raised).

    ``on_warning(path, message)`` hears of inputs read with a repair (the ``detente.ingest`` logger otherwise);
    an article over ``max_article_mb`` (default ``$DETENTE_MAX_ARTICLE_MB``, else 1 MB) is an InputError.
    Settings are checked here (ConfigError), before anything is read.
    """
    max_article_bytes(max_article_mb)
    return _iter_articles(paths, published, on_error, on_warning, max_article_mb)


def _iter_articles(paths, published, on_error, on_warning, max_article_mb) -> Iterator[Article]:
    for p in expand(paths):
        items = [p] if isinstance(p, InputError) else read_path(p, published=published, on_warning=on_warning,
                                                                 max_article_mb=max_article_mb)
        for item in items:
            if isinstance(item, InputError):
                if on_error is None:
                    raise item
                on_error(item)
            else:
                yield item
