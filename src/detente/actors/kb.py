"""The actor knowledge base: countries, metonyms, demonyms, organisations, sectors and dated people.

Kept as YAML files in ``detente/actors/data`` (and any custom files a user adds); loaded once into an
``ActorKB`` that is passed down, never kept as global state.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from ..errors import ConfigError


@dataclass(frozen=True)
class Role:
    """One dated office: what code a person carries between two dates."""

    code: str
    start: date | None
    end: date | None
    role: str | None = None
    source: str | None = None
    capped: bool = False  # the source left the role open: ``end`` is when it was last confirmed

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Entry:
    """What a phrase can name: a country, a seat of power, an organisation or a person."""

    kind: str  # country | metonym | demonym | org | person
    code: str | None
    country: str | None
    sector: str | None
    name: str
    roles: tuple[Role, ...] = ()
    source: str | None = None
    gender: str | None = None  # people: "f" or "m" where a curated file records it (for "he" / "she")


def _date(v) -> date | None:
    if v in (None, "", "null"):
        return None
    if isinstance(v, date):
        return v
    s = str(v)
    if len(s) == 4:
        s += "-01-01"
    elif len(s) == 7:
        s += "-01"
    return date.fromisoformat(s)


def read_data(text: str):
    """Parse a data file: YAML, with a fast path for the generated files written as JSON flow style."""
    body = "".join(line for line in text.splitlines(True) if not line.startswith("#"))
    if body.lstrip()[:1] in ("{", "["):
        try:
            return json.loads(body)
        except ValueError:
            pass
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def primary_code(code: str) -> str:
    """A person's or group's code cut to country + primary role ("USAGOVMIL" -> "USAGOV")."""
    code = code.strip().upper()
    return code[:6] if len(code) > 6 else code


def split_code(code: str) -> tuple[str, str | None]:
    """Split a CAMEO-style actor code into country/organisation and sector ("USAGOV" -> USA, GOV)."""
    code = code.strip().upper()
    if code in ("NATO",):
        return code, None
    if len(code) <= 3:
        return code, None
    return code[:3], code[3:6] or None


@dataclass
class ActorKB:
    """Phrases -> entries, and role words -> sectors."""

    phrases: dict[str, list[Entry]] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)
    # a state that seceded -> (the state it left, the day it became independent): a place of the new state
    # named before that day, or beside the old state alone, is the old state's ("Juba" in 2005 is Sudan's)
    successions: dict[str, tuple[str, date]] = field(default_factory=dict)

    def add(self, phrase: str, entry: Entry, *, override: bool = False) -> None:
        key = phrase.strip()
        if not key:
            return
        cur = self.phrases.setdefault(key, [])
        if override:
            cur[:] = [e for e in cur if e.kind != entry.kind]
            cur.insert(0, entry)
        elif entry not in cur:
            cur.append(entry)

    @classmethod
    def load(cls, extra: list[str | Path] | tuple = ()) -> "ActorKB":
        """Load the shipped data files, then each custom file in ``extra`` (later files override).

        People come from every ``people*.yaml`` file: hand-kept files first, then ``people.generated.yaml``,
        whose people are skipped wherever a hand-kept file already names them (curated facts take precedence).
        """
        kb = cls()
        data = resources.files("detente.actors").joinpath("data")
        kb._load_countries(read_data(data.joinpath("countries.yaml").read_text(encoding="utf-8")))
        kb._load_places(read_data(data.joinpath("places.yaml").read_text(encoding="utf-8")) or {})
        kb._load_orgs(read_data(data.joinpath("organisations.yaml").read_text(encoding="utf-8")), "shipped")
        for word_file in ("sectors.yaml",):
            for sector, words in read_data(data.joinpath(word_file).read_text(encoding="utf-8")).items():
                for w in words:
                    kb.sectors[str(w).lower()] = sector
        names = sorted((p.name for p in data.iterdir() if p.name.startswith("people") and p.name.endswith(".yaml")),
                       key=lambda n: (".generated" in n, n))
        for name in names:
            got = read_data(data.joinpath(name).read_text(encoding="utf-8")) or []
            generated = ".generated" in name
            if isinstance(got, dict):
                kb._load_orgs(got.get("organisations") or [], name, only_new=True)
                got = got.get("people") or []
            kb._load_people(got, name, skip_known=generated)
        for path in extra:
            kb.load_custom(path)
        return kb

    def load_custom(self, path: str | Path) -> None:
        """Add or override actors from a user's YAML or CSV file (see docs/extending.md)."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as e:
            raise ConfigError(f"{p}: cannot read actors file: {e.strerror or e}") from None
        if p.suffix.lower() == ".csv":
            rows = list(csv.DictReader(text.splitlines()))
            if not rows or "name" not in rows[0] or "code" not in rows[0]:
                raise ConfigError(f"{p}: an actors CSV needs 'name' and 'code' columns (and optional "
                                  "'aliases' separated by '|', 'from', 'to')")
            items = []
            for r in rows:
                aliases = [a for a in (r.get("aliases") or "").split("|") if a]
                items.append({"name": r["name"], "aliases": aliases,
                              "roles": [{"code": r["code"], "from": r.get("from") or None, "to": r.get("to") or None}]})
        else:
            try:
                items = yaml.safe_load(text) or []
            except yaml.YAMLError as e:
                raise ConfigError(f"{p}: malformed YAML: {e}") from None
            if isinstance(items, dict):
                items = items.get("actors", [])
        if not isinstance(items, list):
            raise ConfigError(f"{p}: expected a list of actors")
        for n, it in enumerate(items, 1):
            if not isinstance(it, dict) or "name" not in it:
                raise ConfigError(f"{p}: entry {n} needs a 'name'")
            if "roles" in it:
                self._load_people([it], str(p), override=True)
            elif "code" in it:
                self._load_orgs([it], str(p), override=True)
            else:
                raise ConfigError(f"{p}: entry {n} ({it['name']}) needs a 'code' or 'roles'")

    def _load_countries(self, items: list[dict]) -> None:
        for c in items:
            code = c["code"]
            src = c.get("source")
            entry = Entry("country", code, code, None, c["name"], source=src)
            self.countries[code] = entry
            for n in c.get("names", []):
                self.add(n, entry)
            for d in c.get("demonyms", []):
                self.add(d, Entry("demonym", code, code, None, c["name"], source=src))
            for m in c.get("metonyms", []):
                phrase, _, sector = str(m).partition(":")
                self.add(phrase, Entry("metonym", code + (sector or "GOV"), code, sector or "GOV", c["name"],
                                       source=src))

    def _load_places(self, data: dict) -> None:
        """Hand-kept names, demonyms and metonyms for countries already loaded, and peoples (ethnic groups of one
        state), which are coded like the state's demonym."""
        for c in data.get("countries") or []:
            base = self.countries.get(c["code"])
            if base is None:
                continue
            src = c.get("source", "places.yaml (hand-kept)")
            entry = Entry("country", base.code, base.country, None, base.name, source=src)
            for n in c.get("names", []):
                self.add(n, entry)
            for d in c.get("demonyms", []):
                self.add(d, Entry("demonym", base.code, base.country, None, base.name, source=src))
            for m in c.get("metonyms", []):
                phrase, _, sector = str(m).partition(":")
                self.add(phrase, Entry("metonym", base.code + (sector or "GOV"), base.country, sector or "GOV",
                                       base.name, source=src))
        for sc in data.get("successions") or []:
            if sc.get("code") in self.countries and sc.get("from") in self.countries and sc.get("since"):
                self.successions[sc["code"]] = (sc["from"], _date(sc["since"]))
        for p in data.get("peoples") or []:
            base = self.countries.get(p["code"])
            if base is None:
                continue
            for n in p.get("names", []):
                self.add(n, Entry("demonym", base.code, base.country, None, base.name,
                                  source=p.get("source", "places.yaml (peoples)")))

    def _load_orgs(self, items: list[dict], src: str, override: bool = False, only_new: bool = False) -> None:
        for o in items:
            code = str(o["code"]).upper()
            if "country" in o:
                country, sector = o.get("country"), o.get("sector")
            else:
                country, sector = split_code(code) if len(code) > 3 else (code, None)
            entry = Entry("org", code, country or code, sector, o.get("name") or o["names"][0],
                          source=o.get("source", src))
            for n in [o.get("name")] + list(o.get("names", [])) + list(o.get("aliases", [])):
                if n and not (only_new and str(n).strip() in self.phrases):
                    self.add(str(n), entry, override=override)

    def _load_people(self, items: list[dict], src: str, override: bool = False, skip_known: bool = False) -> None:
        """Add people; with ``skip_known`` a person any of whose names a person already loaded carries is
        left out entirely (a hand-curated entry wins over the generated one)."""
        for p in items:
            names = [str(n) for n in [p["name"]] + list(p.get("aliases", [])) if n]
            if skip_known and any(e.kind == "person" for n in names for e in self.phrases.get(n.strip(), ())):
                continue
            roles = []
            for r in p.get("roles", []):
                roles.append(Role(str(r["code"]).upper(), _date(r.get("from")), _date(r.get("to")),
                                  r.get("role"), r.get("source", p.get("source", src)),
                                  bool(r.get("capped", False))))
            roles.sort(key=lambda r: r.start or date.min)
            country, sector = split_code(roles[-1].code) if roles else (None, None)
            gender = str(p["gender"]).lower()[:1] if p.get("gender") else None
            entry = Entry("person", primary_code(roles[-1].code) if roles else None, country, sector, p["name"],
                          tuple(roles), source=p.get("source", src), gender=gender)
            for n in names:
                self.add(n, entry, override=override)

    def lookup(self, phrase: str) -> list[Entry]:
        """Entries a phrase can name, exactly as written (then case-insensitively)."""
        got = self.phrases.get(phrase.strip())
        if got:
            return got
        low = phrase.strip().lower()
        return [e for k, es in self.phrases.items() if k.lower() == low for e in es]


