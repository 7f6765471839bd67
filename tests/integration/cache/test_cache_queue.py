"""The Redis Streams job queue against a real Redis: delivery, acknowledgement, dead workers."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import Iterator

import pytest
import redis

from tdm_cache.client import async_client, sync_client
from tdm_cache.queue import AsyncJobQueue, JobQueue
from tests.integration.cache.queue_consumers import claim_and_die

pytestmark = pytest.mark.integration


@pytest.fixture
def client(redis_url: str) -> Iterator[redis.Redis]:
    client = sync_client(redis_url)
    yield client
    client.close()


@pytest.fixture
def queue(client: redis.Redis) -> JobQueue:
    queue = JobQueue(client)
    queue.ensure_group()
    return queue


def test_enqueue_claim_ack_moves_a_job_through_the_queue(queue: JobQueue) -> None:
    entry_id = queue.enqueue("job-1", "TDM_SUBSET_ONLY")
    queue.enqueue("job-2", "TDM_MASK_ONLY")
    assert queue.depth() == 2
    assert queue.queued_job_ids() == {"job-1", "job-2"}
    assert queue.pending_job_ids() == set()

    [delivery] = queue.claim("worker-a", count=1, block_ms=100)
    assert (delivery.entry_id, delivery.job_id, delivery.operation) == (entry_id, "job-1", "TDM_SUBSET_ONLY")
    assert delivery.delivery_count == 1
    assert queue.pending_job_ids() == {"job-1"}
    assert queue.queued_job_ids() == {"job-1", "job-2"}

    queue.ack(delivery)
    assert queue.depth() == 1
    assert queue.queued_job_ids() == {"job-2"}
    assert queue.pending_job_ids() == set()


def test_each_job_goes_to_one_consumer_only(queue: JobQueue) -> None:
    for number in range(6):
        queue.enqueue(f"job-{number}", "TDM_SUBSET_ONLY")
    first = queue.claim("worker-a", count=4, block_ms=100)
    second = queue.claim("worker-b", count=4, block_ms=100)
    assert len(first) == 4 and len(second) == 2
    assert {d.job_id for d in first}.isdisjoint({d.job_id for d in second})
    assert queue.claim("worker-c", count=4, block_ms=50) == []


def test_claim_waits_for_a_job_then_gives_up(queue: JobQueue) -> None:
    began = time.monotonic()
    assert queue.claim("worker-a", block_ms=200) == []
    assert 0.15 < time.monotonic() - began < 3


def test_a_dead_consumers_job_is_reclaimed_after_min_idle(queue: JobQueue, redis_url: str) -> None:
    queue.enqueue("job-1", "TDM_SUBSET_ONLY")
    context = multiprocessing.get_context("spawn")
    dead = context.Process(target=claim_and_die, args=(redis_url, "worker-dead"))
    dead.start()
    dead.join(timeout=60)
    assert dead.exitcode == 0, "the doomed worker never received the job"
    assert queue.pending_job_ids() == {"job-1"}
    assert queue.claim("worker-b", block_ms=50) == [], "a delivered job was delivered again as new"
    assert queue.reclaim_stale("worker-b", min_idle_ms=60_000) == []

    time.sleep(0.3)
    [taken] = queue.reclaim_stale("worker-b", min_idle_ms=200)
    assert (taken.job_id, taken.operation, taken.delivery_count) == ("job-1", "TDM_SUBSET_ONLY", 2)
    queue.ack(taken)
    assert queue.depth() == 0


def test_touch_keeps_a_running_job_from_being_reclaimed(queue: JobQueue) -> None:
    queue.enqueue("job-1", "TDM_SUBSET_ONLY")
    running = queue.claim("worker-a", block_ms=100)
    # Heartbeats every 0.1 s for three times the idle limit: the entry never becomes stale.
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        time.sleep(0.1)
        assert queue.touch("worker-a", running) == running
        assert queue.reclaim_stale("worker-b", min_idle_ms=500) == []
    time.sleep(0.6)
    [taken] = queue.reclaim_stale("worker-b", min_idle_ms=500)
    assert taken.job_id == "job-1"
    assert taken.delivery_count == 2, "heartbeats must not count as deliveries"


def test_touch_does_not_take_back_a_job_reclaimed_by_another(queue: JobQueue) -> None:
    queue.enqueue("job-1", "TDM_SUBSET_ONLY")
    presumed_dead = queue.claim("worker-a", block_ms=100)
    time.sleep(0.5)
    [taken] = queue.reclaim_stale("worker-b", min_idle_ms=400)
    assert queue.touch("worker-a", presumed_dead) == []
    assert queue.touch("worker-b", [taken]) == [taken]
    assert queue.reclaim_stale("worker-a", min_idle_ms=400) == []
    assert queue.pending_job_ids() == {"job-1"}


def test_delivery_count_grows_with_each_reclaim(queue: JobQueue) -> None:
    queue.enqueue("job-poison", "TDM_SUBSET_ONLY")
    queue.claim("worker-0", block_ms=100)
    counts = []
    for attempt in range(1, 4):
        time.sleep(0.06)
        [taken] = queue.reclaim_stale(f"worker-{attempt}", min_idle_ms=50)
        counts.append(taken.delivery_count)
    assert counts == [2, 3, 4]


def test_reclaim_respects_count_and_scans_the_whole_pending_list(queue: JobQueue) -> None:
    for number in range(7):
        queue.enqueue(f"job-{number}", "TDM_SUBSET_ONLY")
    queue.claim("worker-a", count=7, block_ms=100)
    time.sleep(0.06)
    first = queue.reclaim_stale("worker-b", min_idle_ms=50, count=3)
    second = queue.reclaim_stale("worker-c", min_idle_ms=50, count=10)
    assert len(first) == 3 and len(second) == 4
    assert {d.job_id for d in first} | {d.job_id for d in second} == {f"job-{n}" for n in range(7)}


def test_a_lost_group_is_recreated_and_still_delivers_waiting_jobs(
    queue: JobQueue, client: redis.Redis
) -> None:
    queue.enqueue("job-1", "TDM_SUBSET_ONLY")
    client.xgroup_destroy(queue.stream, queue.group)
    [delivery] = queue.claim("worker-a", block_ms=100)
    assert delivery.job_id == "job-1"
    assert queue.pending_job_ids() == {"job-1"}


def test_a_lost_stream_is_recreated_on_claim(queue: JobQueue, client: redis.Redis) -> None:
    client.delete(queue.stream)
    assert queue.pending_job_ids() == set()
    assert queue.reclaim_stale("worker-a", min_idle_ms=0) == []
    queue.enqueue("job-2", "TDM_MASK_ONLY")
    assert [d.job_id for d in queue.claim("worker-a", block_ms=100)] == ["job-2"]


def test_queued_job_ids_pages_through_a_long_stream(queue: JobQueue) -> None:
    for number in range(1_200):
        queue.enqueue(f"job-{number}", "TDM_SUBSET_ONLY")
    queue.claim("worker-a", count=600, block_ms=100)
    assert len(queue.queued_job_ids()) == 1_200
    assert len(queue.pending_job_ids()) == 600


def test_the_queue_works_through_a_bytes_client(queue: JobQueue, redis_url: str) -> None:
    queue.enqueue("job-1", "TDM_SUBSET_ONLY")
    raw = redis.Redis.from_url(redis_url)
    try:
        raw_queue = JobQueue(raw)
        [delivery] = raw_queue.claim("worker-a", block_ms=100)
        assert delivery.job_id == "job-1" and isinstance(delivery.entry_id, str)
        assert raw_queue.touch("worker-a", [delivery]) == [delivery]
        assert raw_queue.pending_job_ids() == {"job-1"}
        raw_queue.ack(delivery)
    finally:
        raw.close()
    assert queue.depth() == 0


def test_invalid_entries_are_refused(queue: JobQueue) -> None:
    with pytest.raises(ValueError):
        queue.enqueue("", "TDM_SUBSET_ONLY")


async def _enqueue_async(redis_url: str) -> tuple[str, int]:
    client = async_client(redis_url)
    try:
        queue = AsyncJobQueue(client)
        await queue.ensure_group()
        await queue.ensure_group()
        entry_id = await queue.enqueue("job-async", "FULL_TDM_PIPELINE")
        return entry_id, await queue.depth()
    finally:
        await client.aclose()


def test_async_enqueue_is_delivered_to_a_sync_worker(queue: JobQueue, redis_url: str) -> None:
    entry_id, depth = asyncio.run(_enqueue_async(redis_url))
    assert depth == 1
    [delivery] = queue.claim("worker-a", block_ms=100)
    assert (delivery.entry_id, delivery.job_id, delivery.operation) == (
        entry_id,
        "job-async",
        "FULL_TDM_PIPELINE",
    )
