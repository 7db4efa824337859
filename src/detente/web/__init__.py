"""The web UI: server-rendered pages (Jinja2 + htmx) with Vega-Lite charts; vendored JS in static/."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
