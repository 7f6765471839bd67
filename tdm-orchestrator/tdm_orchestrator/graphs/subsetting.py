"""Subsetting subgraph: load_profiled_metadata → parse_subset_request → build_fk_graph →
evaluate_conditions → reserve_dataset_version → plan_delivery → recursive_row_extract →
merge_results → store_subset_dataset.

Nodes are thin: they call the engine in `tdm_agents.subsetting`. The schema snapshot travels in
state as JSON (dropped again at the end); the resolved request holds SQL fragments, so every node
that needs it re-validates the stored request against that same snapshot, which is cheap and keeps
the checkpoint JSON. Rows never enter the state: they go from the source straight to the dataset
store, and the output version's id is fixed in a node of its own before any file is written.
When the workflow provisions the subset next, the extraction also loads it into the environment
in the same pass (`plan_delivery`, see `tdm_orchestrator.direct_delivery`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
from langgraph.runtime import Runtime

from tdm_agents.common.source_db import connect_readonly
from tdm_agents.subsetting import (
    ResolvedRequest,
    SubsetRequest,
    SubsetValidationError,
    extract_subset,
    plan_subset,
    validate_request,
    verify_subset,
)
from tdm_cache.keys import subset_lock_key
from tdm_cache.locks import LockKeepAlive, RedisLock
from tdm_dataset_store import TableFileInfo
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.lineage import LineageRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import SchemaSnapshot
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.contract import Step
from tdm_orchestrator.direct_delivery import extract_and_deliver, planned_run
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.linear import Subgraph, build_linear_graph
from tdm_orchestrator.graphs.node_support import reserve_output_version, step_summary
from tdm_orchestrator.state import StepState, SubsettingReads, SubsettingWrites
from tdm_orchestrator.step_inputs import SubsetInput, step_input

STEP = str(Step.SUBSET)
# The lock outlives a dead holder by at most LOCK_TTL_S; a live one renews it every LOCK_RENEW_S.
LOCK_TTL_S = 60.0
LOCK_RENEW_S = 15.0
# A second subset of the same schema version waits this long for the first, then fails clearly.
LOCK_WAIT_S = 900.0
LOCK_POLL_S = 1.0
PLAN_STATEMENT_TIMEOUT_MS = 30_000


def _options(state: StepState) -> SubsetInput:
    return step_input(state, SubsetInput)


def _snapshot(state: StepState) -> SchemaSnapshot:
    return SchemaSnapshot.model_validate(state["snapshot"])


def _resolved(state: StepState) -> tuple[SchemaSnapshot, ResolvedRequest]:
    snapshot = _snapshot(state)
    return snapshot, validate_request(SubsetRequest.model_validate(state["subset_spec"]), snapshot)


def _version_id(state: StepState) -> uuid.UUID:
    return uuid.UUID(state["subset_dataset_version_id"])


def load_profiled_metadata(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """The schema version's snapshot, user-defined keys included, and the source connection to read."""
    options = _options(state)
    version_ref = options.schema_version_id or state.get("schema_version_id")
    if not version_ref:
        raise PermanentJobError("The subset request names no schema_version_id.")
    with runtime.context.services.unit_of_work() as session:
        repo = SchemaRepository(session)
        version = repo.get_version(uuid.UUID(str(version_ref)))
        if version is None:
            raise PermanentJobError("The schema version of the subset request does not exist.")
        snapshot = repo.load_snapshot(version.id)
        schema = repo.get_schema(version.schema_id)
        connection_id = options.connection_id or (schema and schema.source_connection_id)
    if not connection_id:
        raise PermanentJobError(
            "The subset request names no connection and its schema has no source connection."
        )
    runtime.context.hooks.log(
        f"Loaded schema version {version.version_number}: {len(snapshot.tables)} tables, "
        f"{len(snapshot.relationships)} relationships",
        stage="load_profiled_metadata",
    )
    return {
        "schema_version_id": str(version.id),
        "connection_id": str(connection_id),
        "snapshot": snapshot.model_dump(mode="json"),
        "current_node": "load_profiled_metadata",
    }


