"""Masking benchmark on TPC-H: a whole dataset version masked with a realistic rule set.

Reports, measured in the same run on the same dataset store:
- the reference: copying the version's Parquet files through the store (read -> write, no transform),
- masking the version (read -> mask column-at-a-time -> write), rows/s over all tables,
- their ratio (masking time / copy time), plus the integrity and leak checks' time on their own.

The input version is a plain COPY export of every table (ADBC, COPY binary -> Arrow -> Parquet).

    python -m bench.masking_tpch --scale 0.1            # embedded server, quick
    python -m bench.masking_tpch --scale 1 --server-url postgresql://...
    python -m bench.masking_tpch --scale 1 --baseline   # also mask with the engine's earlier path
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import adbc_driver_postgresql.dbapi as adbc
import psycopg

from bench.masking_baseline import masking_context
from bench.tpch import TABLES_DDL, ensure_tpch_database, server_url
from tdm_agents.masking import (
    InMemoryTokenSink,
    MaskContext,
    MaskingKeyring,
    check_integrity,
    leak_check,
    mask_dataset,
    parse_masking_keys,
    validate_rules,
)
from tdm_agents.schema_discovery.catalog import fetch_snapshot
from tdm_agents.subsetting.source_session import libpq_url
from tdm_dataset_store import DatasetStore, LocalDatasetStore

# What a QA team masks in TPC-H: names, addresses, phones, free-text comments, clerks.
RULES = {
    "customer.c_name": "mask.fake_name",
    "customer.c_address": "mask.fake_address",
    "customer.c_phone": {"type": "mask.fpe_digits", "options": {"tweak_label": "phone"}},
    "customer.c_comment": "mask.redact",
    "supplier.s_name": "mask.fake_company",
    "supplier.s_address": "mask.fake_address",
    "supplier.s_phone": {"type": "mask.fpe_digits", "options": {"tweak_label": "phone"}},
    "supplier.s_comment": "mask.redact",
    "orders.o_clerk": {"type": "mask.hash", "options": {"output": "truncated", "length": 16}},
    "orders.o_comment": "mask.redact",
    "lineitem.l_comment": "mask.redact",
    "partsupp.ps_comment": "mask.redact",
    "part.p_comment": "mask.redact",
}


def export_version(url: str, store: DatasetStore) -> str:
    """Every TPC-H table into a new complete dataset version; returns its id."""
    version_id = str(uuid.uuid4())
    infos = {}
    with adbc.connect(libpq_url(url)) as conn, conn.cursor() as cur:
        for table in TABLES_DDL:
            cur.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed TPC-H table names
            reader = cur.fetch_record_batch()
            infos[table] = store.write_table(version_id, table, reader, reader.schema)
    store.write_manifest(version_id, infos)
    return version_id


def copy_version(store: DatasetStore, source: str, tables: list[str]) -> float:
    """Seconds to copy every table through the store untouched (the reference)."""
    target = str(uuid.uuid4())
    started = time.perf_counter()
    infos = {
        t: store.write_table(target, t, store.read_table(source, t), store.table_schema(source, t))
        for t in tables
    }
    store.write_manifest(target, infos)
    return time.perf_counter() - started


def mask_version(
    store: DatasetStore, source: str, tables: list[str], rules, ctx: MaskContext
) -> tuple[float, str]:
    """(seconds, masked version id) for masking every table through the store."""
    target = str(uuid.uuid4())
    infos = {}

    def read(table: str, columns=None):
        return store.read_table(source, table, columns=columns)

    def write(table: str, batches, schema):
        infos[table] = store.write_table(target, table, batches, schema or store.table_schema(source, table))

    started = time.perf_counter()
    mask_dataset(read, write, tables, rules, ctx)
    store.write_manifest(target, infos)
    return time.perf_counter() - started, target


def main() -> None:
    parser = argparse.ArgumentParser(description="Mask a TPC-H dataset version; ratio to copying its files")
    parser.add_argument("--scale", type=float, default=1.0, help="TPC-H scale factor (0.1 for a quick run)")
    parser.add_argument(
        "--server-url", default=None, help="PostgreSQL server URL; default: an embedded server"
    )
    parser.add_argument("--data-dir", default=None, help="Dataset store directory (default: a temporary one)")
    parser.add_argument(
        "--skip-checks", action="store_true", help="Do not time the integrity and leak checks"
    )
    parser.add_argument(
        "--baseline", action="store_true", help="Also mask with the engine's earlier path, in the same run"
    )
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="tdm-mask-bench-"))
    try:
        with server_url(args.server_url) as server:
            url = ensure_tpch_database(server, args.scale)
            with psycopg.connect(url) as conn:
                snapshot = fetch_snapshot(conn, ["public"])
            store = LocalDatasetStore(data_dir)
            started = time.perf_counter()
            source = export_version(url, store)
            export_s = time.perf_counter() - started
        _report(store, source, snapshot, export_s, args.skip_checks, args.baseline)
    finally:
        if args.data_dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)


def _report(
    store: DatasetStore, source: str, snapshot, export_s: float, skip_checks: bool, baseline: bool
) -> None:
    manifest = store.read_manifest(source)
    tables = sorted(manifest.tables)
    rows = sum(info.rows for info in manifest.tables.values())
    rules = validate_rules(RULES, snapshot)
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    keyring = MaskingKeyring(parse_masking_keys(f"bench:{key}"), "bench")
    copy_s = copy_version(store, source, tables)
    print(f"input: {len(tables)} tables, {rows:,} rows, {len(rules)} column rules (export {export_s:.1f}s)")
    print(f"copy (store read -> write):  {copy_s:8.2f}s  {rows / copy_s:12,.0f} rows/s")
    for earlier in (True, False) if baseline else (False,):
        ctx = masking_context(keyring, earlier, token_sink=InMemoryTokenSink())
        mask_s, masked = mask_version(store, source, tables, rules, ctx)
        label = "mask, earlier path" if earlier else "mask (read -> mask -> write)"
        print(
            f"{label + ':':30s}{mask_s:8.2f}s  {rows / mask_s:12,.0f} rows/s  ratio to copy {mask_s / copy_s:.2f}"
        )
    if skip_checks:
        return

    def reader(version: str):
        return lambda table, columns=None: store.read_table(version, table, columns=columns)

    started = time.perf_counter()
    integrity = check_integrity(reader(masked), snapshot, tables)
    leaks = leak_check(reader(source), reader(masked), rules)
    checks_s = time.perf_counter() - started
    print(f"checks (integrity + leak): {checks_s:.2f}s; orphans ok={integrity.ok}; {leaks.summary()}")


if __name__ == "__main__":
    main()
