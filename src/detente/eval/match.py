"""When a coded actor matches a gold actor: same country, or overlapping content words.

An actor matches a gold actor when its country (or the first three letters of its code) is
one of the gold actor's countries ("*" takes any actor), or when its words and the gold words
share a content word (articles, prepositions and generic role nouns such as "officials" do not count).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .gold import GoldActor

_WORD = re.compile(r"[a-z0-9]+")
STOP = frozenset("""a an the of in on at to for and or by with from 's s its their his her our they he she it
    official officials government minister ministry president leader leaders forces troops people state states
    country countries group groups spokesman spokeswoman authorities senior former top new""".split())


def content_words(text: str | None) -> set[str]:
    """Lower-cased words of ``text`` minus STOP."""
    return {w for w in _WORD.findall((text or "").lower()) if w not in STOP and len(w) > 1}


def actor_country(actor) -> str | None:
    """An Actor's country: ``.country``, else the first three letters of ``.code``."""
    if actor is None:
        return None
    c = actor.country or (actor.code or "")[:3]
    return c.upper() if c else None


def actor_matches(actor, golds: Sequence[GoldActor]) -> bool:
    """Whether ``actor`` (an Actor or None) matches any of ``golds``; False for no actor or no golds."""
    if actor is None or not golds:
        return False
    mine_c, mine_w = actor_country(actor), content_words(actor.text)
    for g in golds:
        if "*" in g.countries or (mine_c and mine_c in g.countries):
            return True
        if mine_w & content_words(g.text):
            return True
    return False
