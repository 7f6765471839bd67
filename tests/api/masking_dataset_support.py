"""Builders for masking tests: a schema version of the source database and a small dataset version of it.

The dataset holds a few columns of `customers`, `orders`, `sales.store` and `sales.staff`; staff
emails are copied from customers so that a user-defined key `sales.staff(email) -> customers(email)`
holds, which lets tests watch a rule on a key column travel to the column that references it.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pyarrow as pa

from tdm_agents.schema_discovery.catalog import fetch_snapshot
from tdm_dataset_store import LocalDatasetStore
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository

QUERIES = {
    "customers": "SELECT id, first_name, last_name, email::text AS email, phone, c7 FROM customers ORDER BY id",
    "orders": "SELECT id, customer_id, shipping_postcode, ordered_at FROM orders ORDER BY id",
    "sales.store": "SELECT id, name, manager_staff_id FROM sales.store ORDER BY id",
    "sales.staff": "SELECT id, store_id, first_name, last_name, email, phone FROM sales.staff ORDER BY id",
}
TYPES = {
    "customers": {"id": pa.int64(), "first_name": pa.string(), "last_name": pa.string(), "email": pa.string(),
                  "phone": pa.string(), "c7": pa.string()},
    "orders": {"id": pa.int64(), "customer_id": pa.int64(), "shipping_postcode": pa.string(),
               "ordered_at": pa.timestamp("us", tz="UTC")},
    "sales.store": {"id": pa.int32(), "name": pa.string(), "manager_staff_id": pa.int32()},
    "sales.staff": {"id": pa.int32(), "store_id": pa.int32(), "first_name": pa.string(),
                    "last_name": pa.string(), "email": pa.string(), "phone": pa.string()},
}  # fmt: skip
STAFF_EMAIL_KEY = {
    "kind": "foreign_key", "child_table": "sales.staff", "child_columns": ["email"],
    "parent_table": "customers", "parent_columns": ["email"],
}  # fmt: skip


def store_dir(env: dict[str, str]) -> Path:
    """The platform's local dataset directory."""
    return Path(env["TDM_DATASET_DIR"])


def save_schema_version(metadata_url: str, source_url: str) -> tuple[str, str]:
    """(schema id, schema version id) of the source's structure, saved without a discovery job."""
    with psycopg.connect(source_url) as conn:
        snapshot = fetch_snapshot(conn, ["public", "sales"])
    engine = make_engine(metadata_url)
    with unit_of_work(make_session_factory(engine)) as session:
        repo = SchemaRepository(session)
        schema = repo.get_or_create_schema(f"shop-{uuid.uuid4().hex[:6]}")
        version = repo.save_version(schema.id, snapshot)
        ids = (str(schema.id), str(version.id))
    engine.dispose()
    return ids


def _tables(source_url: str) -> dict[str, pa.Table]:
    tables = {}
    with psycopg.connect(source_url) as conn:
        for name, query in QUERIES.items():
            cur = conn.execute(query)
            columns = [d.name for d in cur.description]
            rows = cur.fetchall()
            types = TYPES[name]
            data = {c: pa.array([r[i] for r in rows], types[c]) for i, c in enumerate(columns)}
            tables[name] = pa.table(data)
    customer_emails = tables["customers"].column("email")
    staff = tables["sales.staff"]
    emails = pa.array([customer_emails[i % len(customer_emails)].as_py() for i in range(staff.num_rows)])
    tables["sales.staff"] = staff.set_column(staff.schema.get_field_index("email"), "email", emails)
    return tables


def write_dataset_version(
    metadata_url: str, data_dir: Path, source_url: str, schema_version_id: str, status: str = "ready"
) -> str:
    """A `subset` dataset version of the source with the tables above; returns its id."""
    store = LocalDatasetStore(data_dir)
    version_id = uuid.uuid4()
    files = {}
    for name, table in _tables(source_url).items():
        files[name] = store.write_table(version_id, name, table.to_batches(max_chunksize=7), table.schema)
    if status == "ready":
        store.write_manifest(version_id, files)
    engine = make_engine(metadata_url)
    with unit_of_work(make_session_factory(engine)) as session:
        repo = DatasetRepository(session)
        repo.create(version_id, source_type="subset", path_prefix=f"datasets/{version_id}/",
                    schema_version_id=uuid.UUID(schema_version_id))  # fmt: skip
        repo.set_status(version_id, status, row_count=sum(f.rows for f in files.values()))
    engine.dispose()
    return str(version_id)


def read_table(data_dir: Path, version_id: str, table: str) -> pa.Table:
    """A whole stored table (test data is small)."""
    store = LocalDatasetStore(data_dir)
    return pa.Table.from_batches(
        list(store.read_table(version_id, table)), schema=store.table_schema(version_id, table)
    )
