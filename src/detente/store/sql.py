"""The store logic both backends share: writes with clustering, and every query, in portable SQL.

A backend supplies ``ph`` (the parameter placeholder), ``_fetch``, ``_exec``, ``_many``, ``_begin``,
``_commit``, ``_rollback`` and ``_error`` (its driver's exception class); everything else lives here so
DuckDB and PostgreSQL give identical results.
"""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..errors import StoreError
from . import dedup
from .base import LIKE, Filters, Store, like_literal
from .rows import article_row, mention_row
from .schema import ACTOR_COLUMNS, ARTICLE_COLUMNS, EVENT_COLUMNS, INDEXES, MENTION_COLUMNS, TABLES

if TYPE_CHECKING:
    from ..model import CodedArticle

PERIODS = ("day", "week", "month", "year")
UNITS = ("country-month", "dyad-month", "actor-year")
COUNTS = ("events", "mentions")
# filters every mention of one event shares (they are part of the clustering block)
_BLOCK_FILTERS = ("actor", "target", "country", "sector", "root", "modality")
_MENTION_VIEW = ["event_id", "cluster_id", "article_id", "date", "day", "date_precision", "date_basis",
                 "source_code", "source_country", "source_sector", "target_code", "target_country", "target_sector",
                 "cameo", "cameo_root", "plover", "quad_class", "goldstein", "modality", "confidence", "trigger",
                 "sentence"]
_EVENTS_FROM = ("events e JOIN mentions m ON m.event_id = e.rep_event_id "
                "JOIN articles a ON a.article_id = m.article_id")
_MENTIONS_FROM = "mentions m JOIN articles a ON a.article_id = m.article_id"
# what counting queries read: no join with articles (10 million mentions: the join was most of the time)
_COUNT_FROM = {"events": "events e JOIN mentions m ON m.event_id = e.rep_event_id", "mentions": "mentions m"}
_QUADS = ", ".join(f"SUM(CASE WHEN quad_class = {q} THEN 1 ELSE 0 END) AS q{q}" for q in (1, 2, 3, 4))
_GOLD = "SUM(goldstein) AS goldstein_sum, AVG(goldstein) AS goldstein_mean"


def _chunks(seq: list, n: int = 500):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _reason(e: Exception) -> str:
    """What a StoreError says after the store's name and "query failed: "."""
    return str(e).split("query failed: ", 1)[-1]


def _label(d, by: str) -> str | None:
    if d is None:
        return None
    d = d.date() if hasattr(d, "date") and callable(d.date) else d
    return {"month": d.isoformat()[:7], "year": d.isoformat()[:4]}.get(by, d.isoformat())