def parse_subset_request(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Validate the request against the snapshot; a problem fails the job with the field it names."""
    # A URL is never stored by the API; dropped here in case a caller sent one.
    spec = _options(state).model_dump(mode="json", exclude={"connection_string"})
    spec.update(schema_version_id=state["schema_version_id"], connection_id=state["connection_id"])
    try:
        resolved = validate_request(SubsetRequest.model_validate(spec), _snapshot(state))
    except SubsetValidationError as exc:
        raise PermanentJobError(str(exc)) from None
    except ValueError as exc:  # pydantic's ValidationError: the message names fields, not values
        raise PermanentJobError(f"invalid subset request: {_field_names(exc)}") from None
    runtime.context.hooks.log(f"Subset of {', '.join(resolved.targets)}", stage="parse_subset_request")
    return {
        "subset_spec": SubsetRequest.model_validate(spec).model_dump(
            mode="json", exclude={"connection_string"}
        ),
        "step_results": step_summary(state, STEP, parameters=resolved.summary()),
        "current_node": "parse_subset_request",
    }


def _field_names(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return "malformed request"
    return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors(include_input=False))


def build_fk_graph(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Summarize the foreign-key graph the extraction walks: load order and cycles."""
    _, resolved = _resolved(state)
    graph = resolved.graph
    cycles = [list(c.tables) for c in graph.cycles()]
    order = resolved.output_tables()
    runtime.context.hooks.log(
        f"Foreign-key graph: {len(graph.tables)} tables, {len(graph.relationships)} relationships, "
        f"{len(cycles)} cycle(s)",
        stage="build_fk_graph",
    )
    return {
        "step_results": step_summary(state, STEP, load_order=order, cycles=cycles),
        "current_node": "build_fk_graph",
    }


def evaluate_conditions(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Estimate the subset from the source's statistics; warn where a missing index will hurt."""
    snapshot, resolved = _resolved(state)
    url = runtime.context.services.connection_url(state["connection_id"])
    with connect_readonly(
        url, statement_timeout_ms=PLAN_STATEMENT_TIMEOUT_MS, application_name="tdm-subset-plan"
    ) as conn:
        plan = plan_subset(conn, snapshot, resolved)
    hooks = runtime.context.hooks
    for warning in plan.missing_indexes:
        hooks.log(
            f"No index on {warning.table} ({', '.join(warning.columns)}): each round scans it; "
            f"consider {warning.create_index}",
            level="warning",
            stage="evaluate_conditions",
        )
    hooks.log(
        f"Estimated {plan.estimated_rows} rows in {len(plan.tables)} tables", stage="evaluate_conditions"
    )
    estimate = {
        "estimated_rows": plan.estimated_rows,
        "estimated_bytes": plan.estimated_bytes,
        "limits_expected_to_bite": plan.limits_bite,
        "missing_indexes": len(plan.missing_indexes),
    }
    return {
        "step_results": step_summary(state, STEP, estimate=estimate),
        "current_node": "evaluate_conditions",
    }


def reserve_dataset_version(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Fix the output version's id and create its row (`writing`) before any file is written.

    The id is derived from the job, so a retry of this node, too, finds the row it created.
    """
    version_id = reserve_output_version(
        runtime, STEP, source_type="subset", schema_version_id=uuid.UUID(state["schema_version_id"])
    )
    return {
        "subset_dataset_version_id": str(version_id),
        "current_node": "reserve_dataset_version",
    }


def plan_delivery(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """When the workflow provisions this subset next, fix that run now (the provisioning step's
    checks included), so the extraction loads the environment in the same pass."""
    run = planned_run(
        runtime.context,
        str(state.get("operation") or ""),
        state.get("request") or {},
        list(state.get("steps") or []),
        version_id=str(_version_id(state)),
        schema_version_id=state["schema_version_id"],
    )
    return {"delivery_run": run or {}, "current_node": "plan_delivery"}


def recursive_row_extract(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Extract under the schema version's subset lock, streaming each table into the dataset store
    (and into the environment, when `plan_delivery` planned a run)."""
    snapshot, resolved = _resolved(state)
    services, hooks = runtime.context.services, runtime.context.hooks
    version_id = _version_id(state)
    files: dict[str, TableFileInfo] = {}

    def sink(table: str, batches, schema: pa.Schema) -> TableFileInfo:
        files[table] = services.dataset_store.write_table(version_id, table, batches, schema)
        return files[table]

    def read_stored(table: str):
        return services.dataset_store.read_table(version_id, table, allow_incomplete=True)

    verified: dict[str, Any] = {}

    def verify_and_publish_files() -> None:
        verified.update(_verified(runtime, resolved, snapshot, version_id, list(files)))
        _write_manifest(runtime, state, files)

    url = services.connection_url(state["connection_id"])
    run = state.get("delivery_run") or {}
    with subset_lock(runtime, state["schema_version_id"]):
        if run:
            result, loaded = extract_and_deliver(
                runtime.context, run, url, snapshot, resolved, sink, read_stored, verify_and_publish_files
            )
            run = {**run, "row_counts": dict(result.row_counts), "result": loaded}
        else:
            result = extract_subset(url, snapshot, resolved, sink, hooks)
    hooks.log(
        f"Extracted {sum(result.row_counts.values())} rows from {len(result.row_counts)} tables "
        f"in {result.duration_s} s" + (f", loaded into {run['environment']}" if run else ""),
        stage="recursive_row_extract",
    )
    return {
        "subset_result": {
            "extraction": result.model_dump(mode="json"),
            "files": {t: info.model_dump(mode="json") for t, info in files.items()},
            "verified": verified,
        },
        "delivery_run": run,
        "current_node": "recursive_row_extract",
    }


@contextmanager
def subset_lock(runtime: Runtime[JobContext], schema_version_id: str) -> Iterator[RedisLock]:
    """Hold `tdm:lock:subset:{schema_version_id}`, waiting (bounded, cancellable) while another job has it.

    Kept alive from a thread however long one statement of the extraction runs.
    """
    services, hooks = runtime.context.services, runtime.context.hooks
    # Owned by the job, not the process: an attempt resumed after a crash takes its own lock back.
    lock = RedisLock(
        services.redis,
        subset_lock_key(schema_version_id),
        ttl_s=LOCK_TTL_S,
        token=f"job:{runtime.context.job_id}",
    )
    deadline = time.monotonic() + LOCK_WAIT_S
    if not lock.acquire(blocking=False):
        hooks.log(
            "Another subset of this schema version is running; waiting for it to finish",
            stage="recursive_row_extract",
        )
        while not lock.acquire(blocking=True, timeout_s=LOCK_POLL_S):
            hooks.check_cancelled()
            if time.monotonic() >= deadline:
                raise PermanentJobError(
                    f"Another subset of this schema version held its lock for over {int(LOCK_WAIT_S)} s; "
                    "try again when it has finished."
                )
    try:
        with LockKeepAlive(lock, LOCK_RENEW_S):
            yield lock
    finally:
        lock.release()


def merge_results(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Verify referential integrity on the written output (read back from the store): 0 orphans.
    A delivered subset was verified before its target committed."""
    verified = state["subset_result"].get("verified") or {}
    if not verified:
        snapshot, resolved = _resolved(state)
        tables = list(state["subset_result"]["files"])
        verified = _verified(runtime, resolved, snapshot, _version_id(state), tables)
    return {
        "step_results": step_summary(state, STEP, **verified),
        "current_node": "merge_results",
    }


def _verified(
    runtime: Runtime[JobContext],
    resolved: ResolvedRequest,
    snapshot: SchemaSnapshot,
    version_id: uuid.UUID,
    tables: list[str],
) -> dict[str, Any]:
    """The stored version's verification summary; fails the job on an orphan."""
    store = runtime.context.services.dataset_store
    key_columns = _key_columns(resolved)

    def read_table(table: str) -> pa.Table:
        columns = key_columns.get(table) or [resolved.table(table).columns[0].name]
        batches = list(store.read_table(version_id, table, columns=columns, allow_incomplete=True))
        if batches:
            return pa.Table.from_batches(batches)
        stored = store.table_schema(version_id, table, allow_incomplete=True)
        return pa.schema([stored.field(c) for c in columns]).empty_table()

    report = verify_subset(snapshot, read_table, tables)
    orphans = {label: n for label, n in report.orphans.items() if n}
    if orphans:
        raise PermanentJobError(
            f"The subset failed verification: {sum(orphans.values())} rows reference a missing parent "
            f"through {', '.join(sorted(orphans))}; no dataset version was published."
        )
    runtime.context.hooks.log(
        f"Verified {len(report.orphans)} relationships: 0 orphans", stage="merge_results"
    )
    return {"row_counts": report.row_counts, "orphans": 0, "relationships_verified": len(report.orphans)}


def _key_columns(resolved: ResolvedRequest) -> dict[str, list[str]]:
    """Per table, the columns any relationship joins on: all that verification needs to read."""
    keys: dict[str, list[str]] = {}
    for rel in resolved.graph.relationships:
        for table, columns in ((rel.child_key, rel.child_columns), (rel.parent_key, rel.parent_columns)):
            bucket = keys.setdefault(table, [])
            bucket.extend(c for c in columns if c not in bucket)
    return keys


def store_subset_dataset(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Publish: manifest last, then status ready, metadata and lineage (skipped when a retry finds them)."""
    services = runtime.context.services
    version_id = _version_id(state)
    job_id = uuid.UUID(runtime.context.job_id)
    extraction = state["subset_result"]["extraction"]
    files = {t: TableFileInfo.model_validate(f) for t, f in state["subset_result"]["files"].items()}
    row_counts = {t: info.rows for t, info in files.items()}
    _write_manifest(runtime, state, files)
    with services.unit_of_work() as session:
        datasets = DatasetRepository(session)
        current = datasets.get(version_id)
        if current is None or current.status != "ready":
            datasets.set_status(
                version_id,
                "ready",
                row_count=sum(row_counts.values()),
                byte_size=sum(info.bytes for info in files.values()),
            )
            datasets.set_many_metadata(version_id, _metadata(state, extraction, row_counts))
            LineageRepository(session).add(
                source_type="schema_version",
                source_id=state["schema_version_id"],
                target_type="dataset_version",
                target_id=version_id,
                operation="derived_from",
                job_id=job_id,
                details={"via": "subset"},
            )
    runtime.context.hooks.log(f"Dataset version {version_id} is ready", stage="store_subset_dataset")
    summary = step_summary(
        state,
        STEP,
        dataset_version_id=str(version_id),
        row_counts=row_counts,
        total_rows=sum(row_counts.values()),
        caps_applied=extraction["caps_applied"],
        cycles=extraction["cycles"],
        snapshot_time=extraction["snapshot_time"],
        seed=extraction["seed"],
        duration_s=extraction["duration_s"],
    )
    # The snapshot and the file list live in the stores now; keep the checkpointed state small.
    return {
        "step_results": summary,
        "snapshot": {},
        "subset_result": {},
        "delivered_run": state.get("delivery_run") or {},
        "current_node": "store_subset_dataset",
    }


def _write_manifest(runtime: Runtime[JobContext], state: StepState, files: dict[str, TableFileInfo]) -> None:
    """The manifest marks the version complete (written again, unchanged, by a retried node)."""
    runtime.context.services.dataset_store.write_manifest(
        _version_id(state),
        files,
        extra={
            "source_type": "subset",
            "schema_version_id": state["schema_version_id"],
            "job_id": str(uuid.UUID(runtime.context.job_id)),
            "row_counts": {t: info.rows for t, info in files.items()},
        },
    )


def _metadata(state: StepState, extraction: dict[str, Any], row_counts: dict[str, int]) -> dict[str, Any]:
    spec = state["subset_spec"]
    # Filter values are the user's own parameters, not row data: kept so the subset can be repeated.
    parameters = {k: v for k, v in spec.items() if k not in ("connection_string",)}
    return {
        "row_counts": row_counts,
        "parameters": parameters,
        "seed": extraction["seed"],
        "snapshot_time": extraction["snapshot_time"],
        "caps_applied": extraction["caps_applied"],
        "cycles": extraction["cycles"],
        "cut_relationships": extraction["cut_relationships"],
        "source_connection_id": state["connection_id"],
    }


NODES = (
    load_profiled_metadata,
    parse_subset_request,
    build_fk_graph,
    evaluate_conditions,
    reserve_dataset_version,
    plan_delivery,
    recursive_row_extract,
    merge_results,
    store_subset_dataset,
)


def build_subsetting_graph() -> Subgraph:
    """The compiled subgraph; the supergraph adds it as the `subsetting` step."""
    return build_linear_graph(NODES, reads=SubsettingReads, writes=SubsettingWrites)
