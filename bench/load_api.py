"""The API under sustained load on loopback: 50 concurrent clients for 60 s, jobs enqueued and polled.

Each client loops: POST /discover-schema (a small real job: a one-table source, no statistics),
GET /health, then GET /job/{id} every 0.2 s until the job ends. Two worker processes run the jobs.
After the window, the clients finish polling their last job and every accepted job is checked
once more. Reported: errors (transport errors and unexpected statuses), lost jobs (accepted but
not ended), failed jobs, and the enqueue latency p50/p99 as a ratio to GET /health measured by
the same clients in the same run.

    .venv/bin/python -m bench.load_api [--seconds 60] [--clients 50] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from dataclasses import dataclass, field

import httpx
import psycopg

from bench.platform_stack import BenchStack, bench_stack

TERMINAL = frozenset({"succeeded", "failed", "cancelled"})
POLL_S = 0.2
DRAIN_TIMEOUT_S = 300


@dataclass
class LoadResult:
    enqueue_s: list[float] = field(default_factory=list)
    health_s: list[float] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    final_status: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _timed(result_list: list[float], request) -> httpx.Response:
    began = time.perf_counter()
    response = await request
    result_list.append(time.perf_counter() - began)
    return response


async def _poll_until_done(client: httpx.AsyncClient, job_id: str, headers: dict, result: LoadResult,
                           deadline: float) -> None:  # fmt: skip
    while time.monotonic() < deadline:
        response = await client.get(f"/api/v1/job/{job_id}", headers=headers)
        if response.status_code != 200:
            result.errors.append(f"GET /job: {response.status_code}")
            return
        status = response.json()["status"]
        if status in TERMINAL:
            result.final_status[job_id] = status
            return
        await asyncio.sleep(POLL_S)


async def _client_loop(client: httpx.AsyncClient, body: dict, headers: dict, result: LoadResult,
                       stop_at: float) -> None:  # fmt: skip
    while time.monotonic() < stop_at:
        try:
            posted = await _timed(
                result.enqueue_s, client.post("/api/v1/discover-schema", json=body, headers=headers)
            )
            health = await _timed(result.health_s, client.get("/api/v1/health"))
            if health.status_code != 200:
                result.errors.append(f"GET /health: {health.status_code}")
            if posted.status_code != 202:
                result.errors.append(f"POST /discover-schema: {posted.status_code}")
                continue
            job_id = posted.json()["job_id"]
            result.accepted.append(job_id)
            await _poll_until_done(client, job_id, headers, result, time.monotonic() + DRAIN_TIMEOUT_S)
        except httpx.HTTPError as exc:
            result.errors.append(type(exc).__name__)


async def _recheck(client: httpx.AsyncClient, headers: dict, result: LoadResult) -> None:
    """Every accepted job without a final status is asked once more (a client may have given up)."""
    for job_id in [j for j in result.accepted if j not in result.final_status]:
        await _poll_until_done(client, job_id, headers, result, time.monotonic() + 30)


async def run_load(url: str, clients: int, seconds: float, body: dict, headers: dict) -> LoadResult:
    """Run `clients` closed-loop clients for `seconds`, then wait for their jobs to end."""
    result = LoadResult()
    limits = httpx.Limits(max_connections=clients + 5)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        stop_at = time.monotonic() + seconds
        await asyncio.gather(*(_client_loop(client, body, headers, result, stop_at) for _ in range(clients)))
        await _recheck(client, headers, result)
    return result


def _tiny_source(stack: BenchStack) -> str:
    """A one-table source database on the bench server; returns its URL."""
    from sqlalchemy.engine import make_url

    url = make_url(stack.database_url).set(database="tiny_source").render_as_string(hide_password=False)
    with psycopg.connect(stack.database_url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE tiny_source")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE items (id int PRIMARY KEY, label text)")
        conn.execute("INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 20) g")
    return url


def _key_and_connection(stack: BenchStack, source_url: str) -> tuple[str, str]:
    from tdm_metadata_store.crypto import SecretBox
    from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
    from tdm_metadata_store.repositories.api_keys import ApiKeyRepository
    from tdm_metadata_store.repositories.connections import ConnectionRepository

    engine = make_engine(stack.database_url)
    with unit_of_work(make_session_factory(engine)) as session:
        _, key = ApiKeyRepository(session).create("load-bench", "operator")
        box = SecretBox.from_keys([stack.env["TDM_ENCRYPTION_KEYS"]])
        connection_id = str(ConnectionRepository(session).create("tiny", source_url, box).id)
    engine.dispose()
    return key, connection_id


def _report(result: LoadResult, clients: int, seconds: float, workers: int) -> None:
    lost = [j for j in result.accepted if j not in result.final_status]
    failed = [j for j, s in result.final_status.items() if s != "succeeded"]
    enqueue, health = result.enqueue_s, result.health_s
    print(
        f"{clients} clients for {seconds:.0f} s, {workers} workers: {len(result.accepted)} jobs accepted "
        f"({len(result.accepted) / seconds:.1f}/s)"
    )
    print(f"errors: {len(result.errors)}  lost jobs: {len(lost)}  failed jobs: {len(failed)}")
    if result.errors:
        print("  first errors:", ", ".join(sorted(set(result.errors))[:5]))
    if not enqueue or not health:
        return
    print(
        f"reference GET /health under the same load: p50 {statistics.median(health) * 1000:.1f} ms, "
        f"p99 {_percentile(health, 0.99) * 1000:.1f} ms"
    )
    print(
        f"POST /discover-schema (enqueue): p50 {statistics.median(enqueue) * 1000:.1f} ms, "
        f"p99 {_percentile(enqueue, 0.99) * 1000:.1f} ms"
    )
    print(
        f"ratio to reference: p50 {statistics.median(enqueue) / statistics.median(health):.2f}, "
        f"p99 {_percentile(enqueue, 0.99) / _percentile(health, 0.99):.2f}"
    )


def main() -> None:
    """Start an embedded stack, the API and workers; run the load; print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with bench_stack() as stack:
        os.environ.update(stack.env)
        key, connection_id = _key_and_connection(stack, _tiny_source(stack))
        api, url = stack.start_api()
        workers = [stack.spawn([sys.executable, "-m", "tdm_orchestrator.worker", "--concurrency", "2"], f"worker-{i}")
                   for i in range(args.workers)]  # fmt: skip
        body = {"connection_id": connection_id, "include_stats": False}
        try:
            result = asyncio.run(run_load(url, args.clients, args.seconds, body, {"X-API-Key": key}))
        finally:
            for proc in [api, *workers]:
                proc.terminate()
            for proc in [api, *workers]:
                proc.wait(30)
    _report(result, args.clients, args.seconds, args.workers)


if __name__ == "__main__":
    main()
