"""Provisioning benchmark on TPC-H: load a dataset version of every TPC-H table into an empty target.

Reports, measured in the same run on the same server:
- the provisioning's wall time (one transaction: create tables with their keys, binary COPY of the
  Parquet batches encoded by pgpq, foreign keys added and validated after the load, sequences),
- reference 1: server-side `COPY … FROM '<file>'` of the Parquet content (as CSV) into the same
  empty tables (keys included, foreign keys added afterwards): the physical floor of loading that
  content, target ratio <= 1.2;
- reference 2: server-side `INSERT INTO … SELECT` of the same rows into tables of the same shape;
- the process's peak RSS.

`--pct 10` provisions the subset of 10% of customers (the rows `peer_condenser` moves) instead of
whole tables.

    python -m bench.provision_tpch --scale 0.1            # embedded server, quick
    python -m bench.provision_tpch --scale 1 --server-url postgresql://... [--plain-numeric] [--pct 10]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
import pyarrow.csv as pacsv
from psycopg import sql

from bench.platform_subset import PlatformRun, subset_to_store
from bench.stored_dataset import dataset_input, export_queries
from bench.tpch import ensure_tpch_database, server_url
from tdm_agents.provisioning.provision import DatasetInput, ProvisionOptions, provision
from tdm_agents.schema_discovery.catalog import fetch_snapshot
from tdm_dataset_store import LocalDatasetStore
from tdm_metadata_store.snapshot import SchemaSnapshot

TABLES = ["region", "nation", "part", "supplier", "partsupp", "customer", "orders", "lineitem"]


def export_dataset(url: str, store: LocalDatasetStore, pct: float | None) -> tuple[str, SchemaSnapshot]:
    """Every TPC-H table, or the subset of `pct`% of customers, as a dataset version."""
    with psycopg.connect(url) as conn:
        snapshot = fetch_snapshot(conn, ["public"])
    if pct is not None:
        return subset_to_store(url, snapshot, store, pct, 42, PlatformRun()), snapshot
    return export_queries(url, store, {table: f"SELECT * FROM {table}" for table in TABLES}), snapshot


def _reference_tables(conn: psycopg.Connection, schema: str) -> list[str]:
    """Empty copies of the TPC-H tables (columns, PK) in `schema`; returns the FK statements to run after."""
    conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
    conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    for table in TABLES:
        conn.execute(
            sql.SQL(
                "CREATE TABLE {} (LIKE public.{} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)"
            ).format(sql.Identifier(schema, table), sql.Identifier(table))
        )
    rows = conn.execute(
        "SELECT c.relname, pg_get_constraintdef(con.oid) FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE con.contype = 'f' AND n.nspname = 'public'"
    ).fetchall()
    return [
        f'ALTER TABLE "{schema}"."{t}" ADD {d.replace("REFERENCES ", f"REFERENCES {schema}.")}'
        for t, d in rows
    ]


def run_insert_select(url: str) -> float:
    """Seconds for `INSERT INTO … SELECT` of every table plus FK creation, in one transaction."""
    with psycopg.connect(url) as conn:
        fks = _reference_tables(conn, "ref_insert")
        conn.commit()
        start = time.perf_counter()
        for table in TABLES:
            conn.execute(
                sql.SQL("INSERT INTO {} SELECT * FROM {}").format(
                    sql.Identifier("ref_insert", table), sql.Identifier(table)
                )
            )
        for statement in fks:
            conn.execute(statement)
        conn.commit()
        elapsed = time.perf_counter() - start
        conn.execute("DROP SCHEMA ref_insert CASCADE")
        conn.commit()
    return elapsed


def run_copy_from_files(url: str, store: LocalDatasetStore, version_id: str, work: Path) -> float:
    """Seconds for server-side `COPY … FROM '<csv>'` of the Parquet content plus FK creation."""
    files = {}
    work.chmod(0o755)  # the server process (another OS user) reads the files itself
    for table in TABLES:
        path = work / f"{table}.csv"
        with pacsv.CSVWriter(
            path,
            store.table_schema(version_id, table),
            write_options=pacsv.WriteOptions(include_header=False),
        ) as writer:
            for batch in store.read_table(version_id, table):
                writer.write_batch(batch)
        path.chmod(0o644)
        files[table] = path
    with psycopg.connect(url) as conn:
        fks = _reference_tables(conn, "ref_copy")
        conn.commit()
        start = time.perf_counter()
        for table, path in files.items():
            conn.execute(
                sql.SQL("COPY {} FROM {} (FORMAT csv)").format(
                    sql.Identifier("ref_copy", table), sql.Literal(str(path))
                )
            )
        for statement in fks:
            conn.execute(statement)
        conn.commit()
        elapsed = time.perf_counter() - start
        conn.execute("DROP SCHEMA ref_copy CASCADE")
        conn.commit()
    return elapsed


def run_provisioning(server: str, dataset: DatasetInput) -> tuple[float, dict[str, int]]:
    """Seconds to provision into a fresh empty database on the same server (smoke tests off)."""
    name = f"tdm_bench_target_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    target = psycopg.conninfo.make_conninfo(server, dbname=name)
    try:
        start = time.perf_counter()
        result = provision(target, dataset, ProvisionOptions(mode="truncate", run_smoke_tests=False))
        return time.perf_counter() - start, result["row_counts"]
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def main() -> None:
    """Export TPC-H into a dataset version, provision it, and print the ratios to both references."""
    parser = argparse.ArgumentParser(description="Provision TPC-H; ratio to server-side COPY FROM")
    parser.add_argument("--scale", type=float, default=1.0, help="TPC-H scale factor (0.1 for a quick run)")
    parser.add_argument(
        "--server-url", default=None, help="PostgreSQL server URL; default: an embedded server"
    )
    parser.add_argument("--plain-numeric", action="store_true", help="Source money columns as plain numeric")
    parser.add_argument(
        "--pct", type=float, default=None, help="Provision this subset instead of whole tables"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="Alternate both runs this many times; report the best of each"
    )
    args = parser.parse_args()
    with server_url(args.server_url) as server, tempfile.TemporaryDirectory(prefix="tdm-bench-prov-") as tmp:
        url = ensure_tpch_database(server, args.scale, args.plain_numeric)
        store = LocalDatasetStore(Path(tmp) / "datasets")
        version_id, snapshot = export_dataset(url, store, args.pct)
        dataset = dataset_input(store, version_id, snapshot)
        rows = sum(dataset.row_counts.values())
        provisioned = copy_from = float("inf")
        for _ in range(args.repeat):  # alternated, so a busy moment of a shared machine hits both
            seconds, counts = run_provisioning(server, dataset)
            assert counts == dataset.row_counts, "row counts differ from the manifest"
            provisioned = min(provisioned, seconds)
            copy_from = min(copy_from, run_copy_from_files(url, store, version_id, Path(tmp)))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # INSERT ... SELECT copies whole source tables: a like-for-like reference only for those.
        insert_select = run_insert_select(url) if args.pct is None else None
    kind = "plain numeric" if args.plain_numeric else "numeric(15,2)"
    what = "whole tables" if args.pct is None else f"{args.pct:g}% of customers and their closure"
    print(f"TPC-H SF{args.scale:g} ({kind}), {what}: {rows:,} rows in {len(TABLES)} tables")
    print(
        f"provisioning (one transaction, smoke tests off): {provisioned:8.2f} s  ({rows / provisioned:,.0f} rows/s)"
    )
    if insert_select is not None:
        print(f"reference INSERT INTO ... SELECT (server-side):  {insert_select:8.2f} s")
    print(f"reference COPY FROM file of the Parquet content: {copy_from:8.2f} s")
    print(f"ratio to COPY FROM file:    {provisioned / copy_from:.2f} (target <= 1.2)")
    if insert_select is not None:
        print(f"ratio to INSERT ... SELECT: {provisioned / insert_select:.2f}")
    print(f"peak RSS after provisioning (export included): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
