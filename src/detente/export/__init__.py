"""Exports for the tools analysts already use: PLOVER JSON Lines, GDELT 2.0, ICEWS, Parquet, CSV.

By default one row per merged event (its representative mention, with its mention, article and outlet
counts); ``merged=False`` writes one row per mention.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from ..store import Filters, Store

FORMATS = ("plover", "gdelt", "icews", "parquet", "csv")


def export(store: Store, fmt: str, out: str | Path, filters: Filters | None = None, *, merged: bool = True) -> int:
    """Write the events matching ``filters`` to ``out`` in format ``fmt``; returns how many rows."""
    if fmt not in FORMATS:
        raise StoreError(f"{fmt!r}: export format must be one of {', '.join(FORMATS)}")
    records = store.events(filters, merged=merged, articles=True)
    if fmt == "plover":
        from .plover import write
    elif fmt == "gdelt":
        from .gdelt import write
    elif fmt == "icews":
        from .icews import write
    else:
        from .table import write_csv, write_parquet

        write = write_parquet if fmt == "parquet" else write_csv
    try:
        write(records, Path(out))
    except OSError as e:
        raise StoreError(f"{out}: cannot write the export: {e}") from None
    return len(records)


__all__ = ["FORMATS", "export"]
