"""The platform's subset with direct delivery as plain calls, for benchmarks that time it.

The agent calls a workflow's subset step makes when the workflow provisions the subset next
(`tdm_orchestrator.direct_delivery`, over `tdm_agents.provisioning.direct`): the extraction's batches go into the target's COPY (one provisioning
transaction) and into the Parquet dataset version at once; the version is verified from its stored
key columns and its manifest written while the target builds its keys; only then is the target
committed. Minus the metadata rows, as in `platform_subset`.
"""

from __future__ import annotations

import time
import uuid

import pyarrow as pa

from bench.platform_subset import PlatformRun, key_reader
from tdm_agents.provisioning.direct import deliver
from tdm_agents.provisioning.options import ProvisionOptions
from tdm_agents.subsetting import SubsetRequest, extract_subset, validate_request, verify_subset
from tdm_dataset_store import LocalDatasetStore
from tdm_metadata_store.snapshot import SchemaSnapshot


def subset_and_deliver(
    url: str,
    snapshot: SchemaSnapshot,
    store: LocalDatasetStore,
    target: str,
    pct: float,
    seed: int,
    run: PlatformRun,
) -> str:
    """Extract `pct`% of customers into a new dataset version and into `target` at once; returns its id."""
    request = SubsetRequest(
        schema_version_id="bench", connection_string=url, root_table="customer", sampling_pct=pct, seed=seed
    )
    resolved = validate_request(request, snapshot)
    version_id = str(uuid.uuid4())
    files = {}

    def sink(table: str, batches, schema: pa.Schema):
        files[table] = store.write_table(version_id, table, batches, schema)
        return files[table]

    def stored(table: str, columns: list[str] | None = None):
        return store.read_table(version_id, table, columns=columns, allow_incomplete=True)

    started = time.perf_counter()
    options = ProvisionOptions(mode="truncate", run_smoke_tests=True)
    with deliver(target, snapshot, resolved.output_tables(), options) as delivery:
        result = extract_subset(url, snapshot, resolved, delivery.tee(sink, stored))
        run.seconds["subset+load"] = time.perf_counter() - started
        started = time.perf_counter()

        def verify() -> None:
            report = verify_subset(snapshot, key_reader(store, version_id, snapshot, resolved), list(files))
            if not report.intact:
                raise AssertionError(f"subset has orphans: {report.orphans}")
            store.write_manifest(version_id, files)

        # The dataset is verified while the target builds its keys; the target commits only after.
        delivery.complete_while(verify, result.row_counts, stored)
        delivery.commit()
        run.seconds["verify+keys+smoke"] = time.perf_counter() - started
    run.rows = dict(result.row_counts)
    return version_id
