"""The worker's JobHooks: progress and logs go to Redis events and the job's PostgreSQL rows."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import redis

from tdm_agents.common.progress import JobCancelled
from tdm_cache.cancel import is_cancel_requested
from tdm_cache.events import JobEvents, log_event, progress_event, status_event
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_orchestrator.services import Services

log = logging.getLogger("tdm.worker")

PROGRESS_EVENT_INTERVAL_S = 0.25
PROGRESS_ROW_INTERVAL_S = 2.0


class WorkerJobHooks:
    """Throttled so that a per-batch call costs nothing noticeable: events at most 4/s per stage."""

    def __init__(self, job_id: str, services: Services, progress: dict | None = None) -> None:
        self.job_id = job_id
        self.services = services
        self.events = JobEvents(services.redis)
        # Per-step status for workflow views, carried over from an earlier attempt of the job.
        self.steps: dict[str, dict] = {s["name"]: s for s in (progress or {}).get("steps", []) if "name" in s}
        self._last_progress: dict = {k: v for k, v in (progress or {}).items() if k != "steps"}
        self._last_event: dict[str, float] = {}
        self._last_row = 0.0
        self._checks: list[Callable[[], None]] = []

    def progress(self, stage: str, done: int, total: int | None = None, message: str = "") -> None:
        now = time.monotonic()
        finished = total is not None and done >= total
        if not finished and now - self._last_event.get(stage, 0.0) < PROGRESS_EVENT_INTERVAL_S:
            return
        self._last_event[stage] = now
        event = progress_event(stage, done, total, message)
        self._publish(event)
        self._last_progress = {k: event[k] for k in event if k != "type"}
        if finished or now - self._last_row >= PROGRESS_ROW_INTERVAL_S:
            self._last_row = now
            self._save_progress()

    def step_status(self, step: str, status: str, outputs: dict | None = None) -> None:
        """Record a workflow step's state (pending/running/waiting/succeeded/failed) on the job."""
        entry = self.steps.setdefault(step, {"name": step})
        if entry.get("status") == status and not outputs:
            return
        entry["status"] = status
        entry[f"{status}_at"] = time.time()
        if outputs:
            entry["outputs"] = outputs
        self._save_progress()
        self._publish(
            {
                "type": "progress",
                "stage": "workflow",
                "done": 0,
                "total": None,
                "message": f"{step}: {status}",
                "step": step,
                "step_status": status,
            }
        )

    def fail_open_steps(self, status: str = "failed") -> None:
        """A job that ends early leaves no step shown as running."""
        open_steps = [name for name, e in self.steps.items() if e.get("status") in ("running", "waiting")]
        for name in open_steps:
            self.steps[name]["status"] = status
            self.steps[name][f"{status}_at"] = time.time()
        if open_steps:
            self._save_progress()

    def _save_progress(self) -> None:
        progress = {**self._last_progress, "steps": list(self.steps.values())}
        with self.services.unit_of_work() as session:
            JobRepository(session).set_progress(uuid.UUID(self.job_id), progress)

    def log(self, message: str, level: str = "info", stage: str | None = None) -> None:
        level = level if level in ("debug", "info", "warning", "error") else "info"
        with self.services.unit_of_work() as session:
            JobRepository(session).append_log(uuid.UUID(self.job_id), level, message, stage)
        self._publish(log_event(message, stage, level))

    def status(self, status: str, message: str = "") -> None:
        self._publish(status_event(status, message))

    def check_cancelled(self) -> None:
        # Not throttled: one EXISTS per batch costs far less than the batch, and a skipped check
        # could let a cancelled job publish its output.
        try:
            requested = is_cancel_requested(self.services.redis, self.job_id)
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            # The job keeps running through a Redis outage; a cancel requested meanwhile is in
            # PostgreSQL, and the worker's heartbeat sets the flag again once Redis is back.
            log.warning("job %s: cancel flag unreadable (%s); going on", self.job_id, type(exc).__name__)
            return
        if requested:
            raise JobCancelled("The job was cancelled.")
        for check in self._checks:
            check()

    @contextmanager
    def checking(self, check: Callable[[], None]) -> Iterator[None]:
        """Run `check` at every cancel check inside the block: an agent's batches are the safe points
        where a step may stop (e.g. when a lock it holds was lost)."""
        self._checks.append(check)
        try:
            yield
        finally:
            self._checks.remove(check)

    def _publish(self, event: dict) -> None:
        # Events are a live view; the job rows are the record. A Redis hiccup must not fail the job.
        try:
            self.events.publish(self.job_id, event)
        except Exception as exc:  # noqa: BLE001
            log.warning("could not publish event for job %s: %s", self.job_id, type(exc).__name__)
