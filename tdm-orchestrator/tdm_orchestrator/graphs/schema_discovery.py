"""Schema discovery subgraph: connect_db → fetch_tables → fetch_columns → infer_column_types →
profile_statistics → infer_primary_keys → infer_foreign_keys → save_metadata.

Nodes are thin: they resolve the source URL from the stored (encrypted) connection and call the
agent's stage functions; the snapshot travels between nodes as a JSON-ready dict.
"""

from __future__ import annotations

import uuid
from typing import Any

from langgraph.runtime import Runtime

import tdm_agents.schema_discovery.discover as stages
from tdm_metadata_store.repositories.connections import ConnectionRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.linear import Subgraph, build_linear_graph
from tdm_orchestrator.state import DiscoveryReads, DiscoveryWrites, StepState
from tdm_orchestrator.step_inputs import DiscoverInput, step_input


def _options(state: StepState) -> DiscoverInput:
    return step_input(state, DiscoverInput)


def _connection_id(state: StepState) -> str:
    connection_id = _options(state).connection_id or state.get("connection_id")
    if not connection_id:
        raise PermanentJobError("Schema discovery needs a connection_id.")
    return str(connection_id)


def _source_url(state: StepState, runtime: Runtime[JobContext]) -> str:
    return runtime.context.services.connection_url(_connection_id(state))


def connect_db(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    info = stages.connect_db(_source_url(state, runtime), hooks=runtime.context.hooks)
    runtime.context.hooks.log(
        f"Connected to database {info['database']} ({info['server_version']})", stage="connect_db"
    )
    return {"current_node": "connect_db"}


def fetch_tables(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    snapshot = stages.fetch_tables(
        _source_url(state, runtime), _options(state).schemas, hooks=runtime.context.hooks
    )
    return {"snapshot": snapshot, "current_node": "fetch_tables"}


def fetch_columns(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    snapshot = stages.fetch_columns(
        _source_url(state, runtime), state["snapshot"], hooks=runtime.context.hooks
    )
    return {"snapshot": snapshot, "current_node": "fetch_columns"}


def infer_column_types(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    return {
        "snapshot": stages.infer_column_types(state["snapshot"], hooks=runtime.context.hooks),
        "current_node": "infer_column_types",
    }


def profile_statistics(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    options = _options(state)
    if not options.include_stats:
        runtime.context.hooks.log("Statistics skipped (include_stats=false)", stage="profile_statistics")
        return {"current_node": "profile_statistics"}
    snapshot = stages.profile_statistics(
        _source_url(state, runtime),
        state["snapshot"],
        sample_size=options.sample_size,
        exact_counts=options.exact_counts,
        hooks=runtime.context.hooks,
    )
    return {"snapshot": snapshot, "current_node": "profile_statistics"}


def infer_primary_keys(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    snapshot = stages.infer_primary_keys(
        _source_url(state, runtime), state["snapshot"], hooks=runtime.context.hooks
    )
    return {"snapshot": snapshot, "current_node": "infer_primary_keys"}


def infer_foreign_keys(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    snapshot = stages.infer_foreign_keys(
        _source_url(state, runtime), state["snapshot"], hooks=runtime.context.hooks
    )
    return {"snapshot": snapshot, "current_node": "infer_foreign_keys"}


def save_metadata(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Write the immutable schema version; a retried node finds the version its job already wrote."""
    services = runtime.context.services
    job_id = uuid.UUID(runtime.context.job_id)
    connection_id = uuid.UUID(_connection_id(state))
    saved: dict[str, Any] = {}

    def save(snapshot) -> str:
        with services.unit_of_work() as session:
            repo = SchemaRepository(session)
            existing = repo.version_for_job(job_id)
            if existing is not None:
                version = existing
            else:
                connection = ConnectionRepository(session).get(connection_id)
                name = _options(state).schema_name or (connection.name if connection else "source")
                schema = repo.get_or_create_schema(name, connection_id)
                previous = repo.latest_version(schema.id)
                version = repo.save_version(schema.id, snapshot, job_id=job_id)
                saved["drift"] = previous is not None and previous.fingerprint != version.fingerprint
                saved["previous_version_id"] = str(previous.id) if previous else None
            saved.update(
                schema_id=str(version.schema_id),
                version_number=version.version_number,
                fingerprint=version.fingerprint,
            )
            return str(version.id)

    version_id = stages.save_metadata(state["snapshot"], save, hooks=runtime.context.hooks)
    snapshot = state["snapshot"]
    summary = {
        "schema_id": saved["schema_id"],
        "schema_version_id": version_id,
        "version_number": saved["version_number"],
        "fingerprint": saved["fingerprint"],
        "tables": len(snapshot["tables"]),
        "columns": sum(len(t["columns"]) for t in snapshot["tables"]),
        "relationships": len(snapshot["relationships"]),
        "drift_from_previous": saved.get("drift"),
    }
    runtime.context.hooks.log(
        f"Saved schema version {summary['version_number']}: {summary['tables']} tables, "
        f"{summary['columns']} columns, {summary['relationships']} foreign keys",
        stage="save_metadata",
    )
    # The full snapshot now lives in the metadata store; drop it from the checkpointed state.
    return {
        "schema_id": summary["schema_id"],
        "schema_version_id": version_id,
        "snapshot": {},
        "step_results": {"discover_schema": summary},
        "current_node": "save_metadata",
    }


NODES = (
    connect_db,
    fetch_tables,
    fetch_columns,
    infer_column_types,
    profile_statistics,
    infer_primary_keys,
    infer_foreign_keys,
    save_metadata,
)


def build_schema_discovery_graph() -> Subgraph:
    return build_linear_graph(NODES, reads=DiscoveryReads, writes=DiscoveryWrites)
