"""Text views the classifier reads: the plain sentence, and a sentence with its source/target pair marked."""
from __future__ import annotations

import re

_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+")
_SPAN = re.compile(r"<([st])>(.*?)</\1>", re.S)


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return [w.lower() for w in _TOKEN.findall(text)]


def mark(sentence: str, source: tuple[int, int], target: tuple[int, int]) -> str:
    """``sentence`` with ``<s>..</s>`` and ``<t>..</t>`` around the character spans of source and target."""
    ins = sorted([(source[0], "<s>"), (source[1], "</s>"), (target[0], "<t>"), (target[1], "</t>")],
                 key=lambda x: (x[0], x[1].startswith("</") is False))
    out, last = [], 0
    for pos, tag in ins:
        out.append(sentence[last:pos])
        out.append(tag)
        last = pos
    out.append(sentence[last:])
    return "".join(out)


def pair_view(marked: str, window: int = 8) -> str:
    """One string of prefixed tokens for a marked sentence: ``B_`` words between the two spans (where
    the predicate usually is), ``A_`` words just after the later span, ``P_`` words just before the
    earlier one, the order of the pair (``ORDER_ST``/``ORDER_TS``), then the plain sentence words."""
    spans = {m.group(1): m for m in _SPAN.finditer(marked)}
    plain = _SPAN.sub(lambda m: m.group(2), marked)
    base = " ".join(words(plain))
    if len(spans) < 2:
        return "ORDER_NONE " + base
    first, second = sorted(spans.values(), key=lambda m: m.start())
    strip = lambda s: _SPAN.sub(lambda m: m.group(2), s).replace("<s>", " ").replace("</s>", " ") \
        .replace("<t>", " ").replace("</t>", " ")
    between = words(strip(marked[first.end():second.start()]))
    after = words(strip(marked[second.end():]))[:window]
    before = words(strip(marked[:first.start()]))[-window:]
    order = "ORDER_ST" if first.group(1) == "s" else "ORDER_TS"
    return " ".join([order] + ["B_" + w for w in between] + ["A_" + w for w in after]
                    + ["P_" + w for w in before] + [base])
