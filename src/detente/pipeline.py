"""The coding pipeline: Article -> spaCy Doc -> actors -> events -> dates and places.

Each stage is a component built once from ``Settings`` and passed down; ``Coder`` holds them.
"""
from __future__ import annotations

import re
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from .actors.kb import ActorKB
from .actors.coref import ArticleMemory
from .actors.resolve import ActorResolver
from .config import Settings
from .errors import ConfigError, InputError, NotEnglishError
from .events.cameo import CameoTable
from .events.coder import Context, RuleCoder
from .events.draft import Draft
from .events.patterns import PatternSet
from .ingest.headers import find_header
from .model import Article, CodedArticle
from .nlp import chunks, is_english, load_nlp
from .nlp.language import accepted_language
from .places.gazetteer import Gazetteer
from .places.locate import event_location


def keep_loaded() -> None:
    """For a process that keeps its Coder to its end (the command line, a Dask worker): take everything loaded so far
    out of the cyclic garbage collector's sight (``gc.freeze``). Its ~350,000 objects (spaCy's vocabulary and model,
    the knowledge base, the patterns) are then not walked by every full collection, nor at exit: a process that
    loaded the Coder ends in 0.2 s instead of 0.76 s. Loading leaves no cyclic garbage to collect first (measured:
    ``gc.collect()`` finds none and takes 0.12 s)."""
    import gc

    gc.freeze()


