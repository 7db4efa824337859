"""Readers for the gold sets under ``--data`` (../shared/data): each gives GoldSentence records.

Every reader takes the data directory and returns sentences with ids unique across sets
("plv:352", "conflibert:17", "gsr:PLOVER-GSR01-AGREE-0001", "petr2:GOLD_3").
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .labels import COUNTRY_ALIASES, GSR_TO_CURRENT

PLV_PATH = "ZeroShotPLOVER_PLV/PLV_train.tsv"
CONFLIBERT_PATH = "ConfliBERT_cameo/cameo_class__test.tsv"
GSR_PATH = "PLOVER/PLOVER_GSR_CAMEO.txt"
PETR2_PATH = "UniversalPetrarch/PETR2_GSR_validation.xml"
CAMEO_EXAMPLES_PATH = "CAMEO/andybega_cameo_eventtypes.csv"
ARTICLES_DIR = "dev_articles"


@dataclass
class GoldActor:
    """A gold actor: its words (may be empty) and the country codes that count as a match ("*" = any)."""

    text: str = ""
    countries: frozenset[str] = frozenset()


@dataclass
class GoldEvent:
    """One gold event: label (type, root or class) and actors (each a list of acceptable GoldActors)."""

    label: str
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)


@dataclass
class GoldSentence:
    """One gold sentence and its events; ``no_event`` when the gold says it holds none."""

    id: str
    text: str
    events: list[GoldEvent]
    no_event: bool = False
    meta: dict = field(default_factory=dict)


def _country(code: str | None) -> str | None:
    code = (code or "").strip().upper()
    if not code:
        return None
    if code.startswith("---"):
        return "*"
    if code.startswith("IGO") and len(code) >= 6:
        return code[3:6]
    c = code[:3]
    return COUNTRY_ALIASES.get(c, c)


def _rows_tsv(path: Path) -> list[dict]:
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def load_plv(data: Path, ids: Iterable[int] | None = None) -> list[GoldSentence]:
    """PLV sentences (grouped by ``sentence_id``; one gold pair per row), only ``ids`` when given."""
    keep = set(ids) if ids is not None else None
    out: dict[int, GoldSentence] = {}
    for r in _rows_tsv(Path(data) / PLV_PATH):
        sid = int(r["sentence_id"])
        if keep is not None and sid not in keep:
            continue
        ev = GoldEvent(r["gold_root"], [GoldActor(r["source"])], [GoldActor(r["target"])])
        if sid not in out:
            out[sid] = GoldSentence(f"plv:{sid}", r["sentence"], [], meta={"modality": r["modality_L2"],
                                                                          "penta": int(r["gold_penta"])})
        out[sid].events.append(ev)
    return [out[k] for k in sorted(out)]


def load_conflibert(data: Path) -> list[GoldSentence]:
    """ConfliBERT cameo_class test: sentence TAB PentaClass label (0 statements/appeals, 1-4 QuadClass)."""
    out = []
    for n, line in enumerate((Path(data) / CONFLIBERT_PATH).read_text(encoding="utf-8").splitlines()):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        text, label = line.rsplit("\t", 1)
        out.append(GoldSentence(f"conflibert:{n}", text.strip(), [GoldEvent(label.strip())]))
    return out


def _gsr_actors(v) -> list[GoldActor]:
    if not isinstance(v, list):
        return []
    return [GoldActor(a.get("actorText", ""), frozenset(filter(None, [_country(a.get("code"))]))) for a in v]


def load_gsr(data: Path) -> list[GoldSentence]:
    """PLOVER GSR records (one event each), types mapped to current PLOVER (labels.GSR_TO_CURRENT).

    A record with sources but no target is reciprocal or intransitive: its targets are left empty.
    """
    recs = json.loads((Path(data) / GSR_PATH).read_text(encoding="utf-8"))
    out = []
    for r in recs:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        label = GSR_TO_CURRENT.get(r["event"], r["event"])
        ev = GoldEvent(label, _gsr_actors(r.get("source")), _gsr_actors(r.get("target")))
        out.append(GoldSentence(f"gsr:{r['id']}", r["text"], [ev], meta={"event": r["event"]}))
    return out


_SENT = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>)", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def load_petr2(data: Path) -> list[GoldSentence]:
    """UniversalPetrarch PETR2_GSR_validation records: gold CAMEO codes with source and target codes."""
    xml = (Path(data) / PETR2_PATH).read_text(encoding="utf-8")
    out = []
    for m in _SENT.finditer(xml):
        attrs, body = dict(_ATTR.findall(m.group(1))), m.group(2)
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not text:
            continue
        words = " ".join(text.group(1).split()) or _from_parse(body)
        events, none = [], False
        for ec in re.findall(r"<EventCoding\b([^>]*)>", body):
            a = dict(_ATTR.findall(ec))
            if a.get("noevents", "").lower() == "true":
                none = True
                continue
            code = a["eventcode"].strip()
            root = code[:2] if len(code) >= 3 else code.zfill(2)
            events.append(GoldEvent(root, [GoldActor("", frozenset([_country(a.get("sourcecode")) or "*"]))],
                                    [GoldActor("", frozenset([_country(a.get("targetcode")) or "*"]))]))
        out.append(GoldSentence(f"petr2:{attrs.get('id')}", words, events,
                                no_event=none and not events, meta={"category": attrs.get("category")}))
    return out


def _from_parse(body: str) -> str:
    """The sentence rebuilt from a CoNLL-U <Parse> (a record whose <Text> is empty)."""
    parse = re.search(r"<Parse>(.*?)</Parse>", body, re.S)
    out = []
    for line in (parse.group(1) if parse else "").splitlines():
        cols = line.split("\t")
        if len(cols) >= 10 and cols[0].isdigit():
            out.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    return "".join(out).strip()


def load_cameo_examples(data: Path) -> list[tuple[str, str]]:
    """(CAMEO code, example sentence) pairs from the CAMEO manual's table."""
    with open(Path(data) / CAMEO_EXAMPLES_PATH, encoding="utf-8", newline="") as f:
        return [(r["code"], r["example"]) for r in csv.DictReader(f) if r.get("example") not in (None, "", "NULL")]
