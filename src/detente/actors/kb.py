"""The actor knowledge base: countries, metonyms, demonyms, organisations, sectors and dated people.

Kept as YAML files in ``detente/actors/data`` (and any custom files a user adds); loaded once into an
``ActorKB`` that is passed down, never kept as global state. Parsing the shipped files takes longer than spaCy
takes to load its model, so the parsed knowledge base is cached (``marshal``, in ``$DETENTE_CACHE``, by
default ``~/.cache/detente``) under a key made of the files and this module's source (sizes and modification
times): an edited file, or a new detente, rebuilds it; ``DETENTE_CACHE=off`` parses every time.
"""
from __future__ import annotations

import csv
import gc
import hashlib
import json
import marshal
import os
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from .. import cache
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
    # (how many phrases it was built from, lower-cased phrase -> the phrases as written): ``_lowered``
    _lower: tuple | None = field(default=None, init=False, repr=False, compare=False)

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
        key = _cache_key()
        kb = _read_cache(key)
        if kb is None:
            kb = cls._from_texts(_shipped_texts())
            _write_cache(key, kb)
        for path in extra:
            kb.load_custom(path)
        return kb

    @classmethod
    def _from_texts(cls, texts: dict[str, str]) -> "ActorKB":
        """Parse the shipped data files (name -> text)."""
        kb = cls()
        kb._load_countries(read_data(texts["countries.yaml"]))
        kb._load_places(read_data(texts["places.yaml"]) or {})
        kb._load_orgs(read_data(texts["organisations.yaml"]), "shipped")
        for word_file in ("sectors.yaml",):
            for sector, words in read_data(texts[word_file]).items():
                for w in words:
                    kb.sectors[str(w).lower()] = sector
        names = sorted((n for n in texts if n.startswith("people")), key=lambda n: (".generated" in n, n))
        for name in names:
            got = read_data(texts[name]) or []
            generated = ".generated" in name
            if isinstance(got, dict):
                kb._load_orgs(got.get("organisations") or [], name, only_new=True)
                got = got.get("people") or []
            kb._load_people(got, name, skip_known=generated)
        return kb

    def to_marshal(self) -> bytes:
        """The knowledge base as builtins for ``marshal`` (entries shared between phrases stay shared)."""
        index: dict[int, int] = {}
        table: list[tuple] = []

        def ref(e: Entry) -> int:
            i = index.get(id(e))
            if i is None:
                i = index[id(e)] = len(table)
                table.append((e.kind, e.code, e.country, e.sector, e.name, tuple(
                    (r.code, _ordinal(r.start), _ordinal(r.end), r.role, r.source, r.capped) for r in e.roles),
                    e.source, e.gender))
            return i

        phrases = [(k, tuple(ref(e) for e in es)) for k, es in self.phrases.items()]
        countries = [(k, ref(e)) for k, e in self.countries.items()]
        successions = [(k, old, _ordinal(day)) for k, (old, day) in self.successions.items()]
        return marshal.dumps((_CACHE_FORMAT, table, phrases, list(self.sectors.items()), countries, successions))

    @classmethod
    def from_marshal(cls, blob: bytes) -> "ActorKB":
        """The knowledge base ``to_marshal`` wrote; ValueError if the bytes are not one."""
        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of new objects and no cycles: the collector's passes would double the time
        try:
            got = marshal.loads(blob)
            if not isinstance(got, tuple) or len(got) != 6 or got[0] != _CACHE_FORMAT:
                raise ValueError("not a knowledge-base cache of this format")
            _, table, phrases, sectors, countries, successions = got
            day = date.fromordinal
            entries = [Entry(kind, code, country, sector, name,
                             tuple(Role(rc, day(a) if a else None, day(b) if b else None, role, src, capped)
                                   for rc, a, b, role, src, capped in roles) if roles else (), source, gender)
                       for kind, code, country, sector, name, roles, source, gender in table]
            return cls(phrases={k: [entries[i] for i in ix] for k, ix in phrases}, sectors=dict(sectors),
                       countries={k: entries[i] for k, i in countries},
                       successions={k: (old, day(d)) for k, old, d in successions})
        except (TypeError, IndexError, KeyError, EOFError) as e:
            raise ValueError(f"not a knowledge-base cache of this format ({e})") from None
        finally:
            if collecting:
                gc.enable()

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
        return [e for k in self._lowered().get(phrase.strip().lower(), ()) for e in self.phrases[k]]

    def _lowered(self) -> dict[str, list[str]]:
        """Lower-cased phrase -> the phrases as written, in the order they were added; built on the first
        case-insensitive lookup and again when phrases were added since (a scan of every phrase took 4 ms a
        lookup, and the coder asks for every pronoun's candidates' gender)."""
        if self._lower is None or self._lower[0] != len(self.phrases):
            index: dict[str, list[str]] = {}
            for k in self.phrases:
                index.setdefault(k.lower(), []).append(k)
            self._lower = (len(self.phrases), index)
        return self._lower[1]


_CACHE_FORMAT = 1


def _ordinal(d: date | None) -> int | None:
    return d.toordinal() if d else None


def _shipped_files() -> dict:
    """The shipped data files this module reads: name -> resource."""
    data = resources.files("detente.actors").joinpath("data")
    names = ["countries.yaml", "places.yaml", "organisations.yaml", "sectors.yaml"] + sorted(
        p.name for p in data.iterdir() if p.name.startswith("people") and p.name.endswith(".yaml"))
    return {n: data.joinpath(n) for n in names}


def _shipped_texts() -> dict[str, str]:
    """The shipped data files: name -> text."""
    return {n: f.read_text(encoding="utf-8") for n, f in _shipped_files().items()}


def _cache_key() -> str:
    """What the parsed knowledge base depends on: the data files and this module's source (their sizes and
    modification times, which any edit or new install changes; their bytes where the files have no stat,
    as in a zip), and marshal's format."""
    h = hashlib.sha256(f"{_CACHE_FORMAT} {marshal.version}".encode())
    for name, f in [("kb.py", Path(__file__)), *_shipped_files().items()]:
        try:
            st = os.stat(f)
            h.update(f"{name} {st.st_size} {st.st_mtime_ns}\0".encode())
        except (OSError, TypeError):
            h.update(name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:24]


def _read_cache(key: str) -> "ActorKB | None":
    blob = cache.read("actors", key)
    try:
        return ActorKB.from_marshal(blob) if blob is not None else None
    except ValueError:  # damaged: parse the files instead
        return None


def _write_cache(key: str, kb: "ActorKB") -> None:
    """A value marshal cannot hold only means no cache."""
    try:
        cache.write("actors", key, kb.to_marshal())
    except ValueError:
        pass


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