class Coder:
    """Loads the pipeline once and codes articles. Not thread-safe; make one per process."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        s = self.settings
        self.nlp = load_nlp(s.model)
        self.cameo = CameoTable.load()
        self.kb = ActorKB.load(s.actor_files)
        self.resolver = ActorResolver(self.kb, self.nlp)
        self.patterns = PatternSet.load(s.pattern_files, self.cameo)
        learned = None
        if s.learned:
            from .events import learned as learned_mod

            learned = learned_mod.load(kind=s.learned_kind)
        self.rules = RuleCoder(self.patterns, self.cameo, self.resolver, learned=learned,
                               learned_threshold=getattr(learned, "threshold", 0.6))
        if s.scorer not in ("off", "on", "model"):
            raise ConfigError(f"unknown scorer setting {s.scorer!r}; use off, on or model")
        if s.scorer != "off":
            from .events.scorer import load as load_scorer
            from .events.scorer.stage import ScorerStage

            scorer = load_scorer()
            if scorer is not None:
                self.rules.scorer_stage = ScorerStage(scorer, use_rules=s.scorer == "on")
                self.rules.scorer_name = scorer.name
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The offline gazetteer, loaded on first use."""
        if self._gazetteer is None:  # the one the actor resolver also reads (loading it takes seconds)
            from .places.gazetteer import shared_gazetteer

            self._gazetteer = shared_gazetteer()
        return self._gazetteer

    def check(self, article: Article) -> None:
        """Raise InputError/NotEnglishError for an article that cannot be coded.

        The language check looks at the whole article; ``DETENTE_LANG=any`` (``--lang any``) switches it off.
        """
        if accepted_language() == "any":
            return
        ok, why = is_english(article.text)
        if not ok:
            src = article.source_path
            if src and src.rsplit("/", 1)[-1].rsplit(".", 1)[0] != article.id:  # a file of many articles
                why = f"article {article.id}: {why}"
            raise NotEnglishError(why, path=src or article.id)

    def code_article(self, article: Article) -> CodedArticle:
        """Code one article."""
        return next(self.code_articles([article]))

    def code_articles(self, articles: Iterable[Article], *,
                      on_error: Callable[[InputError, Article], None] | None = None) -> Iterator[CodedArticle]:
        """Code articles in batches with ``nlp.pipe``; articles that cannot be coded go to ``on_error``."""
        def pieces():
            for art in articles:
                try:
                    self.check(art)
                except InputError as e:
                    if on_error is None:
                        raise
                    on_error(e, art)
                    continue
                parts = chunks(blank_datelines(art.text))
                for n, (offset, piece) in enumerate(parts):
                    yield piece, (art, offset, n == len(parts) - 1)

        ctx: Context | None = None
        current: Article | None = None
        drafts: list[Draft] = []  # the current article's events, being decided
        docs: list[tuple] = []  # the current article's parsed pieces: re-dating it codes them again, unparsed
        for doc, (art, offset, last) in self._ahead(self.nlp.pipe(pieces(), as_tuples=True,
                                                                  batch_size=self.settings.batch_size)):
            if current is not art:
                current, drafts, docs = art, [], []
                ctx = Context(memory=ArticleMemory(self.kb))
            docs.append((doc, offset))
            self._code_doc(doc, art, offset, ctx, drafts)
            if last:
                yield self._finish(art, drafts, docs)
                current = None

    def _ahead(self, parsed: Iterator[tuple]) -> Iterator[tuple]:
        """``parsed`` as it comes, or, when the scorer's encoder runs on a thread of its own, a batch behind:
        each piece's sentences go to the encoder as soon as the piece is parsed, so that the encoder works
        through one batch while spaCy parses the next and the rules code the one before."""
        stage = self.rules.scorer_stage
        if stage is None or not stage.prefetching:
            yield from parsed
            return
        held: deque = deque()
        with _short_switches():
            for item in parsed:
                stage.prefetch(_coded_sents(item[0]))
                held.append(item)
                if len(held) > self.settings.batch_size:
                    yield held.popleft()
            while held:
                yield held.popleft()

    def _code_doc(self, doc, art: Article, offset: int, ctx: Context, out: list[Draft]) -> None:
        mentions = self.resolver.mentions(doc)
        sectors = self.resolver.sectors_in(doc)
        header = find_header(art.text) if offset == 0 else None
        countries = [m.entry.country for m in mentions if m.entry.country]
        key = ("detente_lead_date", art.published.isoformat()) if art.published else None
        if offset > 0 and key is not None:
            doc.user_data[key] = ctx.lede  # the article's lede is in its first chunk, not this one's
        if offset == 0:
            if key is not None and doc.sents:
                from .dates.attach import lead_date

                first = next(iter(doc.sents))
                lead_date(first, art.published)  # computes and caches it on the doc
                ctx.lede = doc.user_data.get(key)
            ctx.focus = focus_actors(self.resolver, doc, mentions, sectors, art.published)
            if header is not None and header.dateline_place:
                # "BEIJING (Reuters) - ... state media said": the dateline's state, for bare role phrases
                ctx.home = next((e.country for e in self.resolver.kb.lookup(header.dateline_place)
                                 if e.kind in ("metonym", "country") and e.country), None)
        else:
            ctx.subjects.clear()  # token positions of the previous chunk mean nothing in this one
        start = len(out)
        sents = _coded_sents(doc)
        for sent in sents:
            self.rules.code_sentence(sent, art, mentions, sectors, ctx, out, base=offset)
        if self.rules.scorer_stage is not None:
            self.rules.scorer_stage.release(sents)  # encodings queued ahead that no candidate asked for
        dateline = header.dateline_place if header else None
        for ev in out[start:]:
            tok = _token_at(doc, ev.trigger_span[0] - offset) if ev.trigger_span else None
            if tok is not None:
                ev.location = event_location(tok, self.gazetteer, countries, dateline=dateline)

    def _finish(self, article: Article, drafts: list[Draft], docs: list[tuple]) -> CodedArticle:
        """The coded article: its drafts dated again where its date is missing or ruled out, then built into
        events (once, here, when every stage has decided)."""
        from .dates.reanchor import date_article

        # an article with no date, or one its text rules out, is coded again from the date its text was written
        got = date_article(article, drafts, self.kb, recode=lambda art: self._recode(art, docs))
        return CodedArticle(article, [d.event() for d in drafts], [w.message for w in got])

    def _recode(self, article: Article, docs: list[tuple]) -> list[Draft]:
        """The events of ``article`` coded again (with the inferred date ``dates.reanchor`` gives it) from its
        parsed pieces ``docs``: the parse does not depend on the date, and what the coder caches on a Doc is
        either date-free or keyed by the date."""
        ctx = Context(memory=ArticleMemory(self.kb))
        out: list[Draft] = []
        for doc, offset in docs:
            self._code_doc(doc, article, offset, ctx, out)
        return out


_DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z .,'\-]{1,40}?(?:,\s*[A-Z][a-z]{2,9}\.?\s*\d{0,2})?\s*"
                       r"\([A-Za-z .\-]{2,30}\)\s*[-\u2013\u2014:]+[ \t]*"
                       # "Seoul, South Korea (CNN) North Korea is ...", "Vienna (CNN) After ...": a wire in
                       # parentheses with no dash
                       r"|^[ \t]*[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,3}(?:, [A-Z][A-Za-z.'\-]+"
                       r"(?: [A-Z][A-Za-z.'\-]+){0,2})?\s*\((?:CNN|Reuters|AP|AFP|UPI)\)[ \t]*(?=[A-Z\u201c\"])"
                       # "WASHINGTON \u2013 China said ...", "SEOUL \u2014 Kim Jong Un has ...", "MOGADISHU, Somalia --
                       # A U.S. airstrike ...": capitals and a dash
                       r"|^[ \t]*[A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
                       r"[ \t]+(?:[\u2013\u2014]{1,2}|-{1,2})[ \t]+(?=[A-Z\u201c\"])",
                       re.MULTILINE)


#: seconds between the interpreter's thread switches while the encoder runs on its own thread (1 ms: 100 articles
#: coded in 51 s instead of 61 s on two cores, 56 s at 0.5 ms, 54 s at 2 ms)
SWITCH_INTERVAL = 0.001


_switching = {"users": 0, "before": None}
_switching_lock = threading.Lock()


@contextmanager
def _short_switches():
    """The interpreter's switch interval at most ``SWITCH_INTERVAL`` while any coder codes with the encoder on its
    own thread, and as it was once the last is done. The encoder's thread needs the GIL for a moment after each
    sentence and waits up to the switch interval (5 ms by default, as long as a sentence takes to encode) for the
    rules to let go of it."""
    with _switching_lock:
        if _switching["users"] == 0:
            _switching["before"] = sys.getswitchinterval()
            sys.setswitchinterval(min(_switching["before"], SWITCH_INTERVAL))
        _switching["users"] += 1
    try:
        yield
    finally:
        with _switching_lock:
            _switching["users"] -= 1
            if _switching["users"] == 0:
                sys.setswitchinterval(_switching["before"])


def _coded_sents(doc) -> list:
    """The sentences of ``doc`` the coder codes: a run-on "sentence" (lists, tables, unpunctuated text) gives no
    reliable parse and is not coded. Listed once per Doc."""
    got = doc.user_data.get("detente_coded_sents")
    if got is None:
        got = doc.user_data["detente_coded_sents"] = [s for s in doc.sents if len(s) <= 300]
    return got


def blank_datelines(text: str) -> str:
    """Replace datelines ("SEOUL (Reuters) - ") near the start with spaces, keeping every offset."""
    head = text[:600]
    for m in _DATELINE.finditer(head):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


def focus_actors(resolver, doc, mentions, sectors, on) -> list:
    """The article's actors by how often they are named (countries and organisations), most first."""
    from collections import Counter

    counts: Counter = Counter()
    first = {}
    from .actors.resolve import GENERIC_INSTITUTIONS

    for m in mentions:
        if m.entry.kind == "person" or not m.entry.country:
            continue
        if m.entry.kind == "org" and doc[m.start].lower_ in GENERIC_INSTITUTIONS and any(
                c.dep_ == "poss" for c in doc[m.start].children):
            continue  # "Rwanda's Senate" is not the US Senate
        a = resolver.actor_from_mention(m, None, sectors, on, text=doc[m.start:m.end].text)
        key = a.country
        counts[key] += 1
        first.setdefault(key, a)
    return [first[k] for k, _ in counts.most_common()]


def _token_at(doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
