"""Run one job through the supergraph: start fresh, resume from its last checkpoint, or resume
after a person's approval; record how it ended."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import redis
from langgraph.types import Command

from tdm_agents.common.progress import JobCancelled
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_orchestrator.context import JobContext
from tdm_orchestrator.errors import user_message
from tdm_orchestrator.hooks import WorkerJobHooks
from tdm_orchestrator.nodes.await_approval import ApprovalRejected
from tdm_orchestrator.nodes.finalize import build_result
from tdm_orchestrator.services import Services
from tdm_orchestrator.state import TDMState
from tdm_orchestrator.webhooks import enqueue_job_finished

log = logging.getLogger("tdm.worker")


def _initial_state(job: Any) -> dict[str, Any]:
    return {
        "job_id": str(job.id),
        "operation": job.operation,
        "request": dict(job.request_json or {}),
        "completed_steps": [],
        "step_results": {},
    }


def _invoke(
    graph: Any, config: dict, context: JobContext, initial: dict, resume: Any
) -> tuple[TDMState, bool]:
    """Run or resume the graph; returns (state values, paused for approval)."""
    snapshot = graph.get_state(config)
    if snapshot.next and snapshot.interrupts:
        if resume is None:
            return TDMState(**snapshot.values), True
        graph.invoke(Command(resume=resume), config, context=context)
    elif snapshot.next:
        graph.invoke(None, config, context=context)
    elif not (snapshot.values and snapshot.values.get("current_node") == "finalize"):
        graph.invoke(initial, config, context=context)
    after = graph.get_state(config)
    return TDMState(**after.values), bool(after.next and after.interrupts)


def run_job(job_id: str, services: Services, graph: Any, worker_id: str) -> str | None:
    """Run (or resume) a job to a final status, or park it for approval; None when already finished."""
    with services.unit_of_work() as session:
        job = JobRepository(session).mark_running(uuid.UUID(job_id), worker_id)
        if job is None:
            return None
        initial, attempt = _initial_state(job), job.attempts
        resume, progress = job.resume_json, job.progress_json
    hooks = WorkerJobHooks(job_id, services, progress)
    hooks.status("running", f"attempt {attempt}")
    if attempt > 1 and resume is None:
        hooks.log(f"Resuming after an interruption (attempt {attempt})", level="warning")
    config = {"configurable": {"thread_id": job_id}, "recursion_limit": 200}
    context = JobContext(job_id=job_id, services=services, hooks=hooks)
    try:
        final, paused = _invoke(graph, config, context, initial, resume)
        if paused:
            return _park(services, hooks, job_id)
        status = _finish(services, hooks, job_id, "succeeded", build_result(final), None)
    except (JobCancelled, ApprovalRejected) as exc:
        hooks.fail_open_steps("cancelled")
        status = _finish(services, hooks, job_id, "cancelled", None, str(exc) or "The job was cancelled.")
    except (redis.ConnectionError, redis.TimeoutError):
        # Redis stayed down through the node's retries: an outage, not the job's fault. The entry
        # stays unacknowledged and the job resumes from its checkpoint once Redis is back.
        raise
    except Exception as exc:  # noqa: BLE001 - every failure must end the job with a readable message
        message = user_message(exc)
        log.warning("job %s failed: %s", job_id, type(exc).__name__, exc_info=log.isEnabledFor(logging.DEBUG))
        hooks.log(message, level="error")
        hooks.fail_open_steps()
        status = _finish(services, hooks, job_id, "failed", {"error": message}, message)
    _forget_checkpoints(graph, job_id)
    return status


def _forget_checkpoints(graph: Any, job_id: str) -> None:
    """A finished job is never resumed: drop its checkpoints (they hold schema statistics and ids)."""
    try:
        graph.checkpointer.delete_thread(job_id)
    except Exception as exc:  # noqa: BLE001 - housekeeping must not change the job's outcome
        log.warning("could not delete checkpoints of job %s: %s", job_id, type(exc).__name__)


def _park(services: Services, hooks: WorkerJobHooks, job_id: str) -> str:
    with services.unit_of_work() as session:
        JobRepository(session).await_approval(uuid.UUID(job_id))
    hooks.log(
        "Waiting for approval of the PII classification (POST /job/{id}/resume)", stage="await_approval"
    )
    hooks.status("awaiting_approval", "waiting for a person to approve the PII map")
    return "awaiting_approval"


def _finish(
    services: Services,
    hooks: WorkerJobHooks,
    job_id: str,
    status: str,
    result: dict[str, Any] | None,
    error: str | None,
) -> str:
    with services.unit_of_work() as session:
        job = JobRepository(session).finish(uuid.UUID(job_id), status, result=result, error=error)
        if job is not None:
            enqueue_job_finished(session, job)  # committed with the status, sent by the WebhookSender
        if status != "succeeded":
            # A version is ready only when its job succeeds, even one a finished step completed.
            failed = DatasetRepository(session).fail_versions_of_job(uuid.UUID(job_id))
            if failed:
                JobRepository(session).append_log(
                    uuid.UUID(job_id),
                    "warning",
                    f"{len(failed)} dataset version(s) of this job marked failed",
                )
    hooks.status(status, error or "")
    return status


def fail_job(services: Services, job_id: str, message: str) -> None:
    """Fail a job without running it (e.g. it exhausted its delivery attempts)."""
    hooks = WorkerJobHooks(job_id, services)
    hooks.log(message, level="error")
    _finish(services, hooks, job_id, "failed", {"error": message}, message)
