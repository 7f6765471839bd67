"""Cancel flags against a real Redis."""

from __future__ import annotations

import asyncio

import pytest
import redis

from tdm_cache.cancel import (
    clear_cancel,
    is_cancel_requested,
    is_cancel_requested_async,
    request_cancel,
    request_cancel_async,
)
from tdm_cache.client import async_client, sync_client
from tdm_cache.keys import CANCEL_FLAG_TTL_S, job_cancel_key

pytestmark = pytest.mark.integration


def test_request_check_and_clear(redis_url: str) -> None:
    client = sync_client(redis_url)
    try:
        assert not is_cancel_requested(client, "job-1")
        request_cancel(client, "job-1")
        assert is_cancel_requested(client, "job-1")
        assert not is_cancel_requested(client, "job-2")
        assert 0 < client.ttl(job_cancel_key("job-1")) <= CANCEL_FLAG_TTL_S
        clear_cancel(client, "job-1")
        assert not is_cancel_requested(client, "job-1")
    finally:
        client.close()


async def _request_async(redis_url: str) -> tuple[bool, bool]:
    client = async_client(redis_url)
    try:
        before = await is_cancel_requested_async(client, "job-3")
        await request_cancel_async(client, "job-3")
        return before, await is_cancel_requested_async(client, "job-3")
    finally:
        await client.aclose()


def test_async_request_is_seen_by_a_sync_worker(redis_url: str) -> None:
    assert asyncio.run(_request_async(redis_url)) == (False, True)
    worker_client = redis.Redis.from_url(redis_url)
    try:
        assert is_cancel_requested(worker_client, "job-3")
    finally:
        worker_client.close()