def role_on(entry: Entry, on: date | None) -> tuple[str | None, str]:
    """The code a person carries on a date, with the reason (see ``role_status``)."""
    code, reason, _status = role_status(entry, on)
    return code, reason


def role_status(entry: Entry, on: date | None) -> tuple[str | None, str, str]:
    """The code a person carries on a date, the reason, and how the date settled it.

    status ``during``: a role covers the date (its code). ``after``: after a term the source closed (country +
    ELI, "former"). ``capped``: after a role the source left open and the build script capped (the country
    alone: the role is unknown). ``before``: before the first known role (the country alone). ``nodate``: no
    date given: the latest office that is not ELI (news names people mostly while in office), else the latest.
    """
    if not entry.roles:
        return entry.code, "no dated role", "undated"
    if on is None:
        offices = [r for r in entry.roles if not r.code.endswith("ELI")]
        r = offices[-1] if offices else entry.roles[-1]
        return primary_code(r.code), f"latest office ({r.role or r.code}); no date given", "nodate"
    covering = [r for r in entry.roles if r.covers(on)]
    if covering:
        r = max(covering, key=lambda r: (not r.code.endswith("ELI"), r.start or date.min))
        span = f"{r.start or '?'}..{r.end or 'now'}"
        return primary_code(r.code), f"{r.role or r.code} {span} covers {on}", "during"
    past = [r for r in entry.roles if r.end and r.end <= on]
    if past:
        r = max(past, key=lambda r: r.end)
        country, _ = split_code(r.code)
        if r.capped:
            return country, (f"{r.role or r.code} last confirmed {r.end} ({r.source}); role on {on} unknown, "
                             "country only"), "capped"
        return country + "ELI", f"former {r.role or r.code} (ended {r.end}) on {on}", "after"
    r = entry.roles[0]
    country, _ = split_code(r.code)
    return country, f"before first known role ({r.role or r.code} from {r.start}) on {on}", "before"
