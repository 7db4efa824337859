"""The store schema, shared by DuckDB and PostgreSQL."""
import re
from functools import lru_cache

TABLES = {
    "articles": """
CREATE TABLE IF NOT EXISTS articles (
    article_id    TEXT PRIMARY KEY,
    content_hash  TEXT NOT NULL,
    title         TEXT,
    published     DATE,
    outlet        TEXT,
    url           TEXT,
    source_path   TEXT,
    text          TEXT NOT NULL,
    warnings      TEXT NOT NULL DEFAULT '[]',
    n_events      INTEGER NOT NULL DEFAULT 0,
    copy_of       TEXT,
    minhash       BYTEA,
    ingested_at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
)""",
    "mentions": """
CREATE TABLE IF NOT EXISTS mentions (
    event_id        TEXT PRIMARY KEY,
    article_id      TEXT NOT NULL,
    source_code     TEXT,
    source_country  TEXT,
    source_sector   TEXT,
    target_code     TEXT,
    target_country  TEXT,
    target_sector   TEXT,
    cameo           TEXT NOT NULL,
    cameo_root      TEXT NOT NULL,
    plover          TEXT,
    quad_class      INTEGER NOT NULL,
    goldstein       DOUBLE PRECISION NOT NULL,
    date            TEXT,
    day             DATE,
    date_precision  TEXT,
    date_basis      TEXT,
    modality        TEXT NOT NULL,
    confidence      DOUBLE PRECISION,
    trigger         TEXT,
    sentence        TEXT,
    outlet          TEXT,
    cluster_id      TEXT,
    minhash         BYTEA,
    record          TEXT NOT NULL
)""",
    "events": """
CREATE TABLE IF NOT EXISTS events (
    cluster_id    TEXT PRIMARY KEY,
    rep_event_id  TEXT NOT NULL,
    source_code   TEXT,
    target_code   TEXT,
    cameo_root    TEXT NOT NULL,
    modality      TEXT NOT NULL,
    day_first     DATE,
    day_last      DATE,
    first_report  DATE,
    last_report   DATE,
    n_mentions    INTEGER NOT NULL,
    n_articles    INTEGER NOT NULL,
    n_outlets     INTEGER NOT NULL
)""",
    "actors": """
CREATE TABLE IF NOT EXISTS actors (
    code     TEXT PRIMARY KEY,
    country  TEXT,
    sector   TEXT,
    name     TEXT
)""",
}
INDEXES = [
    "CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id)",
    "CREATE INDEX IF NOT EXISTS mentions_day ON mentions(day)",
    "CREATE INDEX IF NOT EXISTS mentions_dyad ON mentions(source_country, target_country)",
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash)",
    "CREATE INDEX IF NOT EXISTS mentions_cluster ON mentions(cluster_id)",
    "CREATE INDEX IF NOT EXISTS mentions_block ON mentions(source_code, cameo_root)",
    "CREATE INDEX IF NOT EXISTS events_rep ON events(rep_event_id)",
]
MENTION_COLUMNS = ["event_id", "article_id", "source_code", "source_country", "source_sector", "target_code",
                   "target_country", "target_sector", "cameo", "cameo_root", "plover", "quad_class", "goldstein",
                   "date", "day", "date_precision", "date_basis", "modality", "confidence", "trigger", "sentence",
                   "outlet", "cluster_id", "minhash", "record"]
ARTICLE_COLUMNS = ["article_id", "content_hash", "title", "published", "outlet", "url", "source_path", "text",
                   "warnings", "n_events", "copy_of", "minhash"]
EVENT_COLUMNS = ["cluster_id", "rep_event_id", "source_code", "target_code", "cameo_root", "modality", "day_first",
                 "day_last", "first_report", "last_report", "n_mentions", "n_articles", "n_outlets"]
ACTOR_COLUMNS = ["code", "country", "sector", "name"]


@lru_cache(maxsize=None)
def column_types(table: str) -> dict[str, str]:
    """The SQL type of each column of one of detente's tables, as its DDL above declares it."""
    out = {}
    for line in TABLES[table].splitlines()[2:]:
        m = re.match(r"\s+(\w+)\s+(TEXT|DATE|INTEGER|DOUBLE PRECISION|BYTEA|TIMESTAMP)\b", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out
