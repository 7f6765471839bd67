"""Provisioning subgraph: validate_dataset_version → connect_env → apply_schema → load_data →
complete_provisioning.

Atomicity: a target transaction cannot live across graph checkpoints, so `load_data` does all the
changing work in ONE target transaction (reset, schema, COPY load, keys, sequences and smoke
tests, then commit) while holding the environment's Redis lock. The other nodes validate, plan
(the shape check runs in `apply_schema` before anything changes) and record the result. A retried
`load_data` simply runs its transaction again: a failed attempt left nothing behind.

A subset that the workflow's subset step already loaded into this environment, in the same pass
as its extraction (`tdm_orchestrator.direct_delivery`), arrives with its run and result: the
middle nodes then have nothing to do, and `complete_provisioning` records it as any other load.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from langgraph.runtime import Runtime

from tdm_agents.provisioning import target
from tdm_agents.provisioning.dataset_schema import snapshot_for_dataset
from tdm_agents.provisioning.provision import DatasetInput, plan_provisioning, provision
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.ephemeral_schemas import EphemeralSchemaRepository
from tdm_metadata_store.repositories.lineage import LineageRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.linear import Subgraph, build_linear_graph
from tdm_orchestrator.graphs.node_support import skip_node
from tdm_orchestrator.provision_runs import (
    STAGE_VALIDATE,
    environment_run,
    loading_into,
    provision_options,
    refuse_metadata_database,
    target_url,
)
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import ProvisioningReads, ProvisioningWrites, StepState
from tdm_orchestrator.step_inputs import ProvisionInput, step_input

STEP = "provisioning"


def _input_version_id(state: StepState, options: ProvisionInput) -> str:
    """Its own dataset_version_id, else what an earlier step produced, else the workflow's input."""
    source = (
        options.dataset_version_id
        or state.get("masked_dataset_version_id")
        or state.get("subset_dataset_version_id")
        or state.get("synthetic_dataset_version_id")
        or state.get("dataset_version_id")
    )
    if not source:
        raise PermanentJobError(
            "Provisioning needs an input: give dataset_version_id or run a data step first."
        )
    return str(source)


