"""Fault helpers: a read-only file (chattr +i as root, chmod otherwise) and a tiny full file system."""
from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only(path: Path):
    """Make ``path`` unwritable for this process for the duration of the block."""
    if os.geteuid() == 0:
        r = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if r.returncode:
            pytest.skip(f"running as root and chattr +i failed ({r.stderr.strip()}): cannot make a file read-only")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(mode)


@contextlib.contextmanager
def tiny_disk(where: Path, size: str = "1m"):
    """A tmpfs of ``size`` mounted at ``where`` (root only); skip when it cannot be mounted."""
    where.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                       capture_output=True, text=True)
    if r.returncode:
        pytest.skip(f"cannot mount a tmpfs ({r.stderr.strip() or 'not root'}); the ulimit -f test covers a full disk")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
