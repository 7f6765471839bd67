"""Jobs: list, detail with logs, cancel, and live progress over Server-Sent Events."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Literal

from fastapi import APIRouter, Header, Query
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from tdm_api.dependencies import Operator, RuntimeDep, UowDep, Viewer
from tdm_api.errors import NotFound
from tdm_api.models.common import BIGINT_MAX, PROBLEM_RESPONSES, Page
from tdm_api.models.jobs import JobDetail, JobOut
from tdm_api.runtime import ApiRuntime
from tdm_api.services import jobs
from tdm_cache.events import AsyncJobEvents
from tdm_orchestrator.contract import TERMINAL_STATUSES, Operation

router = APIRouter(tags=["jobs"], responses=PROBLEM_RESPONSES)

IDLE_CHECK_S = 10
# A Redis stream id (`<ms>-<seq>`, or `0` for the start); anything else would fail inside the stream.
EVENT_ID_PATTERN = r"^[0-9]{1,20}(-[0-9]{1,20})?$"

JobStatus = Literal["queued", "running", "awaiting_approval", "succeeded", "failed", "cancelled"]


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
    operations = [o.value for o in operation] if operation else None
    return jobs.list_jobs(uow.session, operations, status, limit, offset)


@router.get("/job/{job_id}", operation_id="getJob", summary="A job with its request, result and logs")
def get_job(
    job_id: uuid.UUID,
    uow: UowDep,
    _: Viewer,
    logs_after: int = Query(0, ge=0, le=BIGINT_MAX, description="Only log lines with a larger id"),
    logs_limit: int = Query(500, ge=1, le=5000),
) -> JobDetail:
    return jobs.job_detail(uow.session, job_id, logs_after, logs_limit)


@router.post(
    "/job/{job_id}/cancel",
    operation_id="cancelJob",
    status_code=202,
    summary="Ask a job to stop; it ends `cancelled` at its next checkpoint",
)
def cancel_job(job_id: uuid.UUID, uow: UowDep, runtime: RuntimeDep, principal: Operator) -> JobOut:
    return jobs.cancel_job(uow, runtime, principal, job_id)


def _event(event_id: str | None, event: dict) -> ServerSentEvent:
    return ServerSentEvent(
        data=json.dumps(event, default=str), event=event.get("type", "message"), id=event_id, sep="\n"
    )


def _current_job(runtime: ApiRuntime, job_id: uuid.UUID) -> JobOut | None:
    """The job's record, read in a worker thread so the event loop keeps streaming."""
    with runtime.session_factory() as session:
        return jobs.find_job(session, job_id)


@router.get(
    "/job/{job_id}/events",
    operation_id="jobEvents",
    response_class=EventSourceResponse,
    summary="Live progress, log and status events (text/event-stream) until the job ends",
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def job_events(
    job_id: uuid.UUID,
    runtime: RuntimeDep,
    _: Viewer,
    last_event_id: str | None = Header(None, alias="Last-Event-ID", pattern=EVENT_ID_PATTERN),
    after: str | None = Query(None, description="Resume after this event id", pattern=EVENT_ID_PATTERN),
) -> EventSourceResponse:
    current = await run_in_threadpool(_current_job, runtime, job_id)
    if current is None:
        raise NotFound("No job with this id.")
    events = AsyncJobEvents(runtime.redis_async)
    start = after or last_event_id or "0"

    async def stream() -> AsyncIterator[ServerSentEvent]:
        yield _event(None, {"type": "status", "status": current.status, "progress": current.progress})
        if current.status in TERMINAL_STATUSES and start == "0":
            for event_id, event in await events.read(str(job_id), after="0", count=10_000):
                yield _event(event_id, event)
            return
        last = start
        while True:  # sse-starlette cancels this generator when the client disconnects
            async for event_id, event in events.follow(str(job_id), after=last, max_idle_s=IDLE_CHECK_S):
                last = event_id
                yield _event(event_id, event)
                if event.get("type") == "status" and event.get("status") in TERMINAL_STATUSES:
                    return
            # Quiet for a while: the record decides whether the job ended without a final event.
            now = await run_in_threadpool(_current_job, runtime, job_id)
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