def validate_dataset_version(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """The input exists, is ready and complete; the environment exists; the run's options are fixed here.

    A subset step that delivered its version straight into this environment hands over its run,
    load result included: the later nodes have nothing left to do."""
    services, options = runtime.context.services, step_input(state, ProvisionInput)
    version_id = _input_version_id(state, options)
    delivered = state.get("delivered_run") or {}
    if delivered.get("dataset_version_id") == version_id:
        runtime.context.hooks.log(
            f"{version_id} was loaded into {delivered['environment']} while it was extracted",
            stage=STAGE_VALIDATE,
        )
        return {
            "provision_run": delivered,
            "target_env": delivered["environment"],
            "current_node": STAGE_VALIDATE,
        }
    with services.unit_of_work() as session:
        row = DatasetRepository(session).get(uuid.UUID(version_id))
        if row is None:
            raise PermanentJobError(f"Dataset version {version_id} does not exist.")
        if row.status != "ready":
            raise PermanentJobError(
                f"Dataset version {version_id} is {row.status}, not ready; it cannot be provisioned."
            )
        schema_version_id = str(row.schema_version_id) if row.schema_version_id else None
        source_type = row.source_type
    run = environment_run(
        runtime.context,
        options,
        str(options.target_env or state.get("target_env") or ""),
        dataset_version_id=version_id,
        operation=str(state.get("operation", "")),
        source_type=source_type,
        schema_version_id=schema_version_id,
    )
    manifest = services.dataset_store.read_manifest(version_id)
    if manifest is None:
        raise PermanentJobError(
            f"Dataset version {version_id} is incomplete (no manifest); it cannot be provisioned."
        )
    run["row_counts"] = {name: info.rows for name, info in manifest.tables.items()}
    runtime.context.hooks.log(
        f"Provisioning {len(run['row_counts'])} table(s) of {version_id} into {run['environment']} ({run['mode']})",
        stage=STAGE_VALIDATE,
    )
    return {"provision_run": run, "target_env": run["environment"], "current_node": STAGE_VALIDATE}


def connect_env(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Reach the target and check the role may create objects there."""
    run, services = state["provision_run"], runtime.context.services
    if "result" in run:
        return skip_node(runtime, "connect_env", "the target was loaded during the subset step")
    url = target_url(services, run)
    refuse_metadata_database(services, run, url)
    info = target.probe(url)
    runtime.context.hooks.log(
        f"Connected to target database {info['database']} (PostgreSQL {info['server_version']})",
        stage="connect_env",
    )
    return {"current_node": "connect_env"}


def _dataset(services: Services, run: dict[str, Any]) -> DatasetInput:
    store, version_id = services.dataset_store, run["dataset_version_id"]
    schemas = {name: store.table_schema(version_id, name) for name in run["row_counts"]}
    with services.unit_of_work() as session:
        if run["schema_version_id"]:
            snapshot = SchemaRepository(session).load_snapshot(uuid.UUID(run["schema_version_id"]))
        else:
            snapshot = snapshot_for_dataset(
                DatasetRepository(session).get_metadata(uuid.UUID(version_id)), schemas
            )
    return DatasetInput(
        snapshot=snapshot,
        row_counts=dict(run["row_counts"]),
        arrow_schemas=schemas,
        read=lambda table: store.read_table(version_id, table),
    )


def apply_schema(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Plan the DDL against the live target; a conflicting table fails the job here, before any change."""
    services, run = runtime.context.services, state["provision_run"]
    if "result" in run:
        return skip_node(runtime, "apply_schema", "the target was loaded during the subset step")
    dataset = _dataset(services, run)
    with target.connect(target_url(services, run)) as conn:
        _, _, plan = plan_provisioning(conn, dataset, provision_options(run))
        conn.rollback()
    runtime.context.hooks.log(
        f"{len(plan.create_tables)} table(s) to create, {len(plan.foreign_keys)} foreign "
        "key(s) to add after the load",
        stage="apply_schema",
    )
    return {"provision_run": {**run, "tables_to_create": plan.create_tables}, "current_node": "apply_schema"}


def load_data(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """The one target transaction: reset, create, COPY, keys, sequences, smoke tests, commit."""
    services, run, hooks = runtime.context.services, state["provision_run"], runtime.context.hooks
    if "result" in run:
        return skip_node(runtime, "load_data", "the target was loaded during the subset step")
    dataset = _dataset(services, run)
    with loading_into(runtime.context, run):
        result = provision(target_url(services, run), dataset, provision_options(run), hooks=hooks)
    hooks.log(f"Reset mode {run['mode']}: applied atomically with the load", stage="load_data")
    checks = result["smoke_test_results"]["checks"]
    passed = sum(1 for c in checks if c["passed"])
    hooks.log(f"Smoke tests: {passed}/{len(checks)} checks passed", stage="run_smoke_tests")
    return {"provision_run": {**run, "result": result}, "current_node": "load_data"}


def complete_provisioning(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Lineage dataset_version → environment (`provisioned_to`), the ephemeral schema's expiry, the result."""
    services, run = runtime.context.services, state["provision_run"]
    job_id = uuid.UUID(runtime.context.job_id)
    env_id = uuid.UUID(run["environment_id"])
    result = run["result"]
    with services.unit_of_work() as session:
        lineage = LineageRepository(session)
        done = any(
            e.job_id == job_id and e.operation == "provisioned_to" for e in lineage.edges_touching([env_id])
        )
        if not done:
            lineage.add(
                source_type="dataset_version",
                source_id=run["dataset_version_id"],
                target_type="environment",
                target_id=env_id,
                operation="provisioned_to",
                job_id=job_id,
                details={
                    "mode": run["mode"],
                    "target_schema": run["target_schema"],
                    "row_counts": result["row_counts"],
                },
            )
            if run["target_schema"] and run.get("ttl_hours"):
                expires = datetime.now(UTC) + timedelta(hours=float(run["ttl_hours"]))
                EphemeralSchemaRepository(session).create(
                    env_id, run["target_schema"], expires, job_id=job_id
                )
    summary = {
        "dataset_version_id": run["dataset_version_id"],
        "environment": run["environment"],
        "environment_id": run["environment_id"],
        "mode": run["mode"],
        "target_schema": run["target_schema"],
        "tables_loaded": result["tables_loaded"],
        "row_counts": result["row_counts"],
        "tables_created": result["tables_created"],
        "smoke_test_results": result["smoke_test_results"],
        "unmasked_override": run.get("unmasked_override"),
        "drift_gate": run.get("drift_gate"),
    }
    runtime.context.hooks.log(
        f"Provisioned {sum(result['row_counts'].values())} rows into {run['environment']}",
        stage="complete_provisioning",
    )
    return {
        "provisioning_result": summary,
        "provision_run": {},
        "step_results": {STEP: summary},
        "current_node": "complete_provisioning",
    }


NODES = (
    validate_dataset_version,
    connect_env,
    apply_schema,
    load_data,
    complete_provisioning,
)


def build_provisioning_graph() -> Subgraph:
    """The compiled provisioning subgraph (a node of the supergraph)."""
    return build_linear_graph(NODES, reads=ProvisioningReads, writes=ProvisioningWrites)
