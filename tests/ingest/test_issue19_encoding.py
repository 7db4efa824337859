"""Issue 19, item 1: a byte that is not UTF-8 is read alone and reported (file, line, byte offset); the rest
of the file stays UTF-8. Only a file with no UTF-8 character at all is read in another encoding."""
from __future__ import annotations

import json
import logging
import re
import subprocess
import sys

import pytest

from detente.ingest import iter_articles
from detente.ingest.readers import read_bytes

ERDOGAN = "Recep Tayyip Erdoğan criticized Germany on Tuesday."
GOOD = (ERDOGAN + "\n“We will not accept this,” his spokesman said in Ankara.\n").encode("utf-8")


def read(data: bytes, name: str = "story.txt"):
    warns: list[tuple[str, str]] = []
    items = list(read_bytes(data, name, on_warning=lambda path, msg: warns.append((path, msg))))
    return items, warns


def positions(message: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in re.findall(r"line (\d+), byte offset (\d+)", message)]


def test_one_stray_byte_keeps_the_rest_utf8():
    data = GOOD + b"The caf\xe9 near the embassy was closed.\n"
    (a,), [(path, msg)] = read(data)
    assert ERDOGAN in a.text and "“We will not accept this,”" in a.text
    assert "The café near the embassy" in a.text  # the stray byte alone, read as cp1252
    assert path == "story.txt"
    (line, offset), = positions(msg)
    assert line == 3 and data[offset] == 0xE9 and "0xE9" in msg and "the rest of the file is UTF-8" in msg


def test_stray_byte_loses_no_event(coder, tmp_path):
    """Before: the whole file was read as latin-1 (cp1252 has no 0x9D, the last byte of a UTF-8 closing quote),
    'Erdoğan' became 'ErdoÄ\\x9fan' and the event was lost."""
    p = tmp_path / "erdogan.txt"
    p.write_bytes(GOOD + b"The caf\xe9 was closed.\n")
    errors = []
    (art,) = list(iter_articles([p], on_error=errors.append))
    assert errors == [] and art.text.startswith(ERDOGAN)
    events = coder.code_article(art).events
    assert ("TURGOV", "DEU") in [(e.source.code, e.target.code if e.target else None) for e in events]


def test_every_position_named_and_right():
    lines = [b"Iran \x93rejected\x94 the offer.", GOOD.splitlines()[0], b"x\x81y and a cut sequence \xe2\x80 here",
             b"last \x92 line"]
    data = b"\n".join(lines) + b"\n"
    (a,), [(_, msg)] = read(data)
    assert "Iran “rejected” the offer." in a.text and ERDOGAN in a.text
    assert "x\ufffdy" in a.text and "sequence \ufffd here" in a.text and "last ’ line" in a.text
    assert msg.startswith("line 1, byte offset 5: 0x93 read as '“'; line 1, byte offset 14: 0x94 read as '”'; "
                          "line 3, byte offset ")
    assert "5 bytes are not UTF-8" in msg and "2 more after these" in msg
    for line, offset in positions(msg):
        assert data[:offset].count(b"\n") + 1 == line and data[offset] >= 0x80


def test_byte_offset_counts_the_bom():
    data = b"\xef\xbb\xbf" + GOOD + b"caf\xe9\n"
    (a,), [(_, msg)] = read(data)
    assert not a.text.startswith("\ufeff") and a.text.startswith("Recep")
    (line, offset), = positions(msg)
    assert data[offset] == 0xE9 and line == 3


def test_jsonl_line_named_and_every_record_read():
    recs = [json.dumps({"id": "a", "text": ERDOGAN}, ensure_ascii=False).encode(),
            b'{"id": "b", "text": "The caf\xe9 was closed."}']
    (a, b), [(path, msg)] = read(b"\n".join(recs) + b"\n", "feed.jsonl")
    assert a.text == ERDOGAN and b.text == "The café was closed."
    assert path == "feed.jsonl" and positions(msg)[0][0] == 2


def test_file_with_no_utf8_read_whole_in_its_encoding():
    ru = "Министр иностранных дел России заявил в понедельник, что Москва не примет предложение."
    (a,), [(_, msg)] = read(ru.encode("cp1251"))
    assert a.text == ru and "read as cp1251" in msg and "line 1, byte offset 0" in msg
    fr = "Le président français a rencontré jeudi son homologue à Berlin."
    (b,), [(_, msg)] = read(fr.encode("cp1252"))
    assert b.text == fr and "read as cp1252" in msg


def test_clean_utf8_gives_no_warning():
    assert read(GOOD)[1] == []
    assert read("Iran met Iraq.".encode("utf-16"))[1] == []


def test_binary_gives_an_error_not_a_warning():
    items, warns = read(bytes(range(1, 256)) * 20)
    assert warns == [] and "binary" in str(items[0])


def test_without_a_callback_the_logger_hears_it(caplog):
    with caplog.at_level(logging.WARNING, logger="detente.ingest"):
        (a,) = list(read_bytes(GOOD + b"caf\xe9\n", "x.txt"))
    assert "café" in a.text
    (rec,) = caplog.records
    assert rec.name == "detente.ingest" and rec.getMessage().startswith("x.txt: line 3, byte offset")


def test_warning_reaches_the_cli_report(tmp_path):
    p = tmp_path / "erdogan.txt"
    data = ERDOGAN.encode("utf-8") + b"\nThe caf\xe9 was closed.\n"
    p.write_bytes(data)
    r = subprocess.run([sys.executable, "-m", "detente", "code", str(p), "-f", "jsonl"], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    assert [json.loads(ln)["source"]["code"] for ln in r.stdout.splitlines()] == ["TURGOV"]
    (w,) = [ln for ln in r.stderr.splitlines() if "not UTF-8" in ln]
    assert w.startswith(f"warning: {p}: line 2, byte offset {data.index(0xE9)}: 0xE9 read as 'é'")


@pytest.mark.parametrize("data", [b"caf\xe9", b"\xff\xfe", b"a\xc3", b"\xe2\x80\xe2\x80", b"\xf0\x9f\x98",
                                  b"ok \xed\xa0\x80 surrogate"])
def test_odd_bytes_never_crash(data):
    items, warns = read(data)
    assert len(items) == 1
