"""Crash recovery: a worker SIGKILLed mid-job, and Redis restarted with jobs queued."""

from __future__ import annotations

import signal
import time
import uuid

import psycopg
import pytest

from tdm_cache.client import sync_client
from tdm_cache.events import JobEvents
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.schemas import SchemaRepository


def _many_tables(url: str, tables: int = 150, rows: int = 2000) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for i in range(tables):
            conn.execute(
                f"CREATE TABLE t{i:03d} (id int PRIMARY KEY, email text, amount numeric, created date)"
            )
            conn.execute(
                f"INSERT INTO t{i:03d} SELECT g, 'user' || g || '@example.com', g * 1.5, "
                f"date '2024-01-01' + (g % 365) FROM generate_series(1, {rows}) g"
            )
        conn.execute("ANALYZE")


def _wait_for_stage(redis_url: str, job_id: str, stage: str, timeout_s: float = 60) -> None:
    events = JobEvents(sync_client(redis_url))
    last, deadline = "0", time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for event_id, event in events.read(job_id, after=last, block_ms=200):
            last = event_id
            if event.get("type") == "progress" and event.get("stage") == stage and event.get("done", 0) >= 1:
                return
            if event.get("type") == "status" and event.get("status") in ("succeeded", "failed"):
                pytest.fail(f"job ended before stage {stage}: {event}")
    pytest.fail(f"stage {stage} not reached in {timeout_s}s")


def test_worker_killed_mid_discovery_resumes_once(platform, start_worker, fresh_db_url):
    _many_tables(fresh_db_url)
    conn = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": "big", "connection_string": fresh_db_url},
    ).json()
    r = platform.client.post(
        "/api/v1/discover-schema",
        headers=platform.headers(),
        json={"connection_id": conn["id"], "sample_size": 2000},
    )
    job_id = r.json()["job_id"]
    first = start_worker(concurrency=1)
    _wait_for_stage(platform.env["REDIS_URL"], job_id, "profile_statistics")
    first.send_signal(signal.SIGKILL)
    first.wait(10)

    start_worker(concurrency=1)
    job = platform.wait_for_job(job_id, timeout_s=120)
    assert job["status"] == "succeeded", (job.get("error"), platform.worker_logs())
    assert job["attempts"] == 2
    assert any("Resuming" in line["message"] for line in job["logs"])

    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        repo = SchemaRepository(session)
        versions = repo.list_versions(uuid.UUID(job["result"]["schema_id"]))
        assert len(versions) == 1
        assert versions[0].table_count == 150
    engine.dispose()


@pytest.fixture
def platform_redis_url(tmp_path):
    """A Redis of this module's own, without persistence, so a restart loses the queue."""
    from tdm_api.stack.embedded_redis import EmbeddedRedis

    server = EmbeddedRedis(tmp_path / "redis", persistent=False)
    server.start()
    yield server.url
    server.stop()


def test_redis_restart_with_queued_jobs_loses_none(
    platform, platform_redis_url, start_worker, source_db_url, tmp_path
):
    from tdm_api.stack.embedded_redis import EmbeddedRedis

    conn = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": "src", "connection_string": source_db_url},
    ).json()
    job_ids = []
    for _ in range(3):
        r = platform.client.post(
            "/api/v1/discover-schema",
            headers=platform.headers(),
            json={"connection_id": conn["id"], "include_stats": False},
        )
        assert r.status_code == 202
        job_ids.append(r.json()["job_id"])

    port = int(platform_redis_url.rsplit(":", 1)[1].split("/")[0])
    server = EmbeddedRedis(tmp_path / "redis", port=port, persistent=False)
    server.stop()
    assert not server.running()
    server.start()  # same port, empty: the queue is gone
    assert sync_client(platform_redis_url).xlen("tdm:queue:jobs") == 0

    start_worker()
    for job_id in job_ids:
        assert platform.wait_for_job(job_id, timeout_s=90)["status"] == "succeeded", platform.worker_logs()
