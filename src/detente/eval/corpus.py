"""The densely coded corpus (evaldata/corpus): its schema, validation and loading.

The corpus stores annotations only: article ids, evidence strings and codes. The article texts stay in
``<data>/allsides_international_news.jsonl.gz``; every evidence string must be found in its article.

    >>> corpus = load_corpus(CORPUS_DIR)
    >>> problems = validate(corpus, texts)      # [] when every record is well formed

Layout: ``articles.tsv`` (id, split, group, topic, outlet, published, chars, batch), ``batches/bNN.yaml``
(the adjudicated coding, one version per article), ``double/bNN.yaml`` (the second, independent coding of
about one article in ten, kept for the agreement figures).
"""
from __future__ import annotations

import csv
import gzip
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parents[1]  # read as files: this module imports nothing of detente
CORPUS_DIR = Path(__file__).resolve().parents[3] / "evaldata" / "corpus"
NEWS_FILE = "allsides_international_news.jsonl.gz"
SPLITS = ("train", "dev", "test")
MODALITIES = ("asserted", "negated", "hypothetical", "intended", "demanded", "believed")
SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "OPP", "REB", "INS", "BUS", "MED", "CVL", "ELI", "REF", "SPY",
           "EDU", "REL", "LAB", "HLH", "AGR", "UAF", "HRI", "PTY", "NGO", "IGO", "MUS", "JRN", "CRM", "ENV",
           "MNC", "SEP", "RAD", "MOD", "IMG", "DEV", "FIN", "PRO"}
# organisation and non-state codes a country code may be replaced by (CAMEO IGO style; organisations.yaml)
ORG_CODES = {"UNO", "IAE", "NATO", "EUR", "AFR", "ASN", "OPC", "ARL", "WTO", "ICC", "ICJ", "IMF", "WBK", "G7",
             "G20", "OSC", "GCC", "OAS", "SCO", "IRC", "AMN", "HRW", "APC", "ILO", "OAU", "OIC", "ECW", "MSF",
             "NGO", "IGO", "IMG", "MNC", "XKX", "PSE", "TWN", "EUR", "CIS", "BRI", "SEA", "WST", "AFR"}
EVENT_KEYS = {"id", "evidence", "source", "target", "cameo", "roots", "modality", "date", "attribution",
              "required", "note"}
