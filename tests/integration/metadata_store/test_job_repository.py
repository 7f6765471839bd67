"""Jobs move queued -> running -> final exactly once; logs page by cursor; cancel flags stick."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from tdm_metadata_store.repositories import ApiKeyRepository, JobRepository, RecordNotFoundError


def test_lifecycle_and_attempts(metadata_session: Session) -> None:
    key, _ = ApiKeyRepository(metadata_session).create("ci", "operator")
    repo = JobRepository(metadata_session)
    job = repo.create("SCHEMA_DISCOVERY", {"connection_id": "c1"}, user_id="ci", api_key_id=key.id)
    assert (job.status, job.attempts, job.cancel_requested) == ("queued", 0, False)
    assert repo.queued_job_ids() == [job.id]

    claimed = repo.mark_running(job.id, "worker-a")
    assert (claimed.status, claimed.attempts, claimed.worker_id) == ("running", 1, "worker-a")
    first_start = claimed.started_at
    metadata_session.commit()  # a later transaction has a later now(): started_at must not move
    reclaimed = repo.mark_running(job.id, "worker-b")  # re-delivery after worker-a died
    assert (reclaimed.attempts, reclaimed.worker_id, reclaimed.started_at) == (2, "worker-b", first_start)
    assert repo.heartbeat(job.id, "worker-a") is False
    assert repo.heartbeat(job.id, "worker-b") is True

    repo.set_progress(job.id, {"stage": "fetch_tables", "done": 3, "total": 10})
    finished = repo.finish(job.id, "succeeded", result={"schema_version_id": "v1"})
    assert finished.status == "succeeded" and finished.finished_at is not None
    assert finished.result_json == {"schema_version_id": "v1"}
    assert repo.finish(job.id, "failed", error="late") is None, "a finished job stays finished"
    assert repo.mark_running(job.id, "worker-c") is None
    assert repo.request_cancel(job.id) is False
    metadata_session.commit()
    assert repo.get(job.id).progress_json == {"stage": "fetch_tables", "done": 3, "total": 10}
    assert repo.queued_job_ids() == []


def test_list_filters_and_paging(metadata_session: Session) -> None:
    repo = JobRepository(metadata_session)
    for i in range(5):
        repo.create("TDM_SUBSET_ONLY" if i % 2 else "SCHEMA_DISCOVERY", {"n": i})
    rows, total = repo.list(operation="SCHEMA_DISCOVERY", limit=2)
    assert total == 3 and len(rows) == 2
    rows, total = repo.list(status="queued", limit=10, offset=4)
    assert total == 5 and len(rows) == 1
    rows, total = repo.list(status="running")
    assert (rows, total) == ([], 0)


def test_cancel_approval_and_errors(metadata_session: Session) -> None:
    repo = JobRepository(metadata_session)
    job = repo.create("FULL_TDM_PIPELINE", {})
    assert repo.request_cancel(job.id) is True
    assert repo.get(job.id).cancel_requested is True
    assert repo.set_status(job.id, "awaiting_approval").status == "awaiting_approval"
    with pytest.raises(ValueError):
        repo.set_status(job.id, "succeeded")
    with pytest.raises(ValueError):
        repo.finish(job.id, "running")
    failed = repo.finish(job.id, "failed", error="The source database could not be reached.")
    assert failed.error == "The source database could not be reached."
    with pytest.raises(RecordNotFoundError):
        repo.mark_running(uuid.uuid4(), "w")


def test_logs_page_by_cursor(metadata_session: Session) -> None:
    repo = JobRepository(metadata_session)
    job = repo.create("SCHEMA_DISCOVERY", {})
    ids = [repo.append_log(job.id, "info", f"step {i}", stage="fetch_tables").id for i in range(5)]
    with pytest.raises(ValueError):
        repo.append_log(job.id, "loud", "x")
    first = repo.logs(job.id, limit=3)
    assert [log.message for log in first] == ["step 0", "step 1", "step 2"]
    rest = repo.logs(job.id, after_id=first[-1].id)
    assert [log.id for log in rest] == ids[3:]


def test_stale_running_jobs(metadata_session: Session) -> None:
    repo = JobRepository(metadata_session)
    job = repo.create("SCHEMA_DISCOVERY", {})
    repo.mark_running(job.id, "worker-a")
    assert repo.stale_running_job_ids(datetime.now(UTC) - timedelta(minutes=5)) == []
    assert repo.stale_running_job_ids(datetime.now(UTC) + timedelta(minutes=5)) == [job.id]
