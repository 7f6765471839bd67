"""The platform's subset job and provisioning job as plain calls, for benchmarks that time them.

The same steps as the orchestrator's graphs, minus the metadata rows: extract the subset into a
dataset version (Parquet per table, manifest last), verify its referential integrity from the
stored key columns, then provision that version into a target in one transaction.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pyarrow as pa

from tdm_agents.provisioning.provision import DatasetInput, ProvisionOptions, provision
from tdm_agents.schema_discovery.catalog import fetch_snapshot
from tdm_agents.subsetting import (
    FkGraph,
    ResolvedRequest,
    SubsetRequest,
    extract_subset,
    validate_request,
    verify_subset,
)
from tdm_dataset_store import LocalDatasetStore
from tdm_metadata_store.snapshot import SchemaSnapshot


@dataclass
class PlatformRun:
    """Seconds per step and rows per table of one subset + provision run."""

    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def source_snapshot(url: str) -> SchemaSnapshot:
    """The discovered schema of the source's `public` schema."""
    with psycopg.connect(url) as conn:
        return fetch_snapshot(conn, ["public"])


def subset_to_store(
    url: str, snapshot: SchemaSnapshot, store: LocalDatasetStore, pct: float, seed: int, run: PlatformRun
) -> str:
    """Extract `pct`% of customers and their closure into a new dataset version; returns its id."""
    request = SubsetRequest(
        schema_version_id="bench", connection_string=url, root_table="customer", sampling_pct=pct, seed=seed
    )
    resolved = validate_request(request, snapshot)
    version_id = str(uuid.uuid4())
    files = {}

    def sink(table: str, batches, schema: pa.Schema):
        files[table] = store.write_table(version_id, table, batches, schema)
        return files[table]

    started = time.perf_counter()
    result = extract_subset(url, snapshot, resolved, sink)
    run.seconds["subset"] = time.perf_counter() - started
    started = time.perf_counter()
    report = verify_subset(snapshot, key_reader(store, version_id, snapshot, resolved), list(files))
    if not report.intact:
        raise AssertionError(f"subset has orphans: {report.orphans}")
    store.write_manifest(version_id, files)
    run.seconds["verify"] = time.perf_counter() - started
    run.rows = dict(result.row_counts)
    return version_id


def key_reader(
    store: LocalDatasetStore, version_id: str, snapshot: SchemaSnapshot, resolved: ResolvedRequest
) -> Callable[[str], pa.Table]:
    """Reads a stored table's join columns back (its first column if it has none), as the job's
    verification does."""
    keys = _key_columns(snapshot)

    def read_keys(table: str) -> pa.Table:
        columns = keys.get(table) or [resolved.table(table).columns[0].name]
        schema = store.table_schema(version_id, table, allow_incomplete=True)
        return pa.Table.from_batches(
            list(store.read_table(version_id, table, columns=columns, allow_incomplete=True)),
            schema=pa.schema([schema.field(c) for c in columns]),
        )

    return read_keys


def _key_columns(snapshot: SchemaSnapshot) -> dict[str, list[str]]:
    """Per table, the columns relationships join on (all verification reads, as the job does)."""
    keys: dict[str, list[str]] = {}
    for rel in FkGraph.from_snapshot(snapshot).relationships:
        for key, columns in ((rel.child_key, rel.child_columns), (rel.parent_key, rel.parent_columns)):
            bucket = keys.setdefault(key, [])
            bucket.extend(c for c in columns if c not in bucket)
    return keys


def provision_version(
    target: str, store: LocalDatasetStore, version_id: str, snapshot: SchemaSnapshot, run: PlatformRun
) -> dict[str, int]:
    """Provision the version into `target` as the provisioning job does (truncate, smoke tests on)."""
    manifest = store.read_manifest(version_id)
    assert manifest is not None
    dataset = DatasetInput(
        snapshot=snapshot,
        row_counts={name: info.rows for name, info in manifest.tables.items()},
        arrow_schemas={name: store.table_schema(version_id, name) for name in manifest.tables},
        read=lambda table: store.read_table(version_id, table),
    )
    started = time.perf_counter()
    result = provision(target, dataset, ProvisionOptions(mode="truncate", run_smoke_tests=True))
    run.seconds["provision"] = time.perf_counter() - started
    return result["row_counts"]


def fresh_database(server: str, name: str) -> str:
    """Drop and create database `name` on `server`; returns its libpq URL."""
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(
            psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(psycopg.sql.Identifier(name))
        )
        conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
    return psycopg.conninfo.make_conninfo(server, dbname=name)


def drop_database(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(
            psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(psycopg.sql.Identifier(name))
        )


def store_in(directory: Path) -> LocalDatasetStore:
    return LocalDatasetStore(directory / "datasets")
