"""Jobs: list, detail with logs, cancel, and live progress over Server-Sent Events."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Literal

from fastapi import APIRouter, Header, Query
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from tdm_api.dependencies import Operator, RuntimeDep, UowDep, Viewer, audit, parse_uuid
from tdm_api.errors import Conflict, NotFound
from tdm_api.models.common import BIGINT_MAX, PROBLEM_RESPONSES, Page
from tdm_api.models.jobs import JobDetail, JobLogOut, JobOut
from tdm_api.runtime import ApiRuntime
from tdm_cache.cancel import request_cancel
from tdm_cache.events import AsyncJobEvents, JobEvents, status_event
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_orchestrator.contract import TERMINAL_STATUSES, Operation

router = APIRouter(tags=["jobs"], responses=PROBLEM_RESPONSES)

IDLE_CHECK_S = 10
# A Redis stream id (`<ms>-<seq>`, or `0` for the start); anything else would fail inside the stream.
EVENT_ID_PATTERN = r"^[0-9]{1,20}(-[0-9]{1,20})?$"

JobStatus = Literal["queued", "running", "awaiting_approval", "succeeded", "failed", "cancelled"]


def job_out(job) -> JobOut:
    return JobOut(
        id=job.id,
        operation=job.operation,
        status=job.status,
        user_id=job.user_id,
        attempts=job.attempts,
        progress=job.progress_json,
        error=job.error,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        cancel_requested=job.cancel_requested,
    )


def _job_or_404(repo: JobRepository, job_id: str):
    job = repo.get(parse_uuid(job_id, "job_id"))
    if job is None:
        raise NotFound("No job with this id.")
    return job


@router.get("/jobs", operation_id="listJobs", summary="List jobs, newest first")
def list_jobs(
    uow: UowDep,
    _: Viewer,
    operation: list[Operation] | None = Query(
        None, description="One or more operations (repeat the parameter)"
    ),
    status: JobStatus | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> Page[JobOut]:
    rows, total = JobRepository(uow.session).list(
        operation=[o.value for o in operation] if operation else None,
        status=status,
        limit=limit,
        offset=offset,
    )
    return Page[JobOut](items=[job_out(j) for j in rows], total=total, limit=limit, offset=offset)


@router.get("/job/{job_id}", operation_id="getJob", summary="A job with its request, result and logs")
def get_job(
    job_id: str,
    uow: UowDep,
    _: Viewer,
    logs_after: int = Query(0, ge=0, le=BIGINT_MAX, description="Only log lines with a larger id"),
    logs_limit: int = Query(500, ge=1, le=5000),
) -> JobDetail:
    repo = JobRepository(uow.session)
    job = _job_or_404(repo, job_id)
    logs = [
        JobLogOut(id=log.id, level=log.level, stage=log.stage, message=log.message, created_at=log.created_at)
        for log in repo.logs(job.id, after_id=logs_after, limit=logs_limit)
    ]
    return JobDetail(
        **job_out(job).model_dump(), request=dict(job.request_json or {}), result=job.result_json, logs=logs
    )


@router.post(
    "/job/{job_id}/cancel",
    operation_id="cancelJob",
    status_code=202,
    summary="Ask a job to stop; it ends `cancelled` at its next checkpoint",
)
def cancel_job(job_id: str, uow: UowDep, runtime: RuntimeDep, principal: Operator) -> JobOut:
    repo = JobRepository(uow.session)
    job = _job_or_404(repo, job_id)
    if job.status in TERMINAL_STATUSES:
        raise Conflict(f"The job already ended ({job.status}).")
    repo.request_cancel(job.id)
    if job.status == "queued":
        # Not started: nothing to interrupt, so it ends now; a worker that claims it later skips it.
        repo.finish(job.id, "cancelled", result=None, error="The job was cancelled before it started.")
    audit(uow, principal, "job.cancel", "job", job.id)
    uow.after_commit(lambda: request_cancel(runtime.redis, str(job.id)))
    if job.status == "queued":
        uow.after_commit(lambda: JobEvents(runtime.redis).publish(str(job.id), status_event("cancelled")))
    uow.session.flush()
    uow.session.refresh(job)
    return job_out(job)


def _event(event_id: str | None, event: dict) -> ServerSentEvent:
    return ServerSentEvent(
        data=json.dumps(event, default=str), event=event.get("type", "message"), id=event_id, sep="\n"
    )


def _current_job(runtime: ApiRuntime, job_id: uuid.UUID) -> JobOut | None:
    """The job's record, read in a worker thread so the event loop keeps streaming."""
    with runtime.session_factory() as session:
        job = JobRepository(session).get(job_id)
        return job_out(job) if job is not None else None


@router.get(
    "/job/{job_id}/events",
    operation_id="jobEvents",
    response_class=EventSourceResponse,
    summary="Live progress, log and status events (text/event-stream) until the job ends",
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def job_events(
    job_id: str,
    runtime: RuntimeDep,
    _: Viewer,
    last_event_id: str | None = Header(None, alias="Last-Event-ID", pattern=EVENT_ID_PATTERN),
    after: str | None = Query(None, description="Resume after this event id", pattern=EVENT_ID_PATTERN),
) -> EventSourceResponse:
    jid = parse_uuid(job_id, "job_id")
    current = await run_in_threadpool(_current_job, runtime, jid)
    if current is None:
        raise NotFound("No job with this id.")
    events = AsyncJobEvents(runtime.redis_async)
    start = after or last_event_id or "0"

    async def stream() -> AsyncIterator[ServerSentEvent]:
        yield _event(None, {"type": "status", "status": current.status, "progress": current.progress})
        if current.status in TERMINAL_STATUSES and start == "0":
            for event_id, event in await events.read(str(jid), after="0", count=10_000):
                yield _event(event_id, event)
            return
        last = start
        while True:  # sse-starlette cancels this generator when the client disconnects
            async for event_id, event in events.follow(str(jid), after=last, max_idle_s=IDLE_CHECK_S):
                last = event_id
                yield _event(event_id, event)
                if event.get("type") == "status" and event.get("status") in TERMINAL_STATUSES:
                    return
            # Quiet for a while: the record decides whether the job ended without a final event.
            now = await run_in_threadpool(_current_job, runtime, jid)
            if now is None or now.status in TERMINAL_STATUSES:
                message = (now.error or "") if now else ""
                status_now = now.status if now else "unknown"
                yield _event(None, {"type": "status", "status": status_now, "message": message})
                return

    return EventSourceResponse(
        stream(),
        headers={"Cache-Control": "no-cache"},
        ping=IDLE_CHECK_S,
        sep="\n",
        ping_message_factory=lambda: ServerSentEvent(comment="keep-alive", sep="\n"),
    )
