"""Cancel flags: the API sets one, the worker checks it between batches.

A flag is a key `tdm:job:{id}:cancel` that expires with the job's other keys, so a flag set on a
job that never runs again does not linger. PostgreSQL keeps the job's final status; the flag is
only the fast signal to a running worker.
"""

from __future__ import annotations

import redis
import redis.asyncio

from tdm_cache.keys import CANCEL_FLAG_TTL_S, job_cancel_key


def request_cancel(client: redis.Redis, job_id: str) -> None:
    """Ask the worker running `job_id` to stop at its next check."""
    client.set(job_cancel_key(job_id), "1", ex=CANCEL_FLAG_TTL_S)


def is_cancel_requested(client: redis.Redis, job_id: str) -> bool:
    """True when cancellation of `job_id` has been requested and not cleared."""
    return bool(client.exists(job_cancel_key(job_id)))


def clear_cancel(client: redis.Redis, job_id: str) -> None:
    """Remove the flag, e.g. when a job is re-run after it was cancelled."""
    client.delete(job_cancel_key(job_id))


async def request_cancel_async(client: redis.asyncio.Redis, job_id: str) -> None:
    """`request_cancel` for asyncio clients (the API's cancel endpoint)."""
    await client.set(job_cancel_key(job_id), "1", ex=CANCEL_FLAG_TTL_S)


async def is_cancel_requested_async(client: redis.asyncio.Redis, job_id: str) -> bool:
    """`is_cancel_requested` for asyncio clients."""
    return bool(await client.exists(job_cancel_key(job_id)))
