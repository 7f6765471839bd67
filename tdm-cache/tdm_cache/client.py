"""Redis client factories shared by every service.

Clients decode responses to `str` (`decode_responses=True`): everything the platform keeps in
Redis is text (ids, JSON events, queue fields, lock tokens), and binary payloads belong in the
dataset store. The helpers in this package also accept clients that return bytes, so a plain
`redis.Redis.from_url(url)` works with them too.

Connection errors and timeouts are retried with exponential backoff and jitter, and idle pooled
connections are pinged before reuse, so a Redis restart or a dropped connection costs a short
pause rather than a failed job step.
"""

from __future__ import annotations

import redis
import redis.asyncio
import redis.asyncio.retry
from redis.backoff import ExponentialWithJitterBackoff
from redis.retry import Retry

from tdm_cache.settings import validate_redis_url

# Blocking reads (queue claims, event follows) must block for less than this.
DEFAULT_SOCKET_TIMEOUT_S = 30.0
DEFAULT_CONNECT_TIMEOUT_S = 5.0
BACKOFF_BASE_S = 0.05
BACKOFF_CAP_S = 2.0


def _backoff() -> ExponentialWithJitterBackoff:
    return ExponentialWithJitterBackoff(base=BACKOFF_BASE_S, cap=BACKOFF_CAP_S)


def sync_client(
    url: str,
    *,
    health_check_interval_s: int = 30,
    retries: int = 5,
    socket_timeout_s: float = DEFAULT_SOCKET_TIMEOUT_S,
) -> redis.Redis:
    """A thread-safe, pooled Redis client that returns `str` and retries connection errors."""
    return redis.Redis.from_url(
        validate_redis_url(url),
        decode_responses=True,
        health_check_interval=health_check_interval_s,
        retry=Retry(_backoff(), retries),
        socket_timeout=socket_timeout_s,
        socket_connect_timeout=DEFAULT_CONNECT_TIMEOUT_S,
    )


def async_client(
    url: str,
    *,
    health_check_interval_s: int = 30,
    retries: int = 5,
    socket_timeout_s: float = DEFAULT_SOCKET_TIMEOUT_S,
) -> redis.asyncio.Redis:
    """An asyncio Redis client with the same behaviour as `sync_client`; close it with `aclose()`."""
    return redis.asyncio.Redis.from_url(
        validate_redis_url(url),
        decode_responses=True,
        health_check_interval=health_check_interval_s,
        retry=redis.asyncio.retry.Retry(_backoff(), retries),
        socket_timeout=socket_timeout_s,
        socket_connect_timeout=DEFAULT_CONNECT_TIMEOUT_S,
    )


def as_text(value: object) -> str:
    """A Redis reply as `str`, whichever way the client decodes responses."""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)
