"""GET /job/{id}/events: the Server-Sent Events format the CLI and the portal parse, resuming,
and the end of the stream (a final status event, or the record when no such event came)."""

from __future__ import annotations

import json
import uuid

import redis

from tdm_api.routers import jobs as jobs_router
from tdm_cache.events import JobEvents, log_event, progress_event, status_event
from tdm_metadata_store.repositories.jobs import JobRepository
from tests.fixtures.metadata import committed_session
from tests.fixtures.platform import read_sse


def _job(platform) -> str:
    """A queued job: the stream follows its events until one says it ended."""
    with committed_session(platform.env["DATABASE_URL"]) as session:
        job = JobRepository(session).create("NOOP", {}, user_id="test", job_id=uuid.uuid4())
        return str(job.id)


def _raw(platform, url: str) -> str:
    with platform.client.stream("GET", url, headers=platform.headers("viewer"), timeout=30) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        return response.read().decode()


def test_a_stream_holds_id_event_and_json_data_lines_and_ends_at_the_final_status(platform):
    job_id = _job(platform)
    events = JobEvents(redis.Redis.from_url(platform.env["REDIS_URL"]))
    first = events.publish(job_id, progress_event("extract", 5, 10))
    middle = events.publish(job_id, log_event("halfway", stage="extract"))
    last = events.publish(job_id, status_event("succeeded"))

    text = _raw(platform, f"/api/v1/job/{job_id}/events")

    blocks = [b.split("\n") for b in text.split("\n\n") if b]
    assert [line.partition(": ")[0] for line in blocks[0]] == ["event", "data"]
    assert blocks[1][:2] == [f"id: {first}", "event: progress"]
    assert json.loads(blocks[1][2].removeprefix("data: "))["done"] == 5
    assert blocks[2][:2] == [f"id: {middle}", "event: log"]
    assert blocks[-1][:2] == [f"id: {last}", "event: status"]
    assert json.loads(blocks[-1][2].removeprefix("data: "))["status"] == "succeeded"
    assert len(blocks) == 4 and "\r" not in text


def test_a_client_resumes_after_the_last_event_it_saw(platform):
    job_id = _job(platform)
    events = JobEvents(redis.Redis.from_url(platform.env["REDIS_URL"]))
    seen = events.publish(job_id, progress_event("extract", 1, 2))
    events.publish(job_id, progress_event("extract", 2, 2))
    events.publish(job_id, status_event("succeeded"))

    resumed = read_sse(
        platform.client, f"/api/v1/job/{job_id}/events?after={seen}", platform.headers("viewer")
    )

    assert [e.get("done") for e in resumed if e["type"] == "progress"] == [2]
    assert (resumed[-1]["type"], resumed[-1]["status"]) == ("status", "succeeded")


def test_a_job_that_ended_without_a_final_event_ends_the_stream_from_its_record(platform, monkeypatch):
    monkeypatch.setattr(jobs_router, "IDLE_CHECK_S", 0.2)
    job_id = _job(platform)
    with committed_session(platform.env["DATABASE_URL"]) as session:
        JobRepository(session).finish(uuid.UUID(job_id), "failed", error="The source went away.")

    events = read_sse(
        platform.client, f"/api/v1/job/{job_id}/events?after=0-1", platform.headers("viewer"), timeout_s=30
    )

    assert events[-1] == {"type": "status", "status": "failed", "message": "The source went away."}
