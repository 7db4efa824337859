"""Split inputs into shards a worker can read on its own: whole files, or runs of JSONL/CSV records.

A JSONL shard is a byte range that starts and ends at a line break, with the number of its first line,
so that ids and error lines are the same as when the whole file is read. A CSV shard is a range of
record numbers (a CSV record may span lines, so its worker parses the file and keeps its range).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice, repeat
from pathlib import Path

from ..errors import InputError
from ..ingest.readers import CSV_EXT, JSONL_EXT, MAX_BYTES, Item, decode, expand, read_bytes, read_path


@dataclass(frozen=True)
class Shard:
    """One unit of work: ``path`` whole, bytes ``start:end`` of it (JSONL), or records ``first:last`` (CSV)."""

    path: str
    start: int | None = None      # JSONL: byte range, first line number
    end: int | None = None
    first_line: int = 1
    first: int | None = None      # CSV: item range; last=None means to the end
    last: int | None = None
    data: bytes | None = None     # standard input, read by the client


GUIDE = 4      # each shard holds about 1/(GUIDE x workers) of the articles not yet given out ("guided" sizes)
MOST = 100     # articles per shard at most (a worker's memory, and how soon the client can store)
LEAST = 2      # and at least: the last shards are small, so no worker waits long for the other to finish


def shard_sizes(articles: int, workers: int, *, guide: int = GUIDE, most: int = MOST,
                least: int = LEAST) -> Iterator[int]:
    """Articles per shard, shard after shard, for ``articles`` on ``workers``: large first (fewer tasks and Parquet
    trips), then smaller as the work left shrinks, so that the last shards to finish are short and every worker
    stays busy to the end (OpenMP's "guided" schedule). Past ``articles`` it goes on with ``least``."""
    left = max(articles, 0)
    while True:
        n = max(least, min(most, -(-left // max(guide * workers, 1))))
        yield n
        left = max(left - n, 0)


def plan(paths: Iterable[str | Path], *, records: int | None = None, workers: int = 1) -> Iterator[Shard | InputError]:
    """Shards for ``paths`` (directories expanded as ``iter_articles`` does): ``records`` articles each, or,
    without it, sized from the inputs and the number of ``workers`` (``shard_sizes``, which runs on from one
    file to the next)."""
    import sys

    items = list(expand(paths))
    if records is None:
        sizes = shard_sizes(sum(estimate(p) for p in items if not isinstance(p, InputError)), workers)
    else:
        sizes = repeat(max(int(records), 1))
    for p in items:
        if isinstance(p, InputError):
            yield p
        elif str(p) == "-":
            yield Shard("<stdin>", data=sys.stdin.buffer.read())
        else:
            yield from _split(Path(p), sizes)


def estimate(p: str | Path) -> int:
    """About how many articles an input holds: its lines for a JSONL or CSV file, else one (read in blocks,
    without parsing; standard input counts one)."""
    p = Path(p)
    if str(p) == "-" or p.suffix.lower() not in JSONL_EXT | CSV_EXT:
        return 1
    n = 0
    try:
        with open(p, "rb") as f:
            while block := f.read(1 << 20):
                n += block.count(b"\n")
    except OSError:
        return 1
    return max(n, 1)


def _split(p: Path, sizes: Iterator[int]) -> Iterator[Shard]:
    """``p`` whole, or in shards of the next sizes from ``sizes`` (JSONL and CSV files only)."""
    ext = p.suffix.lower()
    try:
        size = p.stat().st_size
    except OSError:
        size = 0
    if size == 0 or size > MAX_BYTES or ext not in JSONL_EXT | CSV_EXT:
        yield Shard(str(p))  # the reader reports empty and oversized files itself
        return
    try:
        data = p.read_bytes()
    except OSError:
        yield Shard(str(p))
        return
    if ext in JSONL_EXT:
        yield from _split_jsonl(str(p), data, sizes)
    else:
        yield from _split_csv(str(p), data, sizes)


def _split_jsonl(path: str, data: bytes, sizes: Iterator[int]) -> Iterator[Shard]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        yield Shard(path)  # UTF-16 or binary: not splittable at b"\n"
        return
    start, first_line, count, pos, line = 0, 1, 0, 0, 0
    records = next(sizes)
    while pos < len(data):
        nl = data.find(b"\n", pos)
        nxt = len(data) if nl < 0 else nl + 1
        line += 1
        if data[pos:nxt].strip():
            count += 1
            if count == records:
                yield Shard(path, start=start, end=nxt, first_line=first_line)
                start, first_line, count = nxt, line + 1, 0
                records = next(sizes)
        pos = nxt
    if count or start == 0:
        yield Shard(path, start=start, end=len(data), first_line=first_line)
    # trailing blank lines after the last full shard hold no record: nothing to read


def _split_csv(path: str, data: bytes, sizes: Iterator[int]) -> Iterator[Shard]:
    try:
        text = decode(data, path)
        csv.field_size_limit(MAX_BYTES)
        n = sum(1 for _ in csv.reader(io.StringIO(text, newline=""),
                                      delimiter="\t" if path.endswith(".tsv") else ",")) - 1
    except (InputError, csv.Error):
        n = 0
    records = next(sizes)
    if n <= records:
        yield Shard(path)
        return
    first = 0
    while first < n:
        last = first + records
        yield Shard(path, first=first, last=None if last >= n else last)
        first, records = last, next(sizes)


def read_shard(shard: Shard, *, published: date | None = None) -> Iterator[Item]:
    """The Articles and InputErrors of one shard, exactly as reading the whole input would give them."""
    if shard.data is not None:
        yield from read_bytes(shard.data, shard.path, published=published)
    elif shard.start is not None:
        try:
            with open(shard.path, "rb") as f:
                f.seek(shard.start)
                data = f.read(shard.end - shard.start)
        except OSError as e:
            yield InputError(f"cannot read: {e.strerror or e}", path=shard.path)
            return
        # Blank lines in front keep line numbers (and the ids made from them) those of the whole file.
        yield from read_bytes(b"\n" * (shard.first_line - 1) + data, shard.path, kind="jsonl",
                              published=published)
    elif shard.first is not None:
        yield from islice(read_path(shard.path, published=published), shard.first, shard.last)
    else:
        yield from read_path(shard.path, published=published)
