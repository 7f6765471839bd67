"""Jobs as the API shows them: listing, detail with logs, cancellation, resuming after approval."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tdm_api.dependencies import Principal, UnitOfWork, audit
from tdm_api.errors import Conflict, NotFound
from tdm_api.models.common import Page
from tdm_api.models.jobs import JobDetail, JobLogOut, JobOut
from tdm_api.models.workflows import ResumeRequest
from tdm_api.runtime import ApiRuntime
from tdm_cache.cancel import request_cancel
from tdm_cache.events import JobEvents, status_event
from tdm_cache.queue import JobQueue
from tdm_metadata_store.models import Job
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_orchestrator.contract import TERMINAL_STATUSES, enqueue


def job_or_404(session: Session, job_id: uuid.UUID) -> Job:
    job = JobRepository(session).get(job_id)
    if job is None:
        raise NotFound("No job with this id.")
    return job


def find_job(session: Session, job_id: uuid.UUID) -> JobOut | None:
    job = JobRepository(session).get(job_id)
    return JobOut.model_validate(job, from_attributes=True) if job is not None else None


def list_jobs(
    session: Session, operations: list[str] | None, status: str | None, limit: int, offset: int
) -> Page[JobOut]:
    rows, total = JobRepository(session).list(operation=operations, status=status, limit=limit, offset=offset)
    items = [JobOut.model_validate(j, from_attributes=True) for j in rows]
    return Page[JobOut](items=items, total=total, limit=limit, offset=offset)


def job_detail(session: Session, job_id: uuid.UUID, logs_after: int, logs_limit: int) -> JobDetail:
    job = job_or_404(session, job_id)
    logs = JobRepository(session).logs(job.id, after_id=logs_after, limit=logs_limit)
    return JobDetail.model_validate(
        {
            **JobOut.model_validate(job, from_attributes=True).model_dump(),
            "request": dict(job.request_json or {}),
            "result": job.result_json,
            "logs": [JobLogOut.model_validate(line, from_attributes=True) for line in logs],
        }
    )


def cancel_job(uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, job_id: uuid.UUID) -> JobOut:
    """Flag the job; a queued one ends now. Redis hears of it once the unit of work commits."""
    repo = JobRepository(uow.session)
    job = job_or_404(uow.session, job_id)
    if job.status in TERMINAL_STATUSES:
        raise Conflict(f"The job already ended ({job.status}).")
    was_queued = job.status == "queued"
    repo.request_cancel(job.id)
    if was_queued:
        # Not started: nothing to interrupt, so it ends now; a worker that claims it later skips it.
        repo.finish(job.id, "cancelled", result=None, error="The job was cancelled before it started.")
    audit(uow, principal, "job.cancel", "job", job.id)
    uow.after_commit(lambda: request_cancel(runtime.redis, str(job_id)))
    if was_queued:
        uow.after_commit(lambda: JobEvents(runtime.redis).publish(str(job_id), status_event("cancelled")))
    return _refreshed(uow.session, job)


def resume_job(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, job_id: uuid.UUID, body: ResumeRequest
) -> JobOut:
    """Store the approval answer and queue the paused job again (after the commit)."""
    job = job_or_404(uow.session, job_id)
    if job.status != "awaiting_approval":
        raise Conflict(f"The job is {job.status}, not awaiting approval.")
    answer = {
        "approved": body.approved,
        "reason": body.reason,
        "approved_by": principal.name,
        "reviews": body.reviews,
    }
    resumed = JobRepository(uow.session).resume(job.id, answer)
    if resumed is None:
        raise Conflict("The job is no longer awaiting approval.")
    audit(
        uow, principal, "job.resume", "job", job.id, {"approved": body.approved, "reviews": len(body.reviews)}
    )
    operation = job.operation
    uow.after_commit(lambda: enqueue(JobQueue(runtime.redis), str(job_id), operation))
    return _refreshed(uow.session, resumed)


def _refreshed(session: Session, job: Job) -> JobOut:
    """The job as the statements of this transaction left it."""
    session.flush()
    session.refresh(job)
    return JobOut.model_validate(job, from_attributes=True)
