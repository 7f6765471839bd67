"""The zoo round trip through the agent functions the jobs run: discover → subset → provision."""

from __future__ import annotations

import uuid

import pyarrow as pa

from bench.stored_dataset import dataset_input as stored_dataset_input
from tdm_agents.provisioning.provision import DatasetInput, ProvisionOptions, provision
from tdm_agents.schema_discovery.discover import discover
from tdm_agents.subsetting import SubsetRequest, extract_subset, validate_request
from tdm_dataset_store import DatasetStore
from tdm_metadata_store.snapshot import SchemaSnapshot


def discover_all(url: str, schemas: list[str]) -> SchemaSnapshot:
    """Discovery as the discovery job runs it (statistics included)."""
    return discover(url, schemas=schemas, include_stats=True)


def subset_everything(url: str, snapshot: SchemaSnapshot, store: DatasetStore) -> str:
    """A 100 % subset of every table, rooted at all of them, stored as a new dataset version."""
    roots = [
        t.key for t in snapshot.tables if t.is_subset_source and t.kind in ("table", "partitioned_table")
    ]
    request = SubsetRequest(schema_version_id="zoo", connection_string=url, root_table=roots)
    resolved = validate_request(request, snapshot)
    version_id = str(uuid.uuid4())
    files = {}

    def sink(table: str, batches, schema: pa.Schema):
        files[table] = store.write_table(version_id, table, batches, schema)
        return files[table]

    extract_subset(url, snapshot, resolved, sink)
    store.write_manifest(version_id, files)
    return version_id


def provision_dataset(
    target_url: str, store: DatasetStore, version_id: str, snapshot: SchemaSnapshot
) -> dict:
    """Provision the stored version into the target as the provisioning job does (truncate mode)."""
    return provision(
        target_url, dataset_input(store, version_id, snapshot), ProvisionOptions(mode="truncate")
    )


def dataset_input(store: DatasetStore, version_id: str, snapshot: SchemaSnapshot) -> DatasetInput:
    """The provisioning engine's view of the stored version, read in batches of 500 rows."""
    return stored_dataset_input(store, version_id, snapshot, batch_size=500)
