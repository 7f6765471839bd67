"""Helpers for provisioning tests: export real source tables into a dataset version, read a target back."""

from __future__ import annotations

import psycopg

from bench.stored_dataset import dataset_input as stored_dataset_input
from bench.stored_dataset import export_queries
from tdm_agents.provisioning.provision import DatasetInput
from tdm_agents.schema_discovery.discover import discover
from tdm_dataset_store import DatasetStore
from tdm_metadata_store.snapshot import SchemaSnapshot

TABLES = [
    "customers",
    "products",
    "orders",
    "order_items",
    "shipments",
    "employee",
    "audit_log",
    "events",
    "sales.store",
    "sales.staff",
    "sales.store_visits",
]


def export_dataset(
    source_url: str, store: DatasetStore, tables: list[str] = TABLES
) -> tuple[str, SchemaSnapshot]:
    """Export whole source tables (as the subsetting agent does) into a new complete dataset version."""
    snapshot = discover(source_url, schemas=("public", "sales"), include_stats=False)
    queries = {}
    for key in tables:
        info = snapshot.table(key)
        assert info is not None
        columns = ", ".join(f'"{c.name}"' for c in info.columns)
        queries[key] = f'SELECT {columns} FROM "{info.schema_name}"."{info.name}"'
    return export_queries(source_url, store, queries), snapshot


def dataset_input(store: DatasetStore, version_id: str, snapshot: SchemaSnapshot) -> DatasetInput:
    """The engine's view of a stored dataset version, read in small batches."""
    return stored_dataset_input(store, version_id, snapshot, batch_size=97)


def target_fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Every user table in the target with its row count and an order-independent content checksum."""
    out: dict[str, tuple[int, str]] = {}
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1, 2"
        ).fetchall()
        for schema, name in tables:
            row = conn.execute(
                f"SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') "
                f'FROM "{schema}"."{name}" t'
            ).fetchone()
            out[f"{schema}.{name}"] = (row[0], row[1])
    return out
