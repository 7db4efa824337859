"""Article consistency checks: events dated after publication, content that contradicts the article date.

The content check reads the article for people named with a title ("Secretary of State Mike Pompeo",
"Mike Pompeo, the secretary of state") and for "the Trump administration" acting in the present tense, and
compares them with the dated roles of the actor knowledge base. A title is trusted only when nothing marks
it as past ("former", "then-", "ex-", "at the time").
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..actors.kb import ActorKB, Entry, Role
from ..model import Article, Event

GRACE = timedelta(days=14)  # articles written just before or after a change of office are not misdated
_NAME = re.compile(r"\b([A-Z][a-z'\-]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][a-z'\-]+){1,3})\b")
_PAST = re.compile(r"\b(?:former|then|ex|onetime|one-time|erstwhile|late|outgoing|incoming|"
                   r"president-elect|nominee|designate)\b", re.I)
_ADMIN = re.compile(r"\b[Tt]he ([A-Z][a-z]+) (?:administration|government|White House)(?:'s)? "
                    r"(?:is|are|has|says|wants|plans|insists|believes|argues|seeks|continues|intends|"
                    r"hopes|refuses|will|has been|is trying|is considering)\b")
_HEAD_ROLES = re.compile(r"\b(?:president|prime minister|chancellor)\b", re.I)


def article_warnings(article: Article, events: list[Event], kb: ActorKB) -> list[str]:
    """Warnings about an article, each one line."""
    out = []
    if article.published is None:
        out.append("no publication date: events carry no date unless the text gives one")
        return out
    pub = article.published.isoformat()
    for ev in events:
        if ev.modality == "asserted" and ev.date and ev.date_basis != "publication":
            first = ev.date.split("/")[0]
            if first[: len(pub)] > pub[: len(first)]:
                out.append(f"event dated {ev.date} after publication {pub}: '{ev.trigger}' in \"{ev.sentence[:80]}\"")
    out.extend(date_contradictions(article.text, article.published, kb))
    return out


def _role_matches(title: str, role: Role) -> bool:
    r = (role.role or "").lower()
    return bool(r) and not r.startswith("former") and (r == title or title.endswith(" " + r))


def _titles_near(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """(title, context) pairs written next to a name: "Secretary of State X", "X, the secretary of state"."""
    before = text[max(0, start - 60):start]
    after = text[end:end + 60]
    got = []
    m = re.search(r"((?:[A-Z][a-z]+\.?\s+)*(?:[A-Za-z]+\s+of\s+[A-Z][a-z]+|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))\s*$", before)
    if m:
        got.append((m.group(1).strip(), before))
    m = re.match(r",\s+(?:the\s+|who\s+is\s+(?:the\s+)?)?(?:U\.S\.\s+|US\s+|American\s+)?"
                 r"((?:[a-z]+\s+){0,3}(?:of\s+)?[a-z]+(?:\s+of\s+[a-z]+)?)\s*[,.]", after)
    if m:
        got.append((m.group(1).strip(), before + m.group(0)))
    return got


def date_contradictions(text: str, published: date, kb: ActorKB) -> list[str]:
    """Warnings where the text gives a person a title, or an administration a present, that the date rules out."""
    out: list[str] = []
    seen: set[str] = set()
    for m in _NAME.finditer(text):
        phrase = m.group(1)
        words = phrase.split()
        # "Secretary of State Mike Pompeo": try the last two and three words as the name
        for k in (3, 2):
            if len(words) < k:
                continue
            name = " ".join(words[-k:])
            entries = [e for e in kb.phrases.get(name, []) if e.kind == "person" and e.roles]
            if not entries or entries[0].name in seen:
                continue
            start = m.start() + phrase.rfind(name)
            titles = _titles_near(text, start, start + len(name))
            for title, ctx in titles:
                w = _check_title(entries[0], title, ctx, published)
                if w:
                    seen.add(entries[0].name)
                    out.append(w)
                    break
            break
    for m in _ADMIN.finditer(text):
        surname = m.group(1)
        people = [e for e in kb.phrases.get(surname, []) if e.kind == "person" and e.roles]
        heads = [r for e in people for r in e.roles if _HEAD_ROLES.search(r.role or "")
                 and not (r.role or "").lower().startswith("former")]
        if not heads or surname in seen:
            continue
        if not any(_covers(r, published) for r in heads):
            spans = ", ".join(f"{r.start or '?'}..{r.end or 'now'}" for r in heads)
            seen.add(surname)
            out.append(f"dated {published.isoformat()} but speaks of \"{m.group(0)}\" as acting now "
                       f"({people[0].name} in office {spans}): the article may be misdated")
    return out


def _covers(r: Role, on: date) -> bool:
    return (r.start is None or r.start - GRACE <= on) and (r.end is None or on < r.end + GRACE)


def _check_title(entry: Entry, title: str, ctx: str, published: date) -> str | None:
    t = title.lower()
    t = re.sub(r"^(?:the|u\.s\.|us|american)\s+", "", t)
    if not t or _PAST.search(ctx[-40:]) or "time" in ctx[-20:]:
        return None
    matching = [r for r in entry.roles if _role_matches(t, r)]
    if not matching or any(_covers(r, published) for r in matching):
        return None
    r = matching[-1]
    return (f"dated {published.isoformat()} but calls {entry.name} \"{title}\", a role held "
            f"{r.start or '?'}..{r.end or 'now'}: the article may be misdated")
