"""Aggregate query speed on a synthetic store: the store's ``aggregate`` against a hand-written GROUP BY.

    .venv/bin/python bench/query_speed.py                  # 10 million events, DuckDB
    .venv/bin/python bench/query_speed.py --n 1000000 --pg # also PostgreSQL (server started here)

The store is generated with SQL (no Python loops): N mentions, each its own merged event, five per
article, 60 countries, 25 years of days. Times are wall seconds, best of --repeat; quote the ratios.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("DETENTE_PG_BIN", "/usr/lib/postgresql/15/bin"))
COUNTRIES = ("USA RUS CHN GBR FRA DEU JPN KOR PRK IRN IRQ SYR ISR PSE EGY SAU TUR IND PAK AFG UKR POL ITA ESP "
             "CAN MEX BRA ARG VEN COL NGA ZAF KEN ETH SDN LBY DZA MAR TUN YEM QAT ARE JOR LBN AUS NZL IDN PHL "
             "VNM THA MMR MYS SGP TWN BLR KAZ GEO ARM AZE SRB").split()

GENERATE = [
    "CREATE TABLE cc (k INTEGER, iso TEXT)",
    "INSERT INTO cc VALUES " + ", ".join(f"({k}, '{c}')" for k, c in enumerate(COUNTRIES)),
    """INSERT INTO mentions (event_id, article_id, source_code, source_country, source_sector, target_code,
        target_country, target_sector, cameo, cameo_root, plover, quad_class, goldstein, date, day, date_precision,
        date_basis, modality, confidence, trigger, sentence, outlet, cluster_id, record)
    SELECT 'm' || CAST(i AS TEXT), 'a' || CAST(i - i % 5 AS TEXT),
        CASE WHEN i % 11 = 0 THEN NULL ELSE s.iso || 'GOV' END, CASE WHEN i % 11 = 0 THEN NULL ELSE s.iso END, 'GOV',
        CASE WHEN i % 7 = 0 THEN NULL ELSE t.iso END, CASE WHEN i % 7 = 0 THEN NULL ELSE t.iso END, NULL,
        lpad(CAST(1 + i % 20 AS TEXT), 2, '0') || '0', lpad(CAST(1 + i % 20 AS TEXT), 2, '0'), 'CONSULT',
        1 + CAST(i % 4 AS INTEGER), CAST((i * 37) % 201 AS DOUBLE PRECISION) / 10 - 10,
        CAST(day AS TEXT), day, 'day', 'sentence', CASE WHEN i % 10 = 0 THEN 'negated' ELSE 'asserted' END, 0.5,
        'met', '', 'outlet' || CAST(i % 50 AS TEXT), 'c' || CAST(i AS TEXT), '{{}}'
    FROM (SELECT i, DATE '2000-01-01' + CAST((i * 7919) % 9131 AS INTEGER) AS day,
                 CAST((i * 2654435761) % 60 AS INTEGER) AS sk, CAST((i * 40503 + 7) % 60 AS INTEGER) AS tk
          FROM {series}) g JOIN cc s ON s.k = g.sk JOIN cc t ON t.k = g.tk""",
    """INSERT INTO events (cluster_id, rep_event_id, source_code, target_code, cameo_root, modality, day_first,
        day_last, first_report, last_report, n_mentions, n_articles, n_outlets)
    SELECT cluster_id, event_id, source_code, target_code, cameo_root, modality, day, day, day, day, 1, 1, 1
    FROM mentions""",
    """INSERT INTO articles (article_id, content_hash, published, outlet, text, n_events)
    SELECT article_id, 'h' || article_id, MIN(day), MIN(outlet), '', COUNT(*) FROM mentions GROUP BY article_id""",
    "DROP TABLE cc",
]

HAND = {
    "dyad-month": """SELECT m.source_country, m.target_country, date_trunc('month', m.day) AS period, COUNT(*) AS n,
        SUM(CASE WHEN m.quad_class = 1 THEN 1 ELSE 0 END) AS q1, SUM(CASE WHEN m.quad_class = 2 THEN 1 ELSE 0 END) AS q2,
        SUM(CASE WHEN m.quad_class = 3 THEN 1 ELSE 0 END) AS q3, SUM(CASE WHEN m.quad_class = 4 THEN 1 ELSE 0 END) AS q4,
        SUM(m.goldstein) AS goldstein_sum, AVG(m.goldstein) AS goldstein_mean
    FROM {rows} WHERE m.modality = 'asserted' AND m.day IS NOT NULL AND m.source_country IS NOT NULL
        AND m.target_country IS NOT NULL
    GROUP BY 1, 2, 3""",
    "country-month": """SELECT country, period, COUNT(*) AS n, SUM(src) AS n_as_source,
        SUM(CASE WHEN quad_class = 1 THEN 1 ELSE 0 END) AS q1, SUM(CASE WHEN quad_class = 2 THEN 1 ELSE 0 END) AS q2,
        SUM(CASE WHEN quad_class = 3 THEN 1 ELSE 0 END) AS q3, SUM(CASE WHEN quad_class = 4 THEN 1 ELSE 0 END) AS q4,
        SUM(goldstein) AS goldstein_sum, AVG(goldstein) AS goldstein_mean
    FROM (SELECT m.source_country AS country, 1 AS src, date_trunc('month', m.day) AS period, m.quad_class, m.goldstein
          FROM {rows} WHERE m.modality = 'asserted' AND m.day IS NOT NULL AND m.source_country IS NOT NULL
          UNION ALL
          SELECT m.target_country, 0, date_trunc('month', m.day), m.quad_class, m.goldstein
          FROM {rows} WHERE m.modality = 'asserted' AND m.day IS NOT NULL AND m.target_country IS NOT NULL
              AND (m.source_country IS NULL OR m.source_country <> m.target_country)) x
    GROUP BY 1, 2""",
}
# what each count of store.aggregate groups: every mention, or each merged event's representative mention
ROWS = {"mentions": "mentions m", "events": "events e JOIN mentions m ON m.event_id = e.rep_event_id"}


def build(execute, n: int, series: str) -> float:
    """Create the store's tables and fill them; returns seconds."""
    from detente.store.schema import INDEXES, TABLES

    t = time.perf_counter()
    for ddl in TABLES.values():
        execute(ddl)
    for sql in GENERATE:
        execute(sql.format(series=series.format(n=n, last=n - 1)))
    for ddl in INDEXES:
        execute(ddl)
    return time.perf_counter() - t


