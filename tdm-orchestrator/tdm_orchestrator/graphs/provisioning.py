"""Provisioning subgraph: validate_dataset_version → connect_env → apply_schema → load_data →
complete_provisioning.

Atomicity: a target transaction cannot live across graph checkpoints, so `load_data` does all the
changing work in ONE target transaction (reset, schema, COPY load, keys, sequences and smoke
tests, then commit) while holding the environment's Redis lock. The other nodes validate, plan
(the shape check runs in `apply_schema` before anything changes) and record the result. A retried
`load_data` simply runs its transaction again: a failed attempt left nothing behind.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from langgraph.runtime import Runtime

from tdm_agents.common.source_db import connects_to_session_database, reaches_session_database
from tdm_agents.masking.release import SOURCE_DERIVED, needs_unmasked_override
from tdm_agents.provisioning import target
from tdm_agents.provisioning.dataset_schema import snapshot_for_dataset
from tdm_agents.provisioning.errors import ProvisioningError, SmokeTestsFailed
from tdm_agents.provisioning.provision import DatasetInput, ProvisionOptions, plan_provisioning, provision
from tdm_cache.keys import provision_lock_key
from tdm_cache.locks import LockKeepAlive, LockLost, RedisLock
from tdm_metadata_store.repositories.audit import AuditRepository
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.ephemeral_schemas import EphemeralSchemaRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.repositories.lineage import LineageRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.linear import Subgraph, build_linear_graph
from tdm_orchestrator.graphs.privacy_checks import require_open_gate
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import ProvisioningReads, ProvisioningWrites, StepState
from tdm_orchestrator.step_inputs import ProvisionInput, is_composite, step_input

STEP = "provisioning"
STAGE_VALIDATE = "validate_dataset_version"
LOCK_TTL_S = 3600.0
LOCK_WAIT_S = 60.0
LOCK_EXTEND_EVERY_S = 60.0


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


def _environment(session: Any, ref: str):
    repo = EnvironmentRepository(session)
    row = repo.get_by_name(ref)
    if row is None:
        try:
            row = repo.get(uuid.UUID(ref))
        except ValueError:
            row = None
    if row is None:
        raise PermanentJobError("The target environment does not exist.")
    return row


def validate_dataset_version(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """The input exists, is ready and complete; the environment exists; the run's options are fixed here."""
    services, options = runtime.context.services, step_input(state, ProvisionInput)
    version_id = _input_version_id(state, options)
    with services.unit_of_work() as session:
        row = DatasetRepository(session).get(uuid.UUID(version_id))
        if row is None:
            raise PermanentJobError(f"Dataset version {version_id} does not exist.")
        if row.status != "ready":
            raise PermanentJobError(
                f"Dataset version {version_id} is {row.status}, not ready; it cannot be provisioned."
            )
        env = _environment(session, str(options.target_env or state.get("target_env") or ""))
        config = dict(env.config_json or {})
        schema_version_id = str(row.schema_version_id) if row.schema_version_id else None
        run = {
            "dataset_version_id": version_id,
            "environment_id": str(env.id),
            "environment": env.name,
            "schema_version_id": schema_version_id,
            **run_options(options, config),
        }
        source_type = row.source_type
    if source_type in SOURCE_DERIVED and schema_version_id:
        run["drift_gate"] = require_open_gate(
            services, schema_version_id, runtime.context.hooks, STAGE_VALIDATE
        )
    run["unmasked_override"] = _unmasked_override(source_type, config, options, env.name, runtime)
    if run["unmasked_override"] and is_composite(str(state.get("operation", ""))):
        _audit_workflow_override(services, runtime.context.job_id, run)
    manifest = services.dataset_store.read_manifest(version_id)
    if manifest is None:
        raise PermanentJobError(
            f"Dataset version {version_id} is incomplete (no manifest); it cannot be provisioned."
        )
    run["row_counts"] = {name: info.rows for name, info in manifest.tables.items()}
    runtime.context.hooks.log(
        f"Provisioning {len(run['row_counts'])} table(s) of {version_id} into {env.name} ({run['mode']})",
        stage="validate_dataset_version",
    )
    return {"provision_run": run, "target_env": env.name, "current_node": "validate_dataset_version"}


def _unmasked_override(
    source_type: str,
    config: dict[str, Any],
    options: ProvisionInput,
    env_name: str,
    runtime: Runtime[JobContext],
) -> dict[str, Any] | None:
    """The override that lets an unmasked subset into a non-production environment; fails the job without one."""
    if not needs_unmasked_override(source_type, config):
        return None
    if not options.allow_unmasked or not options.override_reason:
        raise PermanentJobError(
            f"The dataset version is not masked and {env_name} is a non-production environment; "
            "mask it first or provision with allow_unmasked and an override_reason."
        )
    runtime.context.hooks.log(
        f"Unmasked data into non-production {env_name} by explicit override", level="warning",
        stage=STAGE_VALIDATE,
    )  # fmt: skip
    return {"allowed": True, "reason": options.override_reason, "source_type": source_type}


