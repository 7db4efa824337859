"""The HTTP API and web UI server: ``create_app(settings, db=PATH)``; `detente serve` runs it."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
