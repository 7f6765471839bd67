"""Helpers the agent subgraphs' nodes share: the step's summary in `step_results`, a node that has
nothing to do, the schema snapshot of a version, and the output dataset version reserved before
any file is written."""

from __future__ import annotations

import uuid
from typing import Any

from langgraph.runtime import Runtime

from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import SchemaSnapshot
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import StepState

# The namespaces the masking and synthetic steps have always derived their output ids in; the
# subset step derives its id in the job id's own namespace. Kept as they are so that a job resumed
# by a newer worker finds the version an older one reserved.
_OUTPUT_NAMESPACES = {
    "masking": uuid.UUID("5b0c7f0e-3a51-4d8e-9a7e-6d1f2c3b4a59"),
    "synthetic": uuid.UUID("9e4c2a71-5f3d-4b8e-a1c6-7d2e0f9b3a58"),
}


def step_summary(state: StepState, step: str, **parts: Any) -> dict[str, Any]:
    """A `step_results` update adding `parts` to the step's summary (the state merges per step name)."""
    current = (state.get("step_results") or {}).get(step) or {}
    return {step: {**current, **parts}}


def skip_node(runtime: Runtime[JobContext], node: str, reason: str) -> dict[str, Any]:
    """The update of a node that has nothing to do, after a log line saying why."""
    runtime.context.hooks.log(f"Nothing to do: {reason}", stage=node)
    return {"current_node": node}


def load_snapshot(services: Services, schema_version_id: str) -> SchemaSnapshot:
    """The stored snapshot of a schema version."""
    with services.unit_of_work() as session:
        return SchemaRepository(session).load_snapshot(uuid.UUID(schema_version_id))


def output_version_id(job_id: uuid.UUID, step: str) -> uuid.UUID:
    """The id of the dataset version a step of a job writes: derived from the job, so a node retried
    after its commit finds the same version."""
    namespace = _OUTPUT_NAMESPACES.get(step)
    if namespace is None:
        return uuid.uuid5(job_id, step)
    return uuid.uuid5(namespace, f"{job_id}/{step}")


def reserve_output_version(
    runtime: Runtime[JobContext],
    step: str,
    *,
    source_type: str,
    schema_version_id: uuid.UUID | None,
    name: str | None = None,
    mark_writing: bool = True,
) -> uuid.UUID:
    """Create the step's output version row (once: a retry finds it) before any file is written.

    With `mark_writing`, a new row moves from `pending` to `writing` straight away.
    """
    job_id = uuid.UUID(runtime.context.job_id)
    version_id = output_version_id(job_id, step)
    with runtime.context.services.unit_of_work() as session:
        job = JobRepository(session).get(job_id)
        repo = DatasetRepository(session)
        row = repo.create(
            version_id,
            source_type=source_type,
            path_prefix=f"datasets/{version_id}/",
            name=name,
            schema_version_id=schema_version_id,
            job_id=job_id,
            created_by=job.user_id if job else None,
        )
        if mark_writing and row.status == "pending":
            repo.set_status(version_id, "writing")
    return version_id
