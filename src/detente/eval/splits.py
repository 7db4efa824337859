"""The fixed PLV dev/train split: sentence ids only, stratified by gold type, seed recorded.

The learned event-type classifier trains on ``plv_train.txt`` only; ``detente eval`` scores
``plv_dev.txt``. Rows sharing a ``sentence_id`` (one sentence, several pairs) stay together.
"""
from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

SEED = 10
DEV_FRACTION = 0.3
SPLITS_DIR = Path(__file__).resolve().parents[3] / "evaldata" / "splits"


def make_plv_split(rows: list[dict], *, dev_fraction: float = DEV_FRACTION,
                   seed: int = SEED) -> tuple[list[int], list[int]]:
    """Split PLV sentence ids into (dev, train), stratified by each sentence's first ``gold_root``.

    rows (list[dict]): PLV rows with ``sentence_id`` and ``gold_root``.
    RETURNS (tuple): sorted dev ids, sorted train ids; disjoint, covering every id.
    """
    first: dict[int, str] = {}
    for r in rows:
        first.setdefault(int(r["sentence_id"]), r["gold_root"])
    by_type: dict[str, list[int]] = defaultdict(list)
    for sid, t in first.items():
        by_type[t].append(sid)
    rng = random.Random(seed)
    dev: list[int] = []
    for t in sorted(by_type):
        ids = sorted(by_type[t])
        rng.shuffle(ids)
        dev.extend(ids[:round(len(ids) * dev_fraction)])
    dev_set = set(dev)
    return sorted(dev_set), sorted(s for s in first if s not in dev_set)


def write_split(dev: list[int], train: list[int], directory: Path = SPLITS_DIR) -> None:
    """Write ``plv_dev.txt`` and ``plv_train.txt`` (one id a line, with a header comment)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, ids in (("plv_dev.txt", dev), ("plv_train.txt", train)):
        head = f"# PLV_train.tsv sentence_id, {name[4:-4]} split: seed={SEED} dev_fraction={DEV_FRACTION}\n"
        (directory / name).write_text(head + "".join(f"{i}\n" for i in ids), encoding="utf-8")


def read_split(name: str, directory: Path = SPLITS_DIR) -> list[int]:
    """The ids of split ``name`` ("dev" or "train")."""
    text = (directory / f"plv_{name}.txt").read_text(encoding="utf-8")
    return [int(line) for line in map(str.strip, text.splitlines()) if line and not line.startswith("#")]
