"""Queued and running jobs survive a Redis restart when Redis persists with an append-only file.

This test runs its own Redis (not the shared test server) because it stops and restarts it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tdm_api.stack.embedded_redis import EmbeddedRedis
from tdm_cache.client import sync_client
from tdm_cache.queue import JobQueue

pytestmark = pytest.mark.integration


def _restart(server: EmbeddedRedis) -> None:
    server.stop()
    assert not server.running()
    server.start()


def test_queued_and_pending_jobs_survive_a_restart_with_append_only_persistence(tmp_path: Path) -> None:
    server = EmbeddedRedis(tmp_path / "redis", persistent=True)
    server.start()
    try:
        client = sync_client(server.url)
        queue = JobQueue(client)
        queue.ensure_group()
        for number in range(4):
            queue.enqueue(f"job-{number}", "TDM_SUBSET_ONLY")
        [running] = queue.claim("worker-died-in-restart", block_ms=100)
        client.close()

        _restart(server)

        client = sync_client(server.url)
        queue = JobQueue(client)
        assert queue.queued_job_ids() == {f"job-{number}" for number in range(4)}
        assert queue.pending_job_ids() == {running.job_id}
        [recovered] = queue.reclaim_stale("worker-after-restart", min_idle_ms=0)
        assert (recovered.job_id, recovered.delivery_count) == (running.job_id, 2)
        fresh = queue.claim("worker-after-restart", count=10, block_ms=100)
        assert {d.job_id for d in fresh} == {f"job-{number}" for number in range(1, 4)}
        client.close()
    finally:
        server.stop()


def test_without_persistence_a_restart_loses_the_queue_but_it_keeps_working(tmp_path: Path) -> None:
    server = EmbeddedRedis(tmp_path / "redis", persistent=False)
    server.start()
    try:
        client = sync_client(server.url)
        queue = JobQueue(client)
        queue.ensure_group()
        queue.enqueue("job-1", "TDM_SUBSET_ONLY")
        client.close()

        _restart(server)

        client = sync_client(server.url)
        queue = JobQueue(client)
        # PostgreSQL is the system of record: the orchestrator sees the job missing and re-enqueues it.
        missing = {"job-1"} - queue.queued_job_ids()
        assert missing == {"job-1"}
        for job_id in missing:
            queue.enqueue(job_id, "TDM_SUBSET_ONLY")
        assert [d.job_id for d in queue.claim("worker-a", block_ms=100)] == ["job-1"]
        client.close()
    finally:
        server.stop()
