"""Build src/detente/actors/data/people.generated.yaml from the public leader lists in ../shared/data/leaders.

    python scripts/build_people.py [--shared ../shared/data]

Sources (see ../shared/data/MANIFEST.md and NOTICE.md):

- ``Phoenix.Countries.actors.txt`` (openeventdata/Dictionaries @aa75b79, MIT, (c) 2014 Open Event Data
  Alliance): people with aliases and dated CAMEO codes in TABARI format (``+ALIAS`` lines, ``[CODE >date]``,
  ``[CODE <date]``, ``[CODE date-date]``, ``[CODE]``). Dates are YYMMDD (years <= 30 are 20YY) or YYYYMMDD.
- ``CountryInfo.140728.txt`` (philip-schrodt/CountryInfo-1 @2983605, MIT, same copyright): office titles
  (``<Leaders>`` sub-tags from rulers.org, ``<Government>`` lines ``# title`` from CIA World Leaders
  2003-2011). Used only to name the office a Phoenix role stands for.
- ``REIGN_leaderlist_3_21.csv`` (OEFDataScience/REIGN, March 2021; Bell, Besaw & Frank 2021, One Earth
  Future; no explicit data licence: we take dates of office from it, as facts, with the citation).
  Used to close a head of state's or government's role that Phoenix leaves open, and to add the heads who
  took office after Phoenix (2014) and before March 2021.

Open-ended roles. Phoenix leaves several thousand roles open (``>date``: "in office at the last update"). Each
is closed, in this order, at:

1. the start of the same person's next role that begins later (a new office ends the old one);
2. the end of the matching REIGN spell (same country, same name, start within 400 days);
3. otherwise it is *capped*: ``to`` is the date the source last confirmed it (Phoenix's as-of date,
   2014-01-30, or March 2021 for REIGN's sitting leaders; one year after its start for a role that began
   after the as-of date) and ``capped: true`` says so. After a capped end the knowledge base does not
   guess "former": it resolves the person to the country alone, with the reason. Hand-curated entries in
   people.curated.yaml take precedence for everyone they name.

Every role carries ``source``: where its code and dates come from, where its title comes from, and how its end
was set.
"""
from __future__ import annotations

import argparse
import calendar
import csv
import json
import re
import sys
import unicodedata
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "src/detente/actors/data/people.generated.yaml"
PHOENIX_ASOF = date(2014, 1, 30)
REIGN_ASOF = date(2021, 3, 1)
SRC_PHX = "Phoenix"
SRC_CI = "CountryInfo"
SRC_REIGN = "REIGN"

# Words that mark a Phoenix entry as an institution or group rather than a person.
ORG_WORDS = {
    "ARMY", "FORCE", "FORCES", "MINISTRY", "PARTY", "COUNCIL", "BRIGADE", "BRIGADES", "FRONT", "COMMITTEE",
    "DEPARTMENT", "AGENCY", "MOVEMENT", "ORGANIZATION", "ORGANISATION", "UNION", "ASSEMBLY", "COURT", "BANK",
    "POLICE", "GUARD", "GUARDS", "NAVY", "COMMAND", "OFFICE", "BUREAU", "SERVICE", "SERVICES", "CORPS",
    "ALLIANCE", "CONGRESS", "PARLIAMENT", "SENATE", "GOVERNMENT", "COMMISSION", "BOARD", "INSTITUTE", "STATE",
    "ASSOCIATION", "NETWORK", "GROUP", "BATTALION", "LEAGUE", "KREMLIN", "MOSSAD", "BUNDESTAG", "BUNDESRAT",
    "DUMA", "KNESSET", "MILITIA", "RESERVE", "ADMINISTRATION", "COALITION", "SECRETARIAT", "AUTHORITY",
    "CABINET", "JUNTA", "REGIME", "DIVISION", "UNIT", "UNITS", "REPUBLIC", "COUNCILS", "SECURITY",
    "INTELLIGENCE", "DIRECTOR", "SECRETARY", "PRESIDENT", "MINISTER", "TALIBAN", "AL-QAEDA", "HAMAS",
    "HEZBOLLAH", "BOKO", "ISIS", "ISIL", "JIHAD", "SHABAAB", "AL-SHABAAB", "MUJAHIDEEN", "FEDERATION",
}
# Single-word aliases too common to be a person's name on their own in news text.
COMMON_SINGLE = {
    "KING", "BROWN", "BUSH", "WHITE", "BLACK", "GREEN", "YOUNG", "LONG", "PRICE", "RICE", "POWELL", "MAY",
    "CARTER", "PAUL", "LEE", "KIM", "PARK", "ALI", "KHAN", "SHAH", "SINGH", "AHMED", "HASSAN", "HUSSEIN",
    "MOHAMMED", "MUHAMMAD", "CHAN", "WANG", "LI", "ZHANG", "CHEN", "LIU", "SMITH", "JOHNSON", "JONES",
    "WILSON", "CLINTON", "GANDHI", "SHARIF", "BHUTTO", "ASSAD", "CASTRO", "ABE", "AQUINO", "ARROYO",
}
PARTICLES = {"al", "el", "bin", "bint", "ibn", "de", "da", "del", "della", "di", "van", "von", "der", "den",
             "la", "le", "dos", "das", "du", "ter", "y", "ould", "ag", "ben"}


