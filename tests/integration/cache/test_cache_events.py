"""Job events against a real Redis: publish, read from an offset, blocking reads, async follow."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest
import redis

from tdm_cache.client import async_client, sync_client
from tdm_cache.events import (
    AsyncJobEvents,
    JobEvents,
    log_event,
    progress_event,
    status_event,
)
from tdm_cache.keys import JOB_EVENTS_TTL_S, job_events_key

pytestmark = pytest.mark.integration


@pytest.fixture
def client(redis_url: str) -> Iterator[redis.Redis]:
    client = sync_client(redis_url)
    yield client
    client.close()


def test_events_come_back_in_order_with_timestamps(client: redis.Redis) -> None:
    events = JobEvents(client)
    first = events.publish("job-1", progress_event("fetch_tables", 3, 10, "tables"))
    second = events.publish("job-1", log_event("connected", stage="connect_db"))
    read = events.read("job-1")
    assert [event_id for event_id, _ in read] == [first, second]
    assert read[0][1]["type"] == "progress"
    assert (read[0][1]["stage"], read[0][1]["done"], read[0][1]["total"]) == ("fetch_tables", 3, 10)
    assert read[1][1]["message"] == "connected"
    assert all(abs(event["ts"] - time.time()) < 60 for _, event in read)
    assert events.last_id("job-1") == second
    assert events.read("job-other") == []


def test_reading_after_an_offset_returns_only_later_events(client: redis.Redis) -> None:
    events = JobEvents(client)
    ids = [events.publish("job-2", progress_event("copy", done, 5)) for done in range(5)]
    later = events.read("job-2", after=ids[2])
    assert [event_id for event_id, _ in later] == ids[3:]
    assert [event["done"] for _, event in events.read("job-2", count=2)] == [0, 1]


def test_publish_sets_the_stream_ttl_and_trims_old_events(client: redis.Redis) -> None:
    events = JobEvents(client, maxlen=50)
    for done in range(400):
        events.publish("job-3", progress_event("copy", done))
    assert 0 < client.ttl(job_events_key("job-3")) <= JOB_EVENTS_TTL_S
    kept = client.xlen(job_events_key("job-3"))
    assert 50 <= kept < 400, "approximate trimming kept too little or nothing was trimmed"


def test_only_known_event_types_are_published(client: redis.Redis) -> None:
    with pytest.raises(ValueError, match="event type"):
        JobEvents(client).publish("job-4", {"type": "rows", "rows": [1, 2]})


def test_a_blocking_read_wakes_up_when_an_event_arrives(client: redis.Redis) -> None:
    events = JobEvents(client)
    publisher = threading.Timer(0.2, events.publish, args=("job-5", status_event("running")))
    publisher.start()
    began = time.monotonic()
    read = events.read("job-5", after="$", block_ms=5_000)
    publisher.join()
    assert [event["status"] for _, event in read] == ["running"]
    assert time.monotonic() - began < 4


def test_a_blocking_read_times_out_empty(client: redis.Redis) -> None:
    began = time.monotonic()
    assert JobEvents(client).read("job-6", after="$", block_ms=200) == []
    assert 0.15 < time.monotonic() - began < 3


def test_events_read_through_a_bytes_client(client: redis.Redis, redis_url: str) -> None:
    JobEvents(client).publish("job-7", status_event("queued"))
    raw = redis.Redis.from_url(redis_url)
    try:
        [(event_id, event)] = JobEvents(raw).read("job-7")
    finally:
        raw.close()
    assert isinstance(event_id, str) and event["status"] == "queued"


async def _follow_while_publishing(redis_url: str) -> list[dict[str, object]]:
    reader, writer = async_client(redis_url), async_client(redis_url)
    try:
        follower = AsyncJobEvents(reader)
        publisher = AsyncJobEvents(writer)
        await publisher.publish("job-8", status_event("running"))

        async def publish_later() -> None:
            for done in range(1, 4):
                await asyncio.sleep(0.05)
                await publisher.publish("job-8", progress_event("copy", done, 3))
            await publisher.publish("job-8", status_event("succeeded"))
            await publisher.publish("job-8", log_event("after the end"))

        task = asyncio.create_task(publish_later())
        seen = [event async for _, event in follower.follow("job-8", block_ms=500, max_idle_s=10)]
        await task
        return seen
    finally:
        await reader.aclose()
        await writer.aclose()


def test_follow_streams_events_until_the_job_ends(redis_url: str) -> None:
    seen = asyncio.run(_follow_while_publishing(redis_url))
    assert [event["type"] for event in seen] == ["status", "progress", "progress", "progress", "status"]
    assert seen[-1]["status"] == "succeeded"


async def _follow_idle(redis_url: str, after: str) -> tuple[list[str], float]:
    client = async_client(redis_url)
    try:
        began = time.monotonic()
        ids = [
            event_id
            async for event_id, _ in AsyncJobEvents(client).follow(
                "job-9", after=after, block_ms=100, max_idle_s=0.3
            )
        ]
        return ids, time.monotonic() - began
    finally:
        await client.aclose()


def test_follow_resumes_after_an_offset_and_stops_when_idle(client: redis.Redis, redis_url: str) -> None:
    events = JobEvents(client)
    ids = [events.publish("job-9", progress_event("copy", done)) for done in range(3)]
    resumed, elapsed = asyncio.run(_follow_idle(redis_url, after=ids[0]))
    assert resumed == ids[1:]
    assert 0.25 < elapsed < 5