def best(fn, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = fn()
        times.append(time.perf_counter() - t)
    return min(times), rows


def measure(name: str, store, hand, repeat: int) -> None:
    """Time store.aggregate (counting events and mentions) against the hand-written SQL."""
    print(f"{'':10}{'unit':15}{'count':9}{'store':>9}  {'hand-written':>12}  ratio")
    for unit, sql in HAND.items():
        for count, rows in ROWS.items():
            h, hrows = best(lambda: len(hand(sql.format(rows=rows))), repeat)
            s, srows = best(lambda: len(store.aggregate(unit, count=count)), repeat)
            print(f"{name:10}{unit:15}{count:9}{s:8.2f}s  {h:11.2f}s  {s / h:5.2f}  (rows {srows} vs {hrows})")


def duckdb_run(n: int, repeat: int, memory: str) -> None:
    import duckdb

    from detente.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="detente-query-"))
    path = str(tmp / "events.duckdb")
    try:
        con = duckdb.connect(path)
        con.execute(f"SET memory_limit = '{memory}'")
        secs = build(con.execute, n, "range(0, {n}) r(i)")
        con.close()
        size = os.path.getsize(path) / 2**20
        print(f"duckdb: generated {n:,} events in {secs:.1f}s ({size:.0f} MB)")
        store = open_store(path, read_only=True)
        store.con.execute(f"SET memory_limit = '{memory}'")
        measure("duckdb", store, lambda sql: store.con.execute(sql).fetchall(), repeat)
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--"] + cmd if os.geteuid() == 0 else cmd


def postgres_run(n: int, repeat: int) -> None:
    import psycopg

    from detente.store import open_store

    if not (PG_BIN / "initdb").exists():
        print(f"postgres: no server binaries in {PG_BIN}; skipped")
        return
    tmp = Path(tempfile.mkdtemp(prefix="detente-query-pg-"))
    data = tmp / "data"
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E",
                                 "UTF8", "--no-sync"]), check=True, capture_output=True)
    opts = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='{tmp}' -c fsync=off "
            "-c shared_buffers=512MB -c work_mem=64MB -c max_wal_size=4GB")
    subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(tmp / "log"),
                                 "-w", "start"]), check=True, capture_output=True)
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        with psycopg.connect(url, autocommit=True) as con:
            secs = build(con.execute, n, "generate_series(CAST(0 AS BIGINT), {last}) r(i)")
            con.execute("VACUUM ANALYZE")
        print(f"postgres: generated {n:,} events in {secs:.1f}s")
        store = open_store(url)
        measure("postgres", store, lambda sql: store.con.execute(sql).fetchall(), repeat)
        store.close()
    finally:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000_000, help="events (default 10 million)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--memory", default="4GB", help="DuckDB memory_limit")
    ap.add_argument("--pg", action="store_true", help="also PostgreSQL (needs its server binaries)")
    ap.add_argument("--pg-n", type=int, default=None, help="events for PostgreSQL (default --n)")
    ap.add_argument("--no-duckdb", action="store_true")
    a = ap.parse_args()
    if not a.no_duckdb:
        duckdb_run(a.n, a.repeat, a.memory)
    if a.pg:
        postgres_run(a.pg_n or a.n, a.repeat)


if __name__ == "__main__":
    main()
