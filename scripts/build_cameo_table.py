"""Build src/detente/events/data/cameo.csv from the public CAMEO and PLOVER tables.

    python scripts/build_cameo_table.py [--shared ../shared/data]

Sources (see ../shared/data/MANIFEST.md): the CAMEO 1.1b3 codebook names (andybega/cameo),
the GDELT Goldstein table, and the CAMEO->PLOVER 2021 crosswalk (openeventdata/PLOVER, CC BY-SA 4.0).
CAMEO 01 and 02 are dropped by PLOVER; detente labels them STATEMENT and REQUEST (an appeal is a request).
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/detente/events/data/cameo.csv"


def quad_class(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared/data"))
    a = ap.parse_args()
    shared = Path(a.shared)
    names = {}
    with open(shared / "CAMEO/andybega_cameo_eventtypes.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names[row["code"]] = row["name"].strip()
    gold = {}
    for line in (shared / "CAMEO/gdelt_CAMEO.goldsteinscale.txt").read_text().splitlines()[1:]:
        code, value = line.split("\t")
        gold[code.strip()] = float(value)
    plover = {}
    for line in (shared / "PLOVER/CAMEO2PLOVER-2021.txt").read_text().splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        plover.setdefault(m.group(1), (parts + ["", "", ""])[:3])
    codes = sorted(set(names) | set(gold), key=lambda c: (c[:2], c))
    rows = []
    for code in codes:
        root = code[:2]
        if root == "01":
            p = ["STATEMENT", "", ""]
        elif root == "02":
            p = ["REQUEST", "appeal", ""]
        else:
            p = plover.get(code) or plover.get(code[:3]) or plover.get(root) or ["", "", ""]
            if not p[0]:
                p = [plover.get(root, [""])[0], p[1], p[2]]
        g = gold.get(code, gold.get(code[:3], gold.get(root)))
        rows.append({"code": code, "root": root, "name": names.get(code, ""), "goldstein": g,
                     "quad_class": quad_class(root), "plover": p[0], "plover_mode": p[1],
                     "plover_context": p[2]})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main()
