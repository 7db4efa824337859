"""Readers for the training corpora in ``../shared/data`` and the filter that keeps evaluation text out.

Each reader yields :class:`Example` rows. Nothing here is used at run time; only training and tests
import it. Corpora (see ``../shared/data/MANIFEST.md``):

- PLV_train.tsv (Zero-Shot PLOVER): sentence -> PLOVER type; only ids in ``evaldata/splits/plv_train.txt``.
- ConfliBERT cameo_class train: sentence -> PentaClass 0-4.
- CAMEO_ConfliBERT annotations: sentence -> relevant or not (NONE) and CAMEO root (majority of coders).
- NGEC synthetic stories: title and first sentence -> PLOVER type (CONCEDE/RETREAT -> YIELD).
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .labels import NONE, ROOT_TO_TYPE, root_to_penta, type_to_penta

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class Example:
    """One training sentence: ``plover`` (type or NONE) and/or ``penta`` may be None when unknown;
    ``marked`` is the sentence with its source/target pair marked, where the corpus gives one."""

    text: str
    plover: str | None
    penta: int | None
    corpus: str
    marked: str | None = None


def normalise(text: str) -> str:
    """Lower-case letters and digits only: the key for spotting the same sentence in two sets."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def read_ids(path: Path) -> set[str]:
    """Sentence ids from a split file (one per line, ``#`` comments)."""
    return {ln.strip() for ln in path.read_text().splitlines() if ln.strip() and not ln.startswith("#")}


def plv(data: Path, ids: set[str] | None) -> list[Example]:
    """PLV_train rows whose ``sentence_id`` is in ``ids`` (all rows when None)."""
    out = []
    with open(data / "ZeroShotPLOVER_PLV" / "PLV_train.tsv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if ids is not None and r["sentence_id"] not in ids:
                continue
            out.append(Example(r["sentence"], r["gold_root"], int(r["gold_penta"]), "plv", r["marked_sentence"]))
    return out


def conflibert(data: Path, split: str = "train") -> list[Example]:
    """ConfliBERT cameo_class ``train`` or ``test``: PentaClass only."""
    out = []
    path = data / "ConfliBERT_cameo" / f"cameo_class__{split}.tsv"
    for ln in path.read_text(encoding="utf-8").splitlines():
        text, _, label = ln.rpartition("\t")
        if text and label.strip().isdigit():
            out.append(Example(text.strip(), None, int(label), "conflibert"))
    return out


def _root(value: str) -> str | None:
    m = re.match(r"\s*\d-(\d{1,2})\b", value or "")
    return f"{int(m.group(1)):02d}" if m else None


def annotations(data: Path) -> list[Example]:
    """CAMEO_ConfliBERT rounds: NONE where most coders say not relevant, else the majority root."""
    votes: dict[str, list] = {}
    for path in sorted((data / "CAMEO_ConfliBERT_annotations").glob("training_round_*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                text = (r.get("sentences") or "").strip()
                if not text:
                    continue
                v = votes.setdefault(text, [])
                for k, rel in r.items():
                    if not k.startswith("1_Relevant_") or rel not in ("True", "False"):
                        continue
                    v.append(None if rel == "False" else _root(r.get("Action1_CAMEO_" + k.rsplit("_", 1)[1], "")))
    out = []
    for text, v in votes.items():
        if not v:
            continue
        (top, n), = Counter(v).most_common(1)
        if n * 2 <= len(v):
            continue
        if top is None:
            out.append(Example(text, NONE, None, "annotations"))
        else:
            out.append(Example(text, ROOT_TO_TYPE.get(top), root_to_penta(top), "annotations"))
    return out


_NGEC_TYPES = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


def ngec(data: Path) -> list[Example]:
    """NGEC synthetic stories: the first sentence of each, labelled with the story's PLOVER type."""
    out = []
    with zipfile.ZipFile(data / "NGEC" / "gpt_synthetic_events_2023-10-19_19.csv.zip") as z:
        with z.open(z.namelist()[0]) as raw:
            for r in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
                label = _NGEC_TYPES.get(r["label"], r["label"])
                text = re.sub(r"^[A-Z][A-Za-z .,'-]{0,40}\s[-\u2013\u2014(]+\s*(\w+\)\s*[-\u2013\u2014]\s*)?", "",
                              (r.get("text") or "").strip())
                first = re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", text, maxsplit=1)[0].strip()
                if 20 <= len(first) <= 400:
                    out.append(Example(first, label, type_to_penta(label), "ngec"))
    return out


def evaluation_texts(data: Path, plv_dev_ids: set[str], articles: bool = True) -> tuple[set[str], str]:
    """Normalised evaluation sentences (PLV dev, ConfliBERT test, PLOVER GSR, PETR2 validation) and,
    when ``articles``, the normalised dev_articles text as one string to search substrings in."""
    keys = {normalise(e.text) for e in plv(data, plv_dev_ids)}
    keys |= {normalise(e.text) for e in conflibert(data, "test")}
    gsr = (data / "PLOVER" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8", errors="replace")
    keys |= {normalise(json.loads(f'"{m}"')) for m in re.findall(r'"text":\s*"((?:[^"\\]|\\.)*)"', gsr)}
    petr = (data / "UniversalPetrarch" / "PETR2_GSR_validation.xml").read_text(encoding="utf-8", errors="replace")
    keys |= {normalise(m) for m in re.findall(r"<Text>(.*?)</Text>", petr, flags=re.S)}
    keys.discard("")
    blob = ""
    if articles:
        with open(data / "dev_articles" / "articles.jsonl", encoding="utf-8") as f:
            blob = "\n".join(normalise(json.loads(ln).get("text", "")) for ln in f if ln.strip())
    return keys, blob


def drop_leaks(examples: list[Example], keys: set[str], blob: str = "") -> tuple[list[Example], int]:
    """Examples whose normalised text is not an evaluation sentence nor inside an evaluation article,
    deduplicated; returns them and how many were dropped as leaks."""
    out, seen, leaks = [], set(), 0
    for e in examples:
        k = normalise(e.text)
        if not k:
            continue
        if k in keys or (len(k) >= 40 and k in blob):
            leaks += 1
            continue
        if (k, e.plover, e.penta, e.marked) in seen:
            continue
        seen.add((k, e.plover, e.penta, e.marked))
        out.append(e)
    return out, leaks
