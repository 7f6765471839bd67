"""A Redis that came back empty has lost the queue's consumer group: a worker's heartbeat (a Lua
script, whose errors the server prefixes) recreates it instead of failing on every beat."""

from __future__ import annotations

import pytest

from tdm_cache.client import sync_client
from tdm_cache.queue import JobQueue

pytestmark = pytest.mark.integration


def test_touch_after_the_group_was_lost_recreates_it_and_reports_nothing_owned(redis_url: str) -> None:
    client = sync_client(redis_url)
    try:
        queue = JobQueue(client)
        queue.ensure_group()
        queue.enqueue("job-1", "DISCOVER_SCHEMA")
        [running] = queue.claim("worker-a", block_ms=100)
        client.flushdb()  # what a restart without persistence leaves

        assert queue.touch("worker-a", [running]) == []
        queue.enqueue("job-2", "DISCOVER_SCHEMA")
        assert [d.job_id for d in queue.claim("worker-a", block_ms=100)] == ["job-2"]
    finally:
        client.close()
