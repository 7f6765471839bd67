"""Locks with a caller-chosen owner token: a later holder with the same token takes the lock back."""

from __future__ import annotations

from tdm_cache.client import sync_client
from tdm_cache.locks import RedisLock


def test_same_token_reclaims_a_lock_left_behind(redis_url):
    client = sync_client(redis_url)
    left_behind = RedisLock(client, "tdm:lock:test:reclaim", ttl_s=3600, token="job:1")
    assert left_behind.acquire(blocking=False)

    other = RedisLock(client, "tdm:lock:test:reclaim", ttl_s=3600, token="job:2")
    assert not other.acquire(blocking=False)

    resumed = RedisLock(client, "tdm:lock:test:reclaim", ttl_s=60, token="job:1")
    assert resumed.acquire(blocking=False)
    assert resumed.owned()
    assert 0 < client.ttl("tdm:lock:test:reclaim") <= 60, "reclaiming resets the TTL to the new holder's"
    assert resumed.release()
    assert other.acquire(blocking=False)


def test_random_tokens_never_reclaim(redis_url):
    client = sync_client(redis_url)
    first = RedisLock(client, "tdm:lock:test:random", ttl_s=60)
    assert first.acquire(blocking=False)
    second = RedisLock(client, "tdm:lock:test:random", ttl_s=60)
    assert not second.acquire(blocking=False)
    assert not second.owned()
