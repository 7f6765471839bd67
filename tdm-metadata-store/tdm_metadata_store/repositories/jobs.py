"""Jobs and job logs: PostgreSQL is the system of record behind the queue."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from tdm_metadata_store.models import FINAL_JOB_STATUSES, JOB_STATUSES, LOG_LEVELS, Job, JobLog
from tdm_metadata_store.repositories.base import (
    DEFAULT_PAGE_SIZE,
    RecordNotFoundError,
    Repository,
    clamp_limit,
    paginate,
)

# A job may be (re)claimed while queued, or while running when its worker died (re-delivery).
CLAIMABLE_STATUSES = ("queued", "running")


class JobRepository(Repository):
    """Job rows and their logs; state changes are single UPDATE statements, safe under concurrency."""

    def create(
        self,
        operation: str,
        request: dict[str, Any],
        *,
        user_id: str | None = None,
        api_key_id: uuid.UUID | None = None,
        parent_job_id: uuid.UUID | None = None,
        job_id: uuid.UUID | None = None,
    ) -> Job:
        """Insert a `queued` job (the caller enqueues it after commit)."""
        row = Job(
            id=job_id or uuid.uuid4(),
            operation=operation,
            status="queued",
            request_json=request,
            user_id=user_id,
            api_key_id=api_key_id,
            parent_job_id=parent_job_id,
        )
        self.session.add(row)
        self.session.flush()
        self.session.refresh(row)
        return row

    def get(self, job_id: uuid.UUID) -> Job | None:
        """The job with this id, or None."""
        return self.session.get(Job, job_id)

    def list(
        self,
        operation: str | Sequence[str] | None = None,
        status: str | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        offset: int = 0,
    ) -> tuple[builtins.list[Job], int]:
        """One page of jobs, newest first, and the total matching the filters (one or several operations)."""
        query = select(Job).order_by(Job.created_at.desc(), Job.id)
        if isinstance(operation, str):
            query = query.where(Job.operation == operation)
        elif operation:
            query = query.where(Job.operation.in_(builtins.list(operation)))
        if status is not None:
            query = query.where(Job.status == status)
        return paginate(self.session, query, limit, offset)

    def mark_running(self, job_id: uuid.UUID, worker_id: str) -> Job | None:
        """Claim a job for a worker (attempts + 1); None when it is finished or unknown."""
        return self._update_returning(
            job_id,
            Job.status.in_(CLAIMABLE_STATUSES),
            status="running",
            worker_id=worker_id,
            attempts=Job.attempts + 1,
            started_at=func.coalesce(Job.started_at, func.now()),
            heartbeat_at=func.now(),
        )

    def heartbeat(self, job_id: uuid.UUID, worker_id: str) -> bool:
        """Record that the worker still runs the job; False when another worker took it over."""
        result = self.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.worker_id == worker_id, Job.status == "running")
            .values(heartbeat_at=func.now())
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def set_status(self, job_id: uuid.UUID, status: str) -> Job | None:
        """Move an unfinished job to a non-final status (e.g. awaiting_approval); None if finished."""
        if status not in JOB_STATUSES or status in FINAL_JOB_STATUSES:
            raise ValueError("use finish() for final statuses; status must be a known job status")
        return self._update_returning(job_id, Job.status.not_in(FINAL_JOB_STATUSES), status=status)

    def finish(
        self, job_id: uuid.UUID, status: str, result: Any = None, error: str | None = None
    ) -> Job | None:
        """Set a final status once; a job already finished stays as it was (returns None)."""
        if status not in FINAL_JOB_STATUSES:
            raise ValueError(f"final status must be one of {', '.join(FINAL_JOB_STATUSES)}")
        return self._update_returning(
            job_id,
            Job.status.not_in(FINAL_JOB_STATUSES),
            status=status,
            result_json=result,
            error=error,
            finished_at=func.now(),
        )

    def await_approval(self, job_id: uuid.UUID) -> Job | None:
        """Park a running job until a person answers (`resume`); None when it already finished."""
        return self._update_returning(
            job_id, Job.status == "running", status="awaiting_approval", resume_json=None, worker_id=None
        )

    def resume(self, job_id: uuid.UUID, answer: dict[str, Any]) -> Job | None:
        """Store a person's answer and queue the job again; None unless it was awaiting approval."""
        return self._update_returning(
            job_id, Job.status == "awaiting_approval", status="queued", resume_json=answer
        )

    def set_progress(self, job_id: uuid.UUID, progress: dict[str, Any]) -> None:
        """Store the latest progress summary (stage, done, total, message)."""
        self.session.execute(update(Job).where(Job.id == job_id).values(progress_json=progress))

    def request_cancel(self, job_id: uuid.UUID) -> bool:
        """Flag an unfinished job for cancellation; False when it is unknown or already finished."""
        result = self.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status.not_in(FINAL_JOB_STATUSES))
            .values(cancel_requested=True)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def append_log(self, job_id: uuid.UUID, level: str, message: str, stage: str | None = None) -> JobLog:
        """Append one log line (never row values or secrets: callers pass summaries)."""
        if level not in LOG_LEVELS:
            raise ValueError(f"level must be one of {', '.join(LOG_LEVELS)}")
        row = JobLog(job_id=job_id, level=level, message=message, stage=stage)
        self.session.add(row)
        self.session.flush()
        return row

    def logs(self, job_id: uuid.UUID, after_id: int = 0, limit: int = 500) -> Sequence[JobLog]:
        """Log lines with id > after_id, oldest first (after_id is the client's cursor)."""
        return self.session.scalars(
            select(JobLog)
            .where(JobLog.job_id == job_id, JobLog.id > after_id)
            .order_by(JobLog.id)
            .limit(clamp_limit(limit))
        ).all()

    def queued_job_ids(self) -> builtins.list[uuid.UUID]:
        """Ids of all queued jobs, oldest first (to re-enqueue what a Redis restart lost)."""
        return builtins.list(
            self.session.scalars(select(Job.id).where(Job.status == "queued").order_by(Job.created_at))
        )

    def stale_running_job_ids(self, heartbeat_before: datetime) -> builtins.list[uuid.UUID]:
        """Running jobs whose worker has not sent a heartbeat since `heartbeat_before`."""
        return builtins.list(
            self.session.scalars(
                select(Job.id)
                .where(
                    Job.status == "running",
                    func.coalesce(Job.heartbeat_at, Job.started_at) < heartbeat_before,
                )
                .order_by(Job.created_at)
            )
        )

    def jobs_created_before(self, status: str, before: datetime) -> builtins.list[Job]:
        """Jobs in `status` created before `before`, oldest first (re-enqueue candidates)."""
        return builtins.list(
            self.session.scalars(
                select(Job).where(Job.status == status, Job.created_at < before).order_by(Job.created_at)
            )
        )

    def jobs_by_ids(self, job_ids: builtins.list[uuid.UUID]) -> builtins.list[Job]:
        """The jobs with these ids (unknown ids are skipped)."""
        if not job_ids:
            return []
        return builtins.list(self.session.scalars(select(Job).where(Job.id.in_(job_ids))))

    def _update_returning(self, job_id: uuid.UUID, condition: Any, **values: Any) -> Job | None:
        statement = update(Job).where(Job.id == job_id, condition).values(**values).returning(Job)
        row = self.session.scalars(statement, execution_options={"populate_existing": True}).one_or_none()
        if row is None and self.get(job_id) is None:
            raise RecordNotFoundError("job", job_id)
        return row