ARTICLE_KEYS = {"published", "coders", "events", "note"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Article:
    """One coded article: its id, publication date as coded, coders and events (plain dicts)."""

    id: str
    published: str | None
    coders: list[str]
    events: list[dict]
    file: str
    split: str = ""
    group: str = ""
    outlet: str = ""
    meta: dict = field(default_factory=dict)


def read_index(corpus_dir: Path = CORPUS_DIR) -> dict[str, dict]:
    """``articles.tsv``: article id -> its row (split, group, topic, outlet, published, chars, batch)."""
    with (Path(corpus_dir) / "articles.tsv").open(encoding="utf-8") as f:
        return {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}


def read_file(path: Path) -> dict[str, dict]:
    """One batch file's ``articles`` mapping (empty when the file has none yet)."""
    from ..yamlfile import load_shipped

    doc = load_shipped(Path(path).read_text(encoding="utf-8")) or {}  # libyaml: the same mapping, 5x faster
    return doc.get("articles") or {}


def load_corpus(corpus_dir: Path = CORPUS_DIR, *, which: str = "batches") -> dict[str, Article]:
    """Every coded article of ``batches/`` (or ``double/``), with its split from the index."""
    index = read_index(corpus_dir)
    out: dict[str, Article] = {}
    for p in sorted((Path(corpus_dir) / which).glob("*.yaml")):
        for aid, spec in read_file(p).items():
            row = index.get(aid, {})
            out[aid] = Article(id=aid, published=spec.get("published"), coders=list(spec.get("coders") or []),
                               events=list(spec.get("events") or []), file=p.name, split=row.get("split", ""),
                               group=row.get("group", ""), outlet=row.get("outlet", ""), meta=spec)
    return out


def load_texts(data: Path, ids) -> dict[str, dict]:
    """The news records (``ID``, ``date``, ``source``, ``title``, ``content_original``) of ``ids``."""
    want = set(ids)
    out = {}
    with gzip.open(Path(data) / NEWS_FILE, "rt", encoding="utf-8") as f:
        for line in f:
            if '"ID"' not in line:
                continue
            r = json.loads(line)
            if r["ID"] in want:
                out[r["ID"]] = r
    return out


def article_text(record: dict) -> str:
    """The text an article is coded on: its body (the title is metadata, not coded)."""
    return record.get("content_original") or ""


def _check_actor(a, where: str, problems: list[str], allow_null: bool) -> None:
    if a is None:
        if not allow_null:
            problems.append(f"{where}: must not be null")
        return
    if not isinstance(a, dict) or set(a) - {"text", "code"} or "code" not in a:
        problems.append(f"{where}: must be {{text: ..., code: ...}}, got {a!r}")
        return
    problems.extend(f"{where}: {p}" for p in check_code(str(a["code"])))


def check_code(code: str) -> list[str]:
    """Problems with a CAMEO-style actor code: a country (ISO 3166 alpha-3) or organisation, then sectors."""
    code = code.strip()
    head = next((o for o in sorted(ORG_CODES, key=len, reverse=True) if code.startswith(o)), None)
    if head is None:
        head = code[:3]
        if head not in _country_codes():
            return [f"'{code}' starts with no country or organisation code ('{head}')"]
    rest = code[len(head):]
    if len(rest) % 3:
        return [f"'{code}': sectors are three letters each after '{head}'"]
    bad = [rest[i:i + 3] for i in range(0, len(rest), 3) if rest[i:i + 3] not in SECTORS]
    return [f"'{code}': unknown sector {', '.join(bad)}"] if bad else []


def check_date(d) -> bool:
    """A date as the guide writes it: YYYY[-MM[-DD]], a span of two such, or "-"."""
    d = str(d)
    if d == "-":
        return True
    parts = d.split("/")
    return len(parts) <= 2 and all(_DATE.match(p) for p in parts)


def validate_article(aid: str, spec: dict, text: str | None, cameo_codes: set[str]) -> list[str]:
    """Every problem with one article's coding (empty when it is well formed)."""
    problems: list[str] = []
    if not isinstance(spec, dict):
        return [f"{aid}: not a mapping"]
    extra = set(spec) - ARTICLE_KEYS
    if extra:
        problems.append(f"{aid}: unknown keys {sorted(extra)}")
    pub = spec.get("published")
    if pub is not None and not _DATE.match(str(pub)):
        problems.append(f"{aid}: published {pub!r} is not YYYY-MM-DD or null")
    if not spec.get("coders"):
        problems.append(f"{aid}: coders missing")
    ids: set[str] = set()
    for i, ev in enumerate(spec.get("events") or []):
        w = f"{aid} event {ev.get('id', i) if isinstance(ev, dict) else i}"
        if not isinstance(ev, dict):
            problems.append(f"{w}: not a mapping")
            continue
        missing = {"id", "evidence", "source", "cameo", "roots", "modality", "date", "attribution",
                   "required"} - set(ev)
        if missing:
            problems.append(f"{w}: missing {sorted(missing)}")
        if set(ev) - EVENT_KEYS:
            problems.append(f"{w}: unknown keys {sorted(set(ev) - EVENT_KEYS)}")
        if ev.get("id") in ids:
            problems.append(f"{w}: id repeated")
        ids.add(ev.get("id"))
        evid = str(ev.get("evidence") or "")
        if not evid.strip():
            problems.append(f"{w}: evidence empty")
        elif text is not None and evid not in text:
            problems.append(f"{w}: evidence not found in the article: {evid!r}")
        elif "\n" in evid:
            problems.append(f"{w}: evidence crosses a line break")
        _check_actor(ev.get("source"), f"{w} source", problems, allow_null=True)
        _check_actor(ev.get("target"), f"{w} target", problems, allow_null=True)
        if ev.get("source") is None and ev.get("target") is None:
            problems.append(f"{w}: neither source nor target")
        cameo = str(ev.get("cameo", ""))
        roots = [str(r) for r in ev.get("roots") or []]
        if cameo not in cameo_codes:
            problems.append(f"{w}: cameo {cameo!r} is no CAMEO code")
        if not roots or any(r not in cameo_codes or len(r) != 2 for r in roots):
            problems.append(f"{w}: roots {roots!r} must be two-digit CAMEO roots")
        elif cameo[:2] not in roots:
            problems.append(f"{w}: roots {roots} must include the root of cameo {cameo}")
        if ev.get("modality") not in MODALITIES:
            problems.append(f"{w}: modality {ev.get('modality')!r} not one of {', '.join(MODALITIES)}")
        if not check_date(ev.get("date", "")):
            problems.append(f"{w}: date {ev.get('date')!r} is not YYYY[-MM[-DD]], a span A/B, or '-'")
        if not isinstance(ev.get("attribution"), str) or not ev.get("attribution"):
            problems.append(f"{w}: attribution must be a string ('-' for the article's own voice)")
        if not isinstance(ev.get("required"), bool):
            problems.append(f"{w}: required must be true or false")
    return problems


def cameo_code_set() -> set[str]:
    """Every CAMEO code of detente's table (roots and full codes)."""
    with (_PKG / "events" / "data" / "cameo.csv").open(encoding="utf-8") as f:
        return {r["code"] for r in csv.DictReader(f)}


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    """ISO 3166 alpha-3 codes of detente's country table."""
    import yaml

    with (_PKG / "actors" / "data" / "countries.yaml").open(encoding="utf-8") as f:
        return frozenset(str(r["code"]) for r in yaml.safe_load(f))


def validate(files: list[Path], data: Path, corpus_dir: Path = CORPUS_DIR) -> list[str]:
    """Validate batch files against the schema, the index and the article texts; RETURNS problems."""
    index = read_index(corpus_dir)
    specs: list[tuple[str, str, dict]] = []
    problems: list[str] = []
    for p in files:
        try:
            arts = read_file(p)
        except Exception as e:  # noqa: BLE001 - a YAML error is reported with its file
            problems.append(f"{p}: cannot be read: {e}")
            continue
        for aid, spec in arts.items():
            specs.append((p.name, str(aid), spec))
    texts = load_texts(data, [a for _, a, _ in specs])
    codes = cameo_code_set()
    for name, aid, spec in specs:
        if aid not in index:
            problems.append(f"{name}: {aid} is not in articles.tsv")
        if aid not in texts:
            problems.append(f"{name}: {aid} not found in {NEWS_FILE}")
        rec = texts.get(aid)
        problems.extend(f"{name}: {p}" for p in validate_article(aid, spec, article_text(rec) if rec else None,
                                                                 codes))
    return problems
