"""Submitting jobs: insert the `jobs` row in the request's transaction, enqueue after its commit."""

from __future__ import annotations

import uuid
from typing import Any

from tdm_api.dependencies import Principal, UnitOfWork, audit
from tdm_api.models.common import JobAccepted
from tdm_api.runtime import ApiRuntime
from tdm_cache.queue import JobQueue
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_orchestrator.contract import Operation, enqueue

API_PREFIX = "/api/v1"


def submit_job(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, operation: Operation, request: dict[str, Any]
) -> JobAccepted:
    """Create the job in the request's transaction and enqueue it once the unit of work has
    committed; if the commit fails nothing is enqueued."""
    job = JobRepository(uow.session).create(
        str(operation), request, user_id=principal.name, api_key_id=principal.key_id, job_id=uuid.uuid4()
    )
    job_id = str(job.id)
    audit(uow, principal, "job.submit", "job", job_id, {"operation": str(operation)})
    uow.after_commit(lambda: enqueue(JobQueue(runtime.redis), job_id, operation))
    return JobAccepted(
        job_id=job.id,
        operation=str(operation),
        links={"self": f"{API_PREFIX}/job/{job_id}", "events": f"{API_PREFIX}/job/{job_id}/events"},
    )