def _audit_workflow_override(services: Services, job_id: str, run: dict[str, Any]) -> None:
    """A workflow's override is audited here (POST /provision audits its own at the request), once per job."""
    with services.unit_of_work() as session:
        audit = AuditRepository(session)
        entries, _ = audit.list(resource_type="job", resource_id=job_id)
        if any(e.action == "provision.unmasked_override" for e in entries):
            return
        job = JobRepository(session).get(uuid.UUID(job_id))
        audit.record(
            actor=(job.user_id if job else None) or "worker", api_key_id=job.api_key_id if job else None,
            action="provision.unmasked_override", resource_type="job", resource_id=job_id,
            details={"dataset_version_id": run["dataset_version_id"], "environment": run["environment"],
                     "reason": run["unmasked_override"]["reason"]},
        )  # fmt: skip


def run_options(options: ProvisionInput, config: dict[str, Any]) -> dict[str, Any]:
    """The run's options: the request's, else the environment's defaults."""
    mode = options.mode or (config.get("reset_mode", "truncate") if options.reset_env else "append")
    return {
        "mode": mode,
        "target_schema": options.target_schema or config.get("target_schema") or None,
        "ttl_hours": options.ttl_hours,
        "run_smoke_tests": options.run_smoke_tests,
        "smoke_queries": list(config.get("smoke_queries") or []),
    }


def _target_url(services: Services, run: dict[str, Any]) -> str:
    with services.unit_of_work() as session:
        url = EnvironmentRepository(session).get_url(
            uuid.UUID(run["environment_id"]), services.require_secret_box()
        )
    if url is None:
        raise PermanentJobError(f"Environment {run['environment']} has no target connection configured.")
    return url


def _refuse_metadata_database(services: Services, run: dict[str, Any], url: str) -> None:
    """A target stored before the API refused the metadata database: never load into the platform's
    own tables. Checked once, in `connect_env`, before any node changes the target."""
    with services.unit_of_work() as session:
        if reaches_session_database(session, url) or connects_to_session_database(session, url):
            raise PermanentJobError(
                f"Environment {run['environment']} points at the platform's own metadata database, "
                "which cannot be a target."
            )


def connect_env(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Reach the target and check the role may create objects there."""
    run, services = state["provision_run"], runtime.context.services
    url = _target_url(services, run)
    _refuse_metadata_database(services, run, url)
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


def _provision_options(run: dict[str, Any]) -> ProvisionOptions:
    return ProvisionOptions(
        mode=run["mode"],
        target_schema=run["target_schema"],
        run_smoke_tests=run["run_smoke_tests"],
        smoke_queries=run["smoke_queries"],
    )


def apply_schema(state: StepState, runtime: Runtime[JobContext]) -> dict[str, Any]:
    """Plan the DDL against the live target; a conflicting table fails the job here, before any change."""
    services, run = runtime.context.services, state["provision_run"]
    dataset = _dataset(services, run)
    with target.connect(_target_url(services, run)) as conn:
        _, _, plan = plan_provisioning(conn, dataset, _provision_options(run))
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
    dataset = _dataset(services, run)
    # Owned by the job, not the process: an attempt resumed after a crash takes its own lock back
    # (its earlier transaction died with its connection) instead of waiting out the hour-long TTL.
    lock = RedisLock(
        services.redis,
        provision_lock_key(run["environment_id"]),
        LOCK_TTL_S,
        token=f"job:{runtime.context.job_id}",
    )
    if not lock.acquire(timeout_s=LOCK_WAIT_S):
        raise PermanentJobError(
            f"Another provisioning into {run['environment']} is running; try again later."
        )
    try:
        with LockKeepAlive(lock, LOCK_EXTEND_EVERY_S) as keeper, hooks.checking(keeper.check):
            result = provision(_target_url(services, run), dataset, _provision_options(run), hooks=hooks)
    except LockLost:
        raise PermanentJobError(
            "The environment's provisioning lock was lost; the load was rolled back."
        ) from None
    except SmokeTestsFailed as exc:
        hooks.log(str(exc), level="error", stage="run_smoke_tests")
        raise PermanentJobError(str(exc)) from None
    except ProvisioningError as exc:
        raise PermanentJobError(str(exc)) from None
    finally:
        lock.release()
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
