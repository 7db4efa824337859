"""The CAMEO code table: names, Goldstein values, QuadClass and PLOVER types, kept as data."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with what derives from it."""

    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str
    plover_mode: str


class CameoTable:
    """Look up CAMEO codes (two to four digits, root always two digits)."""

    def __init__(self, rows: dict[str, CameoCode]):
        self._rows = rows

    @classmethod
    def load(cls) -> "CameoTable":
        """Load the table shipped in ``detente/events/data/cameo.csv``."""
        return _load_default()

    def __contains__(self, code: str) -> bool:
        return code in self._rows

    def __iter__(self):
        return iter(self._rows.values())

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; raises ConfigError naming close codes when unknown."""
        code = str(code).strip()
        if len(code) == 1:
            code = "0" + code
        try:
            return self._rows[code]
        except KeyError:
            near = sorted(c for c in self._rows if c.startswith(code[:2]))[:8]
            raise ConfigError(f"unknown CAMEO code {code!r}; codes under that root: {', '.join(near)}") from None


@lru_cache(maxsize=1)
def _load_default() -> CameoTable:
    rows = {}
    with resources.files("detente.events").joinpath("data/cameo.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[r["code"]] = CameoCode(r["code"], r["root"], r["name"], float(r["goldstein"]),
                                        int(r["quad_class"]), r["plover"], r["plover_mode"])
    return CameoTable(rows)
