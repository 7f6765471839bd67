"""Discovery of a generated N-table schema (default 500), with statistics; target 10 s.

    .venv/bin/python -m bench.discovery_500_tables [--tables 500] [--url postgresql://...]

Without --url an embedded server is started in a temporary directory. The schema has chains of
foreign keys, an index per table and a few thousand rows in every tenth table. The reference is
the catalog floor: one `SELECT count(*) FROM pg_attribute` round trip per table, timed in the
same run on the same database.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from tdm_agents.schema_discovery.discover import discover

TARGET_S = 10.0


@contextmanager
def _server(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    from tdm_api.stack.embedded_postgres import EmbeddedPostgres

    data_dir = Path(tempfile.mkdtemp(prefix="tdm-bench-pg-"))
    server = EmbeddedPostgres(data_dir / "data")
    server.start()
    try:
        yield server.url
    finally:
        server.stop(mode="immediate")
        shutil.rmtree(data_dir, ignore_errors=True)


def _database(server_url: str) -> str:
    name = f"tdm_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def build_schema(url: str, tables: int, rows: int = 3000) -> None:
    """Create `tables` tables t0000.. each referencing the previous one, with an index each."""
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        for i in range(tables):
            name, parent = sql.Identifier(f"t{i:04d}"), sql.Identifier(f"t{i - 1:04d}")
            parent_ref = sql.SQL(", parent_id bigint REFERENCES {} (id)").format(parent) if i else sql.SQL("")
            conn.execute(
                sql.SQL(
                    "CREATE TABLE {} (id bigint PRIMARY KEY, code text NOT NULL, email text, amount numeric(12,2), "
                    "created_at timestamptz DEFAULT now(), payload jsonb{})"
                ).format(name, parent_ref)
            )
            conn.execute(sql.SQL("CREATE INDEX ON {} (code)").format(name))
            if i % 10 == 0:
                conn.execute(
                    sql.SQL(
                        "INSERT INTO {} (id, code, email, amount, payload) SELECT g, 'C' || g, 'user' || g || '@example.org', "
                        "g * 1.25, jsonb_build_object('g', g) FROM generate_series(1, %s) g"
                    ).format(name),
                    (rows,),
                )
        conn.execute("ANALYZE")


def reference_seconds(url: str, tables: int) -> float:
    """One catalog round trip per table: the floor any per-table discovery pays."""
    with psycopg.connect(url, autocommit=True) as conn:
        start = time.perf_counter()
        for _ in range(tables):
            conn.execute("SELECT count(*) FROM pg_attribute").fetchone()
        return time.perf_counter() - start


def main() -> None:
    """Build the schema, time discovery with statistics, print the figure and its ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tables", type=int, default=500)
    parser.add_argument("--url", help="server URL where a scratch database may be created")
    parser.add_argument("--sample-size", type=int, default=10000)
    args = parser.parse_args()
    with _server(args.url) as server_url:
        url = _database(server_url)
        build_schema(url, args.tables)
        discover(url, include_stats=False)  # warm the catalog caches like a second run would
        start = time.perf_counter()
        snapshot = discover(url, include_stats=True, sample_size=args.sample_size)
        elapsed = time.perf_counter() - start
        reference = reference_seconds(url, args.tables)
    assert len(snapshot.tables) == args.tables and len(snapshot.relationships) == args.tables - 1
    print(f"discovery of {args.tables} tables with stats: {elapsed:.2f} s")
    print(f"ratio to the {TARGET_S:.0f} s target: {elapsed / TARGET_S:.3f} (<= 1 meets it)")
    print(
        f"reference ({args.tables} x count(pg_attribute) round trips): {reference:.2f} s; "
        f"ratio discovery/reference: {elapsed / reference:.2f}"
    )


if __name__ == "__main__":
    main()
