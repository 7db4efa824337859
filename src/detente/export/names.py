"""Human-readable names for codes: CAMEO event names and country names (shared by the exports)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def cameo_name(code: str | None) -> str:
    from ..errors import ConfigError
    from ..events.cameo import CameoTable

    if not code:
        return ""
    try:
        return CameoTable.load().get(code).name
    except ConfigError:
        return ""


@lru_cache(maxsize=1024)
def country_name(code: str | None) -> str:
    """The country's name for an ISO alpha-3 code; other codes (IGOs) as they are."""
    import pycountry

    if not code:
        return ""
    c = pycountry.countries.get(alpha_3=code)
    return getattr(c, "common_name", None) or c.name if c else code


def day_of(rec: dict) -> str | None:
    """The ISO day an exported row is dated: the event's first day, else the first report."""
    from ..store.rows import first_day

    d = first_day(rec.get("date"))
    if d:
        return d.isoformat()
    return rec.get("first_report") or rec.get("published")
