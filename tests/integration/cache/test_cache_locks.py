"""RedisLock against a real Redis: ownership, TTL, extension, and two contending processes."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator

import pytest
import redis

from tdm_cache.client import sync_client
from tdm_cache.keys import subset_lock_key
from tdm_cache.locks import LockKeepAlive, LockLost, LockNotAcquired, RedisLock
from tests.integration.cache.lock_contenders import hold_repeatedly, take_and_die

pytestmark = pytest.mark.integration


@pytest.fixture
def client(redis_url: str) -> Iterator[redis.Redis]:
    client = sync_client(redis_url)
    yield client
    client.close()


def test_a_held_lock_cannot_be_taken_until_released(client: redis.Redis) -> None:
    key = subset_lock_key("sv-1")
    first, second = RedisLock(client, key, ttl_s=10), RedisLock(client, key, ttl_s=10)
    assert first.acquire(blocking=False)
    assert not second.acquire(blocking=False)
    assert not second.acquire(blocking=True, timeout_s=0.2)
    assert first.release()
    assert second.acquire(blocking=False)
    assert second.owned() and not first.owned()


def test_release_never_deletes_another_holders_lock(client: redis.Redis) -> None:
    key = subset_lock_key("sv-2")
    expired = RedisLock(client, key, ttl_s=0.2)
    assert expired.acquire(blocking=False)
    time.sleep(0.35)
    current = RedisLock(client, key, ttl_s=10)
    assert current.acquire(blocking=False)
    assert expired.release() is False
    assert client.get(key) == current.token


def test_release_of_a_lock_never_taken_is_a_no_op(client: redis.Redis) -> None:
    assert RedisLock(client, subset_lock_key("sv-3"), ttl_s=1).release() is False


def test_extend_resets_the_ttl_only_for_the_owner(client: redis.Redis) -> None:
    # A long TTL and a TTL check (not a sleep past expiry) keep the margins at a second on a loaded machine.
    key = subset_lock_key("sv-4")
    lock, stranger = RedisLock(client, key, ttl_s=10), RedisLock(client, key, ttl_s=10)
    assert lock.acquire(blocking=False)
    time.sleep(1.0)
    assert client.pttl(key) <= 9_000
    assert stranger.extend() is False
    assert client.pttl(key) <= 9_000, "a non-owner reset the TTL"
    assert lock.extend()
    assert client.pttl(key) > 9_000, "the owner's extend did not reset the TTL"
    client.delete(key)
    assert lock.extend() is False


def test_context_manager_releases_and_raises_when_not_acquired(client: redis.Redis) -> None:
    key = subset_lock_key("sv-5")
    with RedisLock(client, key, ttl_s=10) as held:
        assert held.owned()
        with pytest.raises(LockNotAcquired), RedisLock(client, key, ttl_s=10, acquire_timeout_s=0.1):
            pytest.fail("entered a lock that is held elsewhere")
    assert client.exists(key) == 0


def test_two_processes_never_hold_the_lock_at_the_same_time(redis_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    key = subset_lock_key("contended")
    processes = [
        context.Process(target=hold_repeatedly, args=(redis_url, key, 8, 0.03, start, results))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    start.set()
    reports = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    assert [status for status, _ in reports] == ["ok", "ok"], reports
    intervals = sorted(interval for _, held in reports for interval in held)
    assert len(intervals) == 16
    for (_, previous_end), (next_start, _) in zip(intervals, intervals[1:], strict=False):
        assert next_start >= previous_end, "two processes held the lock at once"


def test_a_holder_that_dies_loses_the_lock_after_its_ttl(client: redis.Redis, redis_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    key = subset_lock_key("abandoned")
    ttl_s = 1.0
    holder = context.Process(target=take_and_die, args=(redis_url, key, ttl_s, results))
    holder.start()
    taken_at = results.get(timeout=60)
    holder.join(timeout=30)
    assert holder.exitcode == 0
    successor = RedisLock(client, key, ttl_s=10)
    assert not successor.acquire(blocking=False), "the dead holder's lock vanished before its TTL"
    assert successor.acquire(blocking=True, timeout_s=5)
    waited = time.monotonic() - taken_at
    assert ttl_s * 0.9 <= waited < ttl_s + 2


def test_a_kept_alive_lock_outlives_its_ttl_until_stopped(client: redis.Redis) -> None:
    key = subset_lock_key("kept-alive")
    # The TTL leaves the keep-alive thread a second and more to be scheduled on a loaded machine.
    ttl_s = 1.5
    lock = RedisLock(client, key, ttl_s=ttl_s)
    assert lock.acquire(blocking=False)
    with LockKeepAlive(lock, every_s=0.1) as keeper:
        time.sleep(ttl_s * 2)
        assert lock.owned() and not keeper.lost
        keeper.check()
    time.sleep(ttl_s + 0.3)
    assert not lock.owned(), "without the keep-alive the TTL runs out"


def test_a_lost_lock_is_reported_at_the_holders_next_check(client: redis.Redis) -> None:
    key = subset_lock_key("stolen")
    lock = RedisLock(client, key, ttl_s=5)
    assert lock.acquire(blocking=False)
    with LockKeepAlive(lock, every_s=0.1) as keeper:
        client.set(key, "someone-else")
        deadline = time.monotonic() + 2
        while not keeper.lost and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(LockLost):
            keeper.check()
