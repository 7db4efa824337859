"""Split very long texts at paragraph or sentence ends so that parsing stays in bounded memory."""
from __future__ import annotations

import re

# spaCy parses a batch of pieces at once, so a piece is kept to the size of a typical article: a batch of a
# 5 MB article then takes no more memory than a batch of ordinary ones (measured: +660 MB peak for 5 MB).
CHUNK = 5_000


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering ``text``; pieces end at a paragraph, sentence or space when possible."""
    if len(text) <= size:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            window = text[start + size // 2:end]
            cut = None
            for pat in (r"\n\s*\n", r"[.!?][\"\u201d']?\s", r"\s"):
                ms = list(re.finditer(pat, window))
                if ms:
                    cut = start + size // 2 + ms[-1].end()
                    break
            end = cut or end
        out.append((start, text[start:end]))
        start = end
    return out
