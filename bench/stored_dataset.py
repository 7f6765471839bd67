"""Source tables stored as a dataset version, and the provisioning engine's view of such a version.

Shared by the provisioning benchmark and the provisioning tests, so both export and read a
version the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import adbc_driver_postgresql.dbapi as adbc

from tdm_agents.provisioning.provision import DatasetInput
from tdm_agents.subsetting.export import normalize_numeric
from tdm_dataset_store import DatasetStore
from tdm_dataset_store.store import DEFAULT_BATCH_SIZE
from tdm_metadata_store.snapshot import SchemaSnapshot


def export_queries(url: str, store: DatasetStore, queries: Mapping[str, str]) -> str:
    """Store each table's query result (ADBC COPY-binary reads, as the subsetting export does) as
    one complete new dataset version; returns its id."""
    version_id = str(uuid.uuid4())
    infos = {}
    with adbc.connect(url) as conn, conn.cursor() as cur:
        for table, query in queries.items():
            cur.execute(query)
            reader = cur.fetch_record_batch()
            schema, batches = normalize_numeric(reader.schema, reader, table)
            infos[table] = store.write_table(version_id, table, batches, schema)
    store.write_manifest(version_id, infos)
    return version_id


def dataset_input(
    store: DatasetStore, version_id: str, snapshot: SchemaSnapshot, batch_size: int = DEFAULT_BATCH_SIZE
) -> DatasetInput:
    """The engine's view of a stored dataset version: every table in its manifest."""
    manifest = store.read_manifest(version_id)
    assert manifest is not None
    return DatasetInput(
        snapshot=snapshot,
        row_counts={name: info.rows for name, info in manifest.tables.items()},
        arrow_schemas={name: store.table_schema(version_id, name) for name in manifest.tables},
        read=lambda table: store.read_table(version_id, table, batch_size=batch_size),
    )
