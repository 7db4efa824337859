"""Put adjudicated codings in place: each article of adjudicated/*.yaml replaces its block in batches/.

    python scripts/corpus/adjudicate.py            # then: git rm -r evaldata/corpus/adjudicated

Works on the text (the files are hand-formatted, one event a line): an article's block runs from its
'  "ID":' line to the next article or the end of the file.
"""
from __future__ import annotations

import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "evaldata" / "corpus"
HEAD = re.compile(r'^  "([^"]+)":\s*$', re.M)


def blocks(text: str) -> dict[str, tuple[int, int]]:
    """Article id -> (start, end) character offsets of its block."""
    marks = [(m.group(1), m.start()) for m in HEAD.finditer(text)]
    return {aid: (start, marks[i + 1][1] if i + 1 < len(marks) else len(text)) for i, (aid, start) in enumerate(marks)}


def main() -> None:
    for adj in sorted((CORPUS / "adjudicated").glob("*.yaml")):
        new = adj.read_text(encoding="utf-8")
        target = CORPUS / "batches" / adj.name
        text = target.read_text(encoding="utf-8")
        for aid, (s, e) in sorted(blocks(new).items(), key=lambda kv: -kv[1][0]):
            block = new[s:e].rstrip("\n") + "\n"
            have = blocks(text)
            if aid not in have:
                raise SystemExit(f"{adj.name}: {aid} is not in {target.name}")
            ts, te = have[aid]
            text = text[:ts] + block + text[te:]
        target.write_text(text, encoding="utf-8")
        print(f"{target.name}: {len(blocks(new))} adjudicated articles in place")


if __name__ == "__main__":
    main()
