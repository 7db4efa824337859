"""The start-up cache: parsed data (the actor knowledge base, the gazetteer) kept as ``marshal`` blobs.

Files live in ``$DETENTE_CACHE``, else ``$XDG_CACHE_HOME/detente`` or ``~/.cache/detente``;
``DETENTE_CACHE=off`` switches caching off. Each blob is named ``{kind}-{key}.marshal``, the key a hash of what
the data depends on: a new key is a new file, and writing it removes the stale ones of that kind. A cache
that cannot be read or written only means the data is parsed again.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> Path | None:
    """Where the cache lives; None when it is off."""
    env = os.environ.get("DETENTE_CACHE", "").strip()
    if env.lower() in ("off", "0", "no", "false", "none"):
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "detente"


def read(kind: str, key: str) -> bytes | None:
    """The cached blob of ``kind`` under ``key``, or None (off, missing or unreadable)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / f"{kind}-{key}.marshal").read_bytes()
    except OSError:
        return None


def write(kind: str, key: str, blob: bytes) -> None:
    """Write the blob atomically (processes starting together each write a whole file); remove stale ones."""
    folder = cache_dir()
    if folder is None:
        return
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.replace(tmp, folder / f"{kind}-{key}.marshal")
        tmp = None
        for old in folder.glob(f"{kind}-*.marshal"):
            if old.name != f"{kind}-{key}.marshal":
                old.unlink(missing_ok=True)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