def fold(s: str) -> str:
    """A name folded for comparison: no accents, no punctuation, lower case, single spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^A-Za-z0-9]+", " ", s).lower()
    return " ".join(s.split())


def display(raw: str) -> str:
    """KIM_JONG-UN_ -> Kim Jong-Un; AL-ASSAD -> al-Assad; MCCAIN -> McCain."""
    words = [w for w in raw.replace("_", " ").split() if w]
    out = []
    for n, w in enumerate(words):
        parts = []
        for p in w.split("-"):
            low = p.lower()
            if re.fullmatch(r"[ivx]+", low) and n > 0:
                parts.append(p.upper())  # Abdullah II
            elif low in PARTICLES and (n > 0 or len(w.split("-")) > 1):
                parts.append(low)
            elif low.startswith("mc") and len(low) > 3:
                parts.append("Mc" + low[2:].capitalize())
            elif low.startswith("o'") and len(low) > 2:
                parts.append("O'" + low[2:].capitalize())
            else:
                parts.append(low[:1].upper() + low[1:])
        out.append("-".join(parts))
    name = " ".join(out)
    return name[:1].upper() + name[1:]


def tabari_date(s: str) -> date | None:
    """YYMMDD (years <= 30 are 20YY) or YYYYMMDD; None when malformed. Day 0 and month 0 read as 1."""
    s = s.strip()
    if len(s) == 6 and s.isdigit():
        yy = int(s[:2])
        y = 2000 + yy if yy <= 30 else 1900 + yy
        m, d = int(s[2:4]), int(s[4:6])
    elif len(s) == 8 and s.isdigit():
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    else:
        return None
    if not 1 <= m <= 12:
        m = 1 if m == 0 else None
        if m is None:
            return None
    if y < 1800:
        return None
    d = max(1, min(d, calendar.monthrange(y, m)[1]))
    return date(y, m, d)


BRACKET = re.compile(r"\[\s*([A-Z]{3,15})\s*([^\]]*)\]")


def parse_bracket(code: str, rest: str):
    """-> (code, start, end, open) or (code, None, None, None) for an undated code; None when malformed."""
    rest = rest.split("#")[0].split(";")[0].replace(" ", "")
    if not rest:
        return code, None, None, None
    if rest.startswith(">"):
        d = tabari_date(rest[1:])
        return (code, d, None, True) if d else None
    if rest.startswith("<"):
        d = tabari_date(rest[1:])
        return (code, None, d, False) if d else None
    if "-" in rest:
        a, _, b = rest.partition("-")
        s, e = tabari_date(a), tabari_date(b)
        if s is None or e is None or e < s:
            return None
        return code, s, e, False
    d = tabari_date(rest)
    return (code, d, None, True) if d else None


def parse_phoenix(path: Path) -> list[dict]:
    """The entries of the Phoenix actor dictionary, country headers excluded."""
    text = path.read_text(encoding="utf-8").replace("\0", "")
    entries: list[dict] = []
    cur: dict | None = None
    for n, line in enumerate(text.split("\n"), 1):
        st = line.strip()
        if not st or st.startswith("#"):
            continue
        if st.startswith("+"):
            if cur is not None:
                alias = re.split(r"[#;\[]", st[1:])[0].strip()
                if alias:
                    cur["aliases"].append(alias)
            continue
        if st.startswith("["):
            if cur is not None:
                for m in BRACKET.finditer(st):
                    got = parse_bracket(m.group(1), m.group(2))
                    if got is not None:
                        cur["roles"].append(got)
                    else:
                        cur["bad"] += 1
            continue
        head, _, comment = st.partition(";")
        head = head.split("#")[0]
        inline = BRACKET.search(head)
        name = head[:inline.start()] if inline else head
        if cur is not None and not cur["roles"] and not cur["header"] and not inline:
            # TABARI synonym lines: bare names before one code block all share it
            cur["aliases"].append(name.strip())
            continue
        cur = {"raw": name.strip(), "line": n, "aliases": [], "roles": [], "bad": 0,
               "header": inline is not None, "comment": comment.strip()}
        if inline:
            for m in BRACKET.finditer(head):
                got = parse_bracket(m.group(1), m.group(2))
                if got is not None:
                    cur["roles"].append(got)
        entries.append(cur)
    return [e for e in entries if not e["header"] and e["raw"]]


def parse_countryinfo(path: Path) -> tuple[dict, dict]:
    """(titles, cow) from CountryInfo: titles[(folded name, ISO3)] = [(start, end, title)], cow[COW alpha] = ISO3."""
    text = path.read_text(encoding="utf-8").replace("\0", "")
    titles: dict = defaultdict(list)
    cow: dict[str, str] = {}
    for block in text.split("<Country>")[1:]:
        m = re.search(r"<CountryCode>([A-Z]{3})[^<]*</CountryCode>", block)
        if not m:
            continue
        iso = m.group(1)
        c = re.search(r"<COW-Alpha>([A-Z]{3})</COW-Alpha>", block)
        if c:
            cow.setdefault(c.group(1), iso)
        lead = re.search(r"<Leaders>(.*?)</Leaders>", block, re.S)
        if lead:
            title = None
            for line in lead.group(1).split("\n"):
                st = line.strip()
                t = re.match(r"<([^/][^>]*)>$", st)
                if t:
                    title = t.group(1).strip()
                    continue
                if st.startswith("</") or not st or title is None:
                    continue
                names = re.findall(r"\{([^}]*)\}", st) or [re.split(r"[\[#]", st)[0]]
                for dm in re.finditer(r"\[\s*(>?)\s*(\d{8})\s*(?:-\s*(\d{8}))?\s*\]", st):
                    s, e = tabari_date(dm.group(2)), tabari_date(dm.group(3)) if dm.group(3) else None
                    for nm in names:
                        titles[(fold(nm), iso)].append((s, e, singular(title)))
        gov = re.search(r"<Government>(.*?)</Government>", block, re.S)
        if gov:
            for line in gov.group(1).split("\n"):
                if "#" not in line:
                    continue
                body, _, title = line.partition("#")
                names = re.findall(r"\{([^}]*)\}", body) or [re.split(r"\[", body)[0]]
                for bm in BRACKET.finditer(body):
                    got = parse_bracket(bm.group(1), bm.group(2))
                    if got is None:
                        continue
                    for nm in names:
                        titles[(fold(nm), bm.group(1)[:3])].append((got[1], got[2], title.strip()))
    return titles, cow


def singular(title: str) -> str:
    t = title.strip()
    for a, b in (("Prime ministers", "Prime Minister"), ("Presidents", "President"), ("Kings", "King"),
                 ("Chancellors", "Chancellor"), ("Premiers", "Premier"), ("Emirs", "Emir")):
        if t.startswith(a):
            return b + t[len(a):]
    return t


def parse_reign(path: Path, cow: dict[str, str]) -> dict:
    """REIGN spells: by ISO3 -> [(folded name, name, start, end or None)]."""
    spells: dict = defaultdict(list)
    extra_cow = {"GMY": "DEU", "GFR": "DEU", "UKG": "GBR", "ROK": "KOR", "PRK": "PRK", "RUS": "RUS",
                 "PAL": "PSE", "KOS": "XKX", "SSD": "SSD", "ETM": "TLS", "DRC": "COD", "CON": "COG",
                 "MNG": "MNG", "MON": "MNE", "SRB": "SRB", "YUG": "SRB", "CZR": "CZE", "SLO": "SVK", "SLV": "SVN"}
    with path.open(encoding="latin-1", newline="") as f:
        for r in csv.DictReader(f):
            iso = extra_cow.get(r["stateabb"]) or cow.get(r["stateabb"])
            if not iso:
                continue
            try:
                start = date(int(r["syear"]), int(r["smonth"]), int(r["sdate"]))
            except (ValueError, TypeError):
                continue
            end = None
            if r["eyear"] and r["emonth"]:
                end = date(int(r["eyear"]), int(r["emonth"]), 1)
            name = r["leader"].strip()
            for enc in ("utf-8", "cp1252"):  # some rows hold UTF-8 bytes, some cp1252
                try:
                    name = name.encode("latin-1").decode(enc)
                    break
                except UnicodeError:
                    pass
            name = "".join(c for c in name if unicodedata.category(c) != "Cc")
            spells[iso].append((fold(name), name, start, end))
    return spells


def country_words(path: Path) -> set[str]:
    """Folded names and demonyms of every country, so that country entries are not taken for people."""
    out: set[str] = set()
    for c in yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        for n in c.get("names", []) + c.get("demonyms", []):
            out.add(fold(str(n)))
    return out


def is_org(raw: str) -> bool:
    words = set(re.split(r"[_\s]+", raw.upper()))
    return bool(words & ORG_WORDS) or len([w for w in words if w]) == 1


def keep_alias(alias: str) -> bool:
    words = [w for w in re.split(r"[_\s]+", alias) if w]
    if not words:
        return False
    if len(words) == 1:
        w = words[0].upper()
        return len(w) >= 5 and w not in COMMON_SINGLE and w.isalpha()
    return True


def title_for(titles: dict, name_keys: list[str], code: str, start: date | None) -> str | None:
    iso = code[:3]
    best = None
    for k in name_keys:
        for s, e, t in titles.get((k, iso), []):
            if start is not None and s is not None and abs((s - start).days) <= 45:
                return t
            if best is None and start is not None and s is not None and e is not None and s <= start <= e:
                best = t
    return best


def reign_match(spells: dict, iso: str, name_keys: list[str], start: date | None):
    if start is None:
        return None
    for fk, _name, s, e in spells.get(iso, []):
        toks = set(fk.split())
        if not any(fk == k or (toks and toks <= set(k.split())) for k in name_keys):
            continue
        if abs((s - start).days) <= 400:
            return s, e
    return None


def build_person(e: dict, titles: dict, spells: dict) -> dict | None:
    name = display(e["raw"])
    if not keep_alias(e["raw"]):
        # a one-word name ("HASSAN") is too common to match on its own: use a fuller alias, or leave it out
        fuller = [a for a in e["aliases"] if len([w for w in re.split(r"[_\s]+", a) if w]) > 1]
        if not fuller:
            return None
        name = display(fuller[0])
    keys = [fold(e["raw"])] + [fold(a) for a in e["aliases"]]
    dated = sorted([r for r in e["roles"] if r[1] or r[2]], key=lambda r: (r[1] or date.min))
    undated = [r[0] for r in e["roles"] if not (r[1] or r[2])]
    roles = []
    for i, (code, start, end, is_open) in enumerate(dated):
        how = None
        capped = False
        if end is None:
            later = [r[1] for r in dated[i + 1:] if r[1] and start and r[1] > start]
            rm = reign_match(spells, code[:3], keys, start) if code[3:6] in ("GOV", "") else None
            if later:
                end, how = min(later), "closed at the next role"
            elif rm is not None and rm[1] is not None:
                end, how = rm[1], f"end {SRC_REIGN}"
            elif rm is not None:
                end, how, capped = REIGN_ASOF, f"in office {SRC_REIGN}; capped", True
            else:
                asof = PHOENIX_ASOF if start is None or start < PHOENIX_ASOF else start + timedelta(days=365)
                end, how, capped = asof, "open in Phoenix; capped", True
        title = None if code.endswith("ELI") else title_for(titles, keys, code, start)
        src = SRC_PHX + (f"; title {SRC_CI}" if title else "") + (f"; {how}" if how else "")
        role = {"code": code, "from": start.isoformat() if start else None,
                "to": end.isoformat() if end else None}
        if title:
            role["role"] = title
        if capped:
            role["capped"] = True
        role["source"] = src
        roles.append(role)
    if not dated and undated:
        roles.append({"code": undated[0], "from": None, "to": None, "source": SRC_PHX + "; undated"})
    elif dated and undated and all(c.endswith("ELI") for c in undated) and not roles[-1].get("capped"):
        last = max((r["to"] for r in roles if r["to"]), default=None)
        if last and not any(r["to"] is None for r in roles):
            roles.append({"code": undated[0], "from": last, "to": None, "role": "former office holder",
                          "source": SRC_PHX + "; undated fallback code after the last role"})
    if not roles:
        return None
    aliases = [display(a) for a in e["aliases"] if keep_alias(a)]
    aliases = [a for a in dict.fromkeys(aliases) if a != name]
    out = {"name": name}
    if aliases:
        out["aliases"] = aliases
    out["roles"] = roles
    return out


def reign_only(spells: dict, known: set[str]) -> list[dict]:
    """Heads who took office after Phoenix's as-of date and are not in Phoenix."""
    out = []
    for iso, rows in sorted(spells.items()):
        for fk, name, s, e in rows:
            if s < PHOENIX_ASOF - timedelta(days=30) or len(fk.split()) < 2 or fk in known:
                continue
            role = {"code": iso + "GOV", "from": s.isoformat(),
                    "to": (e or REIGN_ASOF).isoformat(), "role": "head of state or government"}
            if e is None:
                role["capped"] = True
            role["source"] = SRC_REIGN + ("; in office at REIGN's last update; capped" if e is None else "")
            out.append({"name": name, "roles": [role]})
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared/data"))
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args(argv)
    base = Path(a.shared) / "leaders"
    entries = parse_phoenix(base / "Phoenix.Countries.actors.txt")
    titles, cow = parse_countryinfo(base / "CountryInfo.140728.txt")
    spells = parse_reign(base / "REIGN_leaderlist_3_21.csv", cow)
    people, orgs, known = [], [], set()
    bad = capped = 0
    places = country_words(Path(__file__).resolve().parents[1] / "src/detente/actors/data/countries.yaml")
    for e in entries:
        bad += e["bad"]
        if fold(e["raw"]) in places or any(fold(x) in places for x in e["aliases"][:3]):
            continue  # a country entry with dated codes (BELARUS_ [USRBLR <910825] ...): countries.yaml has it
        if is_org(e["raw"]) and not any(r[1] or r[2] for r in e["roles"]):
            codes = [r[0] for r in e["roles"]]
            if codes:
                orgs.append({"name": display(e["raw"]), "code": codes[0],
                             "aliases": [display(x) for x in e["aliases"] if keep_alias(x)],
                             "source": SRC_PHX})
            continue
        p = build_person(e, titles, spells)
        if p is None:
            continue
        capped += sum(1 for r in p["roles"] if r.get("capped"))
        people.append(p)
        known.add(fold(e["raw"]))
        known.update(fold(x) for x in e["aliases"])
    people += reign_only(spells, known)
    header = (
        "# Generated by scripts/build_people.py from ../shared/data/leaders: do not edit; fix facts in\n"
        "# people.curated.yaml (it takes precedence for every name it lists) or in the script.\n"
        "# source keys: Phoenix = Phoenix.Countries.actors.txt @aa75b79 (openeventdata/Dictionaries, MIT,\n"
        "#   (c) 2014 Open Event Data Alliance); CountryInfo = CountryInfo.140728.txt @2983605 (MIT, same);\n"
        "#   REIGN = REIGN leader list 2021-03 (Bell, Besaw & Frank 2021, One Earth Future).\n"
        "# 'capped: true' marks a role the source left open: its 'to' is the date the source last confirmed\n"
        "# it, and after it the person's role is unknown (the KB gives the country alone, never 'former').\n")
    # One person per line in JSON flow style: valid YAML that reviews well in diffs and that ActorKB reads
    # with the JSON parser (a YAML parse of 18,000 people takes seconds).
    lines = [json.dumps(p, ensure_ascii=False) for p in people]
    olines = [json.dumps(o, ensure_ascii=False) for o in orgs]
    Path(a.out).write_text(header + '{"people": [\n' + ",\n".join(lines) + '\n],\n"organisations": [\n'
                           + ",\n".join(olines) + "\n]}\n", encoding="utf-8")
    print(f"wrote {len(people)} people ({capped} capped roles, {bad} malformed brackets skipped) and "
          f"{len(orgs)} institutions to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
