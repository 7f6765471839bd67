"""A provisioning run's target and rules, shared by the provisioning step and by a subset step that
delivers straight into the environment (see `direct_delivery`).

A run is a JSON dict fixed once per step: the input version, the environment, the options (the
request's, else the environment's defaults), the drift gate and the unmasked override. Loading
into an environment always happens under its Redis lock, kept alive while the load runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tdm_agents.common.source_db import connects_to_session_database, reaches_session_database
from tdm_agents.masking.release import SOURCE_DERIVED, needs_unmasked_override
from tdm_agents.provisioning.errors import ProvisioningError, SmokeTestsFailed
from tdm_agents.provisioning.options import ProvisionOptions
from tdm_cache.keys import provision_lock_key
from tdm_cache.locks import LockKeepAlive, LockLost, RedisLock
from tdm_metadata_store.repositories.audit import AuditRepository
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import PermanentJobError
from tdm_orchestrator.graphs.privacy_checks import require_open_gate
from tdm_orchestrator.services import Services
from tdm_orchestrator.step_inputs import ProvisionInput, is_composite

STAGE_VALIDATE = "validate_dataset_version"
LOCK_TTL_S = 3600.0
LOCK_WAIT_S = 60.0
LOCK_EXTEND_EVERY_S = 60.0


def environment_run(
    context: JobContext,
    options: ProvisionInput,
    env_ref: str,
    *,
    dataset_version_id: str,
    operation: str,
    source_type: str,
    schema_version_id: str | None,
    stage: str = STAGE_VALIDATE,
) -> dict[str, Any]:
    """The run of `dataset_version_id` (data of `source_type`) into environment `env_ref` (name or
    id); fails the job when the environment is missing, the drift gate is closed or unmasked data
    lacks its override."""
    services = context.services
    with services.unit_of_work() as session:
        env = _environment(session, env_ref)
        config = dict(env.config_json or {})
        run = {
            "dataset_version_id": dataset_version_id,
            "environment_id": str(env.id),
            "environment": env.name,
            "schema_version_id": schema_version_id,
            **run_options(options, config),
        }
    if source_type in SOURCE_DERIVED and schema_version_id:
        run["drift_gate"] = require_open_gate(services, schema_version_id, context.hooks, stage)
    run["unmasked_override"] = _unmasked_override(source_type, config, options, env.name, context, stage)
    if run["unmasked_override"] and is_composite(operation):
        _audit_workflow_override(services, context.job_id, run)
    return run


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


def _unmasked_override(
    source_type: str,
    config: dict[str, Any],
    options: ProvisionInput,
    env_name: str,
    context: JobContext,
    stage: str,
) -> dict[str, Any] | None:
    """The override that lets an unmasked subset into a non-production environment; fails the job without one."""
    if not needs_unmasked_override(source_type, config):
        return None
    if not options.allow_unmasked or not options.override_reason:
        raise PermanentJobError(
            f"The dataset version is not masked and {env_name} is a non-production environment; "
            "mask it first or provision with allow_unmasked and an override_reason."
        )
    context.hooks.log(
        f"Unmasked data into non-production {env_name} by explicit override", level="warning", stage=stage
    )
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


def provision_options(run: dict[str, Any]) -> ProvisionOptions:
    return ProvisionOptions(
        mode=run["mode"],
        target_schema=run["target_schema"],
        run_smoke_tests=run["run_smoke_tests"],
        smoke_queries=run["smoke_queries"],
    )


def target_url(services: Services, run: dict[str, Any]) -> str:
    with services.unit_of_work() as session:
        url = EnvironmentRepository(session).get_url(
            uuid.UUID(run["environment_id"]), services.require_secret_box()
        )
    if url is None:
        raise PermanentJobError(f"Environment {run['environment']} has no target connection configured.")
    return url


def refuse_metadata_database(services: Services, run: dict[str, Any], url: str) -> None:
    """A target stored before the API refused the metadata database: never load into the platform's
    own tables. Checked before anything changes the target."""
    with services.unit_of_work() as session:
        if reaches_session_database(session, url) or connects_to_session_database(session, url):
            raise PermanentJobError(
                f"Environment {run['environment']} points at the platform's own metadata database, "
                "which cannot be a target."
            )


@contextmanager
def loading_into(context: JobContext, run: dict[str, Any]) -> Iterator[None]:
    """Hold the environment's lock while the block loads into it; the agent's failures become the
    job's (clear messages, never retried: the target was rolled back)."""
    hooks = context.hooks
    # Owned by the job, not the process: an attempt resumed after a crash takes its own lock back
    # (its earlier transaction died with its connection) instead of waiting out the hour-long TTL.
    lock = RedisLock(
        context.services.redis,
        provision_lock_key(run["environment_id"]),
        LOCK_TTL_S,
        token=f"job:{context.job_id}",
    )
    if not lock.acquire(timeout_s=LOCK_WAIT_S):
        raise PermanentJobError(
            f"Another provisioning into {run['environment']} is running; try again later."
        )
    try:
        with LockKeepAlive(lock, LOCK_EXTEND_EVERY_S) as keeper, hooks.checking(keeper.check):
            yield
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