class SQLStore(Store):
    """Writes and queries in SQL both DuckDB and PostgreSQL run."""

    ph = "?"
    name = "store"
    read_only = False
    clustering: dict = {}  # overrides of dedup.Clusterer's thresholds (evaluation only)
    _error: type[Exception] = Exception

    # -- what a backend supplies
    def _fetch(self, sql: str, params=()) -> tuple[list[str], list[tuple]]:
        raise NotImplementedError

    def _exec(self, sql: str, params=()) -> None:
        raise NotImplementedError

    def _many(self, sql: str, rows: list[list]) -> None:
        raise NotImplementedError

    def _insert(self, table: str, columns: list[str], rows: list[list], *, ignore_conflicts: bool = False) -> None:
        """Insert ``rows`` (values in ``columns`` order); with ``ignore_conflicts`` a row whose key is stored
        already is left out. A backend may override this with a set-based load (DuckDB: from Arrow)."""
        if rows:
            self._many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({self._in(columns)})"
                       + (" ON CONFLICT DO NOTHING" if ignore_conflicts else ""), rows)

    def _failure(self, e: Exception) -> type[StoreError]:
        """The StoreError class for a driver error (a backend tells damage from other failures)."""
        return StoreError

    def _begin(self) -> None:
        self._exec("BEGIN TRANSACTION")

    def _commit(self) -> None:
        self._exec("COMMIT")

    def _rollback(self) -> None:
        self._exec("ROLLBACK")

    # -- schema and plumbing
    def _init_schema(self) -> None:
        try:
            for ddl in TABLES.values():
                self._exec(ddl)
            for ddl in INDEXES:
                self._exec(ddl)
        except self._error as e:
            raise StoreError(f"{self.name}: cannot create the schema: {e}") from None

    def query(self, sql: str, params: list | tuple = ()) -> list[dict]:
        """Run a read query; rows as dicts."""
        cols, rows = self._q(sql, params)
        return [dict(zip(cols, r)) for r in rows]

    def _q(self, sql: str, params=()) -> tuple[list[str], list[tuple]]:
        try:
            return self._fetch(sql, list(params))
        except self._error as e:
            raise self._failure(e)(f"{self.name}: query failed: {e}") from None

    def _frame(self, sql: str, params=(), ints=(), floats=(), *, columnar: bool = False):
        """A query's rows as a DataFrame. ``columnar``: the backend may build it column-wise (DuckDB: without
        a Python object per value), for results of numbers and text only (dates would come back as
        datetime64, not ``datetime.date``)."""
        import pandas as pd

        if columnar:
            df = self._columnar(sql, params)
        else:
            cols, rows = self._q(sql, params)
            df = pd.DataFrame.from_records(rows, columns=cols)
        for c in ints:
            if c in df:
                df[c] = df[c].fillna(0).astype("int64")
        for c in floats:
            if c in df:
                df[c] = df[c].astype("float64").round(6)
        return df

    def _columnar(self, sql: str, params=()):
        """A DataFrame of a query's rows, built by the backend's own means (row by row here)."""
        import pandas as pd

        cols, rows = self._q(sql, params)
        return pd.DataFrame.from_records(rows, columns=cols)

    def _in(self, values: list) -> str:
        return ", ".join([self.ph] * len(values))

    def tables(self) -> list[str]:
        """The tables the store holds (detente's, and any other)."""
        return sorted(r[0] for r in self._q("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_schema = current_schema()")[1])

    def verify(self) -> dict[str, int]:
        """Read every table through, every value; StoreError names the table that cannot be read. Returns the
        rows per table (a backend adds its own checks)."""
        out = {}
        for t in self.tables():
            try:
                out[t] = self._read_through(t)
            except StoreError as e:
                raise type(e)(f"{self.name}: table {t} cannot be read through: {_reason(e)}") from None
        return out

    def _read_through(self, table: str) -> int:
        """Read every value of a table; the number of rows."""
        raise NotImplementedError

    def has_article(self, article_id: str, content_hash: str) -> bool:
        """Whether this article, with this text, is stored already."""
        _, rows = self._q(f"SELECT 1 FROM articles WHERE article_id = {self.ph} AND content_hash = {self.ph}",
                          [article_id, content_hash])
        return bool(rows)

    # -- writes
    def _lock(self) -> None:
        """Serialise writers (PostgreSQL); DuckDB has a single writer already."""

    def add(self, coded: list[CodedArticle]) -> tuple[int, int]:
        """Store coded articles in one transaction, merging their mentions into events; returns (articles,
        mentions) added. An article already stored with the same text is skipped; with new text, replaced."""
        if self.read_only:
            raise StoreError(f"{self.name}: store is open read-only")
        try:
            self._begin()
            self._lock()
            result = self._add(coded)
            self._commit()
        except self._error as e:
            try:
                self._rollback()
            except self._error:
                pass
            raise StoreError(f"{self.name}: write failed, nothing from this batch was stored: {e}") from None
        except BaseException:
            try:
                self._rollback()
            except self._error:
                pass
            raise
        return result

    def _add(self, coded: list[CodedArticle]) -> tuple[int, int]:
        byid: dict[str, CodedArticle] = {}
        for c in coded:  # the last copy of an id in one batch wins, as it would over several batches
            byid.pop(c.article.id, None)
            byid[c.article.id] = c
        ids = list(byid)
        old = {}
        for part in _chunks(ids):
            _, rows = self._q(f"SELECT article_id, content_hash FROM articles WHERE article_id IN ({self._in(part)})",
                              part)
            old.update(dict(rows))
        new = [byid[i] for i in ids if old.get(i) != byid[i].article.content_hash]
        if not new:
            return 0, 0
        touched: set[str] = set()
        replaced = [c.article.id for c in new if c.article.id in old]
        if replaced:
            touched |= self._remove(replaced)

        arts = [article_row(c) for c in new]
        for a, sig in zip(arts, dedup.minhashes([dedup.text_tokens(a["text"]) for a in arts], dedup.TEXT_PERM)):
            a["minhash"] = sig
        ments: list[list[dict]] = []
        for c in new:
            rows = {}
            for ev in c.events:
                m = mention_row(ev, c.article.outlet)
                rows.setdefault(m["event_id"], m)
            ments.append(list(rows.values()))
        flat = [m for ms in ments for m in ms]
        for m, sig in zip(flat, dedup.minhashes([dedup.evidence_tokens(m["sentence"]) for m in flat],
                                                dedup.EVIDENCE_PERM)):
            m["minhash"] = sig
        pubs = {a["article_id"]: a["published"] for a in arts}

        touched |= self._link_copies(arts)
        cl = self._context(flat, pubs)
        for m in flat:
            cl.assign(m["event_id"], dedup.block_of(m), dedup.period(m["date"], pubs[m["article_id"]]),
                      dedup.load(m["minhash"]), m["article_id"], dedup.speaker(m["record"]))
        for m in flat:
            m["cluster_id"] = cl.cluster(m["event_id"])
            touched.add(m["cluster_id"])
        # stored events a new mention links together become one, under the smallest id
        merged = sorted((cl.cluster(c), c) for c in cl.stored if cl.cluster(c) != c)
        if merged:
            self._many(f"UPDATE mentions SET cluster_id = {self.ph} WHERE cluster_id = {self.ph}", merged)
            touched.update(c for pair in merged for c in pair)
        act_rows: dict[str, list] = {}
        for c in new:
            for ev in c.events:
                for act in (ev.source, ev.target):
                    if act is not None and act.code and act.code not in act_rows:
                        act_rows[act.code] = [act.code, act.country, act.sector, act.name]
        self._insert("articles", ARTICLE_COLUMNS, [[a[k] for k in ARTICLE_COLUMNS] for a in arts])
        self._insert("mentions", MENTION_COLUMNS, [[m[k] for k in MENTION_COLUMNS] for m in flat],
                     ignore_conflicts=True)
        self._insert("actors", ACTOR_COLUMNS, [act_rows[k] for k in sorted(act_rows)], ignore_conflicts=True)
        self._refresh_events(sorted(touched))
        return len(arts), len(flat)

    def _remove(self, article_ids: list[str]) -> set[str]:
        """Delete these articles and their mentions, then split the events and reprint groups they alone held
        together; returns the clusters whose events rows must be recomputed."""
        clusters: set[str] = set()
        groups: set[str] = set()
        for part in _chunks(article_ids):
            inn = self._in(part)
            _, rows = self._q(f"SELECT DISTINCT cluster_id FROM mentions WHERE article_id IN ({inn}) "
                              f"AND cluster_id IS NOT NULL", part)
            clusters.update(r[0] for r in rows)
            _, rows = self._q(f"SELECT DISTINCT COALESCE(copy_of, article_id) FROM articles "
                              f"WHERE article_id IN ({inn})", part)
            groups.update(r[0] for r in rows)
            self._exec(f"DELETE FROM mentions WHERE article_id IN ({inn})", part)
            self._exec(f"DELETE FROM articles WHERE article_id IN ({inn})", part)
        touched = set(clusters)
        cl = dedup.Clusterer(**self.clustering)
        rows = []
        for part in _chunks(sorted(clusters)):
            _, got = self._q(f"SELECT m.event_id, m.cluster_id, m.source_code, m.target_code, m.cameo_root, "
                             f"m.modality, m.date, m.minhash, m.article_id, a.published, m.record "
                             f"FROM {_MENTIONS_FROM} WHERE m.cluster_id IN ({self._in(part)})", part)
            rows += got
        for eid, _cid, s, t, root, mod, d, sig, aid, pub, rec in sorted(rows):
            block = (s, t, root, mod) if s and t else None
            cl.assign(eid, block, dedup.period(d, pub), dedup.load(sig), aid, dedup.speaker(rec))
        relabel = [(cl.cluster(r[0]), r[0]) for r in rows if cl.cluster(r[0]) != r[1]]
        if relabel:
            self._many(f"UPDATE mentions SET cluster_id = {self.ph} WHERE event_id = {self.ph}", relabel)
            touched.update(c for c, _ in relabel)
        docs = []
        for part in _chunks(sorted(groups)):
            inn = self._in(part)
            _, got = self._q(f"SELECT article_id, content_hash, copy_of, minhash, published FROM articles "
                             f"WHERE copy_of IN ({inn}) OR article_id IN ({inn})", part + part)
            docs += got
        found = {aid: copy_of for aid, _h, copy_of, _s, _p in docs}
        regroup = dedup.copy_groups([dedup.Doc(aid, h, aid, dedup.load(sig), pub)
                                     for aid, h, _c, sig, pub in sorted(docs)], set(found), self._copy_jaccard)
        copy_of = {aid: (root if root != aid else None) for aid, root in regroup.items()}
        moved = sorted(aid for aid in found if copy_of[aid] != found[aid])
        if moved:
            self._many(f"UPDATE articles SET copy_of = {self.ph} WHERE article_id = {self.ph}",
                       [[copy_of[aid], aid] for aid in moved])
            touched |= self._clusters_of(moved)
        return touched

    @property
    def _copy_jaccard(self) -> float:
        return self.clustering.get("copy_jaccard", dedup.COPY_JACCARD)

    def _clusters_of(self, article_ids) -> set[str]:
        """The clusters holding a mention of these articles."""
        out: set[str] = set()
        for part in _chunks(sorted(article_ids)):
            _, rows = self._q(f"SELECT DISTINCT cluster_id FROM mentions WHERE article_id IN ({self._in(part)}) "
                              f"AND cluster_id IS NOT NULL", part)
            out.update(r[0] for r in rows)
        return out

    def _link_copies(self, arts: list[dict]) -> set[str]:
        """Set ``copy_of`` on the new article rows and regroup the stored copies they link (see ``dedup``);
        returns the clusters whose article counts may change."""
        cols = "article_id, content_hash, copy_of, minhash, published"
        rows = []
        for part in _chunks(sorted({a["content_hash"] for a in arts})):
            rows += self._q(f"SELECT {cols} FROM articles WHERE content_hash IN ({self._in(part)})", part)[1]
        days = sorted({a["published"] + timedelta(days=k) for a in arts if a["published"]
                       for k in range(-dedup.COPY_DAYS, dedup.COPY_DAYS + 1)})
        for part in _chunks(days):
            rows += self._q(f"SELECT {cols} FROM articles WHERE published IN ({self._in(part)})", part)[1]
        stored = {aid: dedup.Doc(aid, h, copy_of or aid, dedup.load(sig), pub) for aid, h, copy_of, sig, pub in rows}
        canon = sorted({d.canonical for d in stored.values()} - set(stored))
        for part in _chunks(canon):
            for aid, h, copy_of, sig, pub in self._q(f"SELECT {cols} FROM articles WHERE article_id "
                                                     f"IN ({self._in(part)})", part)[1]:
                stored[aid] = dedup.Doc(aid, h, copy_of or aid, dedup.load(sig), pub)
        docs = [stored[k] for k in sorted(stored)] + [
            dedup.Doc(a["article_id"], a["content_hash"], a["article_id"], dedup.load(a["minhash"]), a["published"])
            for a in arts]
        new_ids = {a["article_id"] for a in arts}
        groups = dedup.copy_groups(docs, new_ids, self._copy_jaccard)
        for a in arts:
            root = groups[a["article_id"]]
            a["copy_of"] = root if root != a["article_id"] else None
        changed = sorted((root, g) for g, root in groups.items() if g not in new_ids and root != g)
        if not changed:
            return set()
        # a stored group joins another (or gets an earlier canonical): its articles name the new canonical
        self._many(f"UPDATE articles SET copy_of = {self.ph} WHERE copy_of = {self.ph} OR article_id = {self.ph}",
                   [[root, g, g] for root, g in changed])
        roots = sorted({root for root, _ in changed})
        moved = []
        for part in _chunks(roots):
            inn = self._in(part)
            moved += [r[0] for r in self._q(f"SELECT article_id FROM articles WHERE copy_of IN ({inn}) "
                                            f"OR article_id IN ({inn})", part + part)[1]]
        return self._clusters_of(moved)

    def _context(self, ments: list[dict], pubs: dict) -> dedup.Clusterer:
        """A clusterer loaded with every stored mention a mention of this batch could report the same
        happening as (same block, compatible period)."""
        cl = dedup.Clusterer(**self.clustering)
        blocks = {dedup.block_of(m) for m in ments} - {None}
        if not blocks:
            return cl
        pers = [dedup.period(m["date"], pubs[m["article_id"]]) for m in ments if dedup.block_of(m)]
        srcs = sorted({b[0] for b in blocks})
        sql = (f"SELECT m.event_id, m.cluster_id, m.source_code, m.target_code, m.cameo_root, m.modality, m.date, "
               f"m.minhash, m.article_id, a.published, m.record FROM {_MENTIONS_FROM} "
               f"WHERE m.source_code IN ({self._in(srcs)})")
        params: list = list(srcs)
        if all(p is not None for p in pers):  # an undated mention fits any date: then every stored one counts
            # a stored mention links only when its period overlaps the batch's, widened by the slack; a period
            # is at most a year long unless it is a span ("2015/2016"), so look a year and a half around the
            # batch, and at every span
            lo = min(p[0] for p in pers) - timedelta(days=550)
            hi = max(p[1] for p in pers) + timedelta(days=550)
            sql += (f" AND (m.day IS NULL OR position('/' IN m.date) > 0 "
                    f"OR (m.day >= {self.ph} AND m.day <= {self.ph}))")
            params += [lo, hi]
        sql += " ORDER BY m.event_id"
        _, rows = self._q(sql, params)
        for (eid, cid, s, t, root, mod, d, sig, aid, pub, rec) in rows:
            block = (s, t, root, mod)
            if block not in blocks or cid is None:
                continue
            cl.know(dedup.Member(eid, cid, block, dedup.period(d, pub), dedup.load(sig), aid, dedup.speaker(rec)))
        return cl

    def _refresh_events(self, clusters: list[str]) -> None:
        """Recompute the events rows of these clusters from their mentions."""
        for part in _chunks(clusters):
            inn = self._in(part)
            cols, rows = self._q(
                f"SELECT m.event_id, m.cluster_id, m.article_id, m.source_code, m.target_code, m.cameo_root, "
                f"m.modality, m.day, m.date_precision, m.date_basis, m.confidence, a.outlet, a.published, a.copy_of "
                f"FROM {_MENTIONS_FROM} WHERE m.cluster_id IN ({inn})", part)
            groups: dict[str, list[dict]] = {}
            for r in rows:
                d = dict(zip(cols, r))
                groups.setdefault(d["cluster_id"], []).append(d)
            self._exec(f"DELETE FROM events WHERE cluster_id IN ({inn})", part)
            out = [dedup.summarise(cid, groups[cid]) for cid in sorted(groups)]
            self._insert("events", EVENT_COLUMNS, [[e[k] for k in EVENT_COLUMNS] for e in out])

    # -- filters
    def _event_where(self, f: Filters) -> tuple[str, list]:
        """WHERE over events (e, with representative mention m and article a): block filters on the
        representative, the others true of at least one mention of the event."""
        block = Filters(**{k: getattr(f, k) for k in _BLOCK_FILTERS})
        rest = replace(f, **{k: None for k in _BLOCK_FILTERS}, limit=None, offset=0)
        where, params = block.where(self.ph)
        w2, p2 = rest.where(self.ph)
        if w2 != "TRUE":
            where += f" AND e.cluster_id IN (SELECT m.cluster_id FROM mentions m WHERE {w2})"
            params = params + p2
        return where, params

    def _base(self, f: Filters | None, count: str) -> tuple[str, list]:
        """FROM ... WHERE ... over mentions (count="mentions") or events' representatives ("events")."""
        f = f or Filters()
        if count not in COUNTS:
            raise StoreError(f"{count!r}: count must be one of {', '.join(COUNTS)}")
        if count == "events":
            w, p = self._event_where(f)
        else:
            w, p = f.where(self.ph)
        return f"{_COUNT_FROM[count]} WHERE {w}", p

    @staticmethod
    def _page(f: Filters | None) -> str:
        if f and f.limit:
            return f" LIMIT {int(f.limit)} OFFSET {int(f.offset or 0)}"
        return ""

    # -- reads
    def events(self, filters: Filters | None = None, *, merged: bool = False, articles: bool = False) -> list[dict]:
        """Mentions matching ``filters`` as EVENTS.md records (plus ``cluster_id``), oldest first; with
        ``merged``, one record per event (its representative mention) with n_mentions, n_articles, n_outlets,
        first_report, last_report; with ``articles``, the article's outlet, url, title and published date too."""
        f = filters or Filters()
        extra = ", a.outlet, a.url, a.title, a.published" if articles else ""
        if merged:
            where, params = self._event_where(f)
            sql = (f"SELECT m.record, e.cluster_id, e.n_mentions, e.n_articles, e.n_outlets, e.first_report, "
                   f"e.last_report{extra} FROM {_EVENTS_FROM} WHERE {where} "
                   f"ORDER BY m.day NULLS LAST, m.article_id, m.event_id")
        else:
            where, params = f.where(self.ph)
            sql = (f"SELECT m.record, m.cluster_id{extra} FROM {_MENTIONS_FROM} WHERE {where} "
                   f"ORDER BY m.day NULLS LAST, m.article_id, m.event_id")
        out = []
        for r in self.query(sql + self._page(f), params):
            rec = json.loads(r.pop("record"))
            rec.update({k: v.isoformat() if isinstance(v, date) else v for k, v in r.items()})
            out.append(rec)
        return out

    def events_frame(self, filters: Filters | None = None, *, merged: bool = False):
        """Mentions (or, with ``merged``, events' representative mentions) as a flat DataFrame."""
        f = filters or Filters()
        cols = ", ".join(f"m.{c}" for c in _MENTION_VIEW)
        if merged:
            where, params = self._event_where(f)
            sql = (f"SELECT {cols}, a.outlet, a.published, e.n_mentions, e.n_articles, e.n_outlets "
                   f"FROM {_EVENTS_FROM} WHERE {where}")
        else:
            where, params = f.where(self.ph)
            sql = f"SELECT {cols}, a.outlet, a.published FROM {_MENTIONS_FROM} WHERE {where}"
        sql += " ORDER BY m.day NULLS LAST, m.article_id, m.event_id" + self._page(f)
        return self._frame(sql, params, ints=("quad_class", "n_mentions", "n_articles", "n_outlets"),
                           floats=("goldstein", "confidence"))

    def clusters(self, filters: Filters | None = None):
        """Merged events matching ``filters``: one row each with its representative mention."""
        f = filters or Filters()
        where, params = self._event_where(f)
        sql = (f"SELECT e.cluster_id, e.source_code, e.target_code, e.cameo_root, m.cameo, m.plover, m.quad_class, "
               f"m.goldstein, e.modality, m.date, e.day_first, e.day_last, e.first_report, e.last_report, "
               f"e.n_mentions, e.n_articles, e.n_outlets, e.rep_event_id, m.article_id, a.outlet, m.trigger, "
               f"m.sentence FROM {_EVENTS_FROM} WHERE {where} "
               f"ORDER BY e.day_first NULLS LAST, e.cluster_id" + self._page(f))
        return self._frame(sql, params, ints=("quad_class", "n_mentions", "n_articles", "n_outlets"),
                           floats=("goldstein",))

    def _mention_records(self, where: str, params: list) -> list[dict]:
        rows = self.query(f"SELECT m.record, m.cluster_id, a.outlet, a.published, a.title, a.url, a.copy_of "
                          f"FROM {_MENTIONS_FROM} WHERE {where} ORDER BY a.published NULLS LAST, m.article_id, "
                          f"m.event_id", params)
        out = []
        for r in rows:
            rec = json.loads(r.pop("record"))
            r["published"] = r["published"].isoformat() if r["published"] else None
            rec.update(r)
            out.append(rec)
        return out

    def event(self, cluster_or_event_id: str) -> dict | None:
        """One merged event (by cluster id or any of its mentions' event ids) with all its mentions."""
        ph = self.ph
        rows = self.query(f"SELECT cluster_id FROM mentions WHERE event_id = {ph} OR cluster_id = {ph} "
                          f"ORDER BY cluster_id LIMIT 1", [cluster_or_event_id] * 2)
        if not rows or rows[0]["cluster_id"] is None:
            return None
        cid = rows[0]["cluster_id"]
        ev = self.query(f"SELECT * FROM events WHERE cluster_id = {ph}", [cid])
        if not ev:
            return None
        out = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in ev[0].items()}
        out["mentions"] = self._mention_records(f"m.cluster_id = {ph}", [cid])
        out["representative"] = next((m for m in out["mentions"] if m["event_id"] == out["rep_event_id"]), None)
        return out

    def article(self, article_id: str) -> dict | None:
        """One article: metadata, text, warnings, the article it copies (if any), and its event records."""
        ph = self.ph
        rows = self.query(f"SELECT article_id, content_hash, title, published, outlet, url, source_path, text, "
                          f"warnings, n_events, copy_of FROM articles WHERE article_id = {ph}", [article_id])
        if not rows:
            return None
        a = rows[0]
        a["published"] = a["published"].isoformat() if a["published"] else None
        a["warnings"] = json.loads(a["warnings"] or "[]")
        a["events"] = self._mention_records(f"m.article_id = {ph}", [article_id])
        return a

    def dyad(self, a: str, b: str, *, by: str = "month", filters: Filters | None = None, count: str = "events"):
        """Per period and direction (``A>B``, ``B>A``): events, counts per QuadClass, summed and mean Goldstein.
        ``a`` and ``b`` are actor code prefixes ("USA", "PRKGOV")."""
        if by not in PERIODS:
            raise StoreError(f"{by!r}: by must be one of {', '.join(PERIODS)}")
        a, b = a.upper(), b.upper()
        base, params = self._base(filters, count)
        ph = self.ph
        like = LIKE.format(ph)
        sql = (f"SELECT period, direction, COUNT(*) AS n, {_QUADS}, {_GOLD} FROM ("
               f"SELECT CAST(date_trunc('{by}', CAST(m.day AS TIMESTAMP)) AS DATE) AS period, "
               f"CASE WHEN m.source_code {like} AND m.target_code {like} THEN {ph} ELSE {ph} END AS direction, "
               f"m.quad_class AS quad_class, m.goldstein AS goldstein FROM {base} AND m.day IS NOT NULL AND "
               f"((m.source_code {like} AND m.target_code {like}) OR "
               f"(m.source_code {like} AND m.target_code {like}))) x "
               f"GROUP BY period, direction ORDER BY period, direction")
        pa, pb = like_literal(a) + "%", like_literal(b) + "%"
        params = [pa, pb, f"{a}>{b}", f"{b}>{a}"] + params + [pa, pb, pb, pa]
        df = self._frame(sql, params, ints=("n", "q1", "q2", "q3", "q4"), floats=("goldstein_sum", "goldstein_mean"))
        df["period"] = [_label(d, by) for d in df["period"]]
        return df

    def aggregate(self, unit: str = "country-month", filters: Filters | None = None, *, count: str = "events"):
        """Counts per QuadClass and Goldstein per country-month (source or target), directed dyad-month
        (source country, target country) or actor-year (source or target code)."""
        if unit not in UNITS:
            raise StoreError(f"{unit!r}: unit must be one of {', '.join(UNITS)}")
        base, params = self._base(filters, count)
        by = unit.split("-")[1]
        # group on the truncated date, then label each group in SQL ("2016-02", "2016": both backends print a
        # DATE as YYYY-MM-DD), so no Python value is made per row
        per = f"date_trunc('{by}', CAST(m.day AS TIMESTAMP))"
        label = f"substr(CAST(CAST(p AS DATE) AS TEXT), 1, {7 if by == 'month' else 4}) AS period"
        keep = "m.quad_class AS quad_class, m.goldstein AS goldstein"
        ints = ["n", "q1", "q2", "q3", "q4"]
        if unit == "dyad-month":
            sql = (f"SELECT source_country, target_country, {label}, COUNT(*) AS n, {_QUADS}, {_GOLD} FROM ("
                   f"SELECT m.source_country AS source_country, m.target_country AS target_country, {per} AS p, "
                   f"{keep} FROM {base} AND m.day IS NOT NULL AND m.source_country IS NOT NULL "
                   f"AND m.target_country IS NOT NULL) x GROUP BY source_country, target_country, p "
                   f"ORDER BY source_country, target_country, p")
            keys = ["source_country", "target_country"]
        else:
            col = "country" if unit == "country-month" else "code"
            key = "country" if col == "country" else "actor"
            sql = (f"SELECT {key}, {label}, COUNT(*) AS n, SUM(as_source) AS n_as_source, "
                   f"SUM(1 - as_source) AS n_as_target, {_QUADS}, {_GOLD} FROM ("
                   f"SELECT m.source_{col} AS {key}, 1 AS as_source, {per} AS p, {keep} FROM {base} "
                   f"AND m.day IS NOT NULL AND m.source_{col} IS NOT NULL UNION ALL "
                   f"SELECT m.target_{col} AS {key}, 0 AS as_source, {per} AS p, {keep} FROM {base} "
                   f"AND m.day IS NOT NULL AND m.target_{col} IS NOT NULL AND "
                   f"(m.source_{col} IS NULL OR m.source_{col} <> m.target_{col})) x "
                   f"GROUP BY {key}, p ORDER BY {key}, p")
            params = params + params
            keys = [key]
            ints += ["n_as_source", "n_as_target"]
        df = self._frame(sql, params, ints=ints, floats=("goldstein_sum", "goldstein_mean"), columnar=True)
        return df[keys + [c for c in df.columns if c not in keys]]

    def actors(self, filters: Filters | None = None, *, limit: int = 50, count: str = "events"):
        """The most active actors: events as source, as target, in all, first and last day."""
        base, params = self._base(filters, count)
        sql = (f"SELECT x.code AS code, ac.country AS country, ac.sector AS sector, ac.name AS name, "
               f"COUNT(*) AS n, SUM(as_source) AS n_as_source, SUM(1 - as_source) AS n_as_target, "
               f"MIN(day) AS first_day, MAX(day) AS last_day FROM ("
               f"SELECT m.source_code AS code, 1 AS as_source, m.day AS day FROM {base} AND m.source_code IS NOT NULL "
               f"UNION ALL SELECT m.target_code AS code, 0 AS as_source, m.day AS day FROM {base} "
               f"AND m.target_code IS NOT NULL AND (m.source_code IS NULL OR m.source_code <> m.target_code)) x "
               f"LEFT JOIN actors ac ON ac.code = x.code GROUP BY x.code, ac.country, ac.sector, ac.name "
               f"ORDER BY n DESC, code LIMIT {int(limit)}")
        return self._frame(sql, params + params, ints=("n", "n_as_source", "n_as_target"))

    def stats(self) -> dict:
        """What the store holds: articles (and copies), mentions, events, outlets, actors, dates, warnings."""
        one = lambda sql: self._q(sql)[1][0]  # noqa: E731
        n_art, n_copies, n_outlets, pub_min, pub_max = one(
            "SELECT COUNT(*), COUNT(copy_of), COUNT(DISTINCT outlet), MIN(published), MAX(published) FROM articles")
        n_men, n_asserted, day_min, day_max = one(
            "SELECT COUNT(*), SUM(CASE WHEN modality = 'asserted' THEN 1 ELSE 0 END), MIN(day), MAX(day) "
            "FROM mentions")
        n_ev, n_multi = one("SELECT COUNT(*), SUM(CASE WHEN n_articles > 1 THEN 1 ELSE 0 END) FROM events")
        (n_actors,) = one("SELECT COUNT(*) FROM actors")
        warned = 0
        n_warn = 0
        for (w,) in self._q("SELECT warnings FROM articles WHERE warnings <> '[]'")[1]:
            warned += 1
            n_warn += len(json.loads(w))
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"articles": int(n_art), "copies": int(n_copies), "outlets": int(n_outlets),
                "mentions": int(n_men), "mentions_asserted": int(n_asserted or 0), "events": int(n_ev),
                "events_multi_article": int(n_multi or 0), "actors": int(n_actors),
                "published_from": iso(pub_min), "published_to": iso(pub_max),
                "events_from": iso(day_min), "events_to": iso(day_max),
                "articles_with_warnings": warned, "warnings": n_warn}
