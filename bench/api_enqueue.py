"""Job submission latency through the API under 50 concurrent clients, against GET /health.

Each client POSTs /discover-schema (validate, insert the job row, commit, XADD); no worker runs,
so only the gateway's path is measured. The reference is the same clients calling GET /health
(the HTTP and server overhead alone). Target: p99 ≤ 50 ms.

Two load shapes, both printed:
- paced: every client submits `--rate` jobs per second (Poisson arrivals), as CI pipelines and
  portal users do: the latency a client sees at that load;
- saturated: every client submits back to back, so latency is queueing behind the other 49
  clients; its figure is the throughput the gateway sustains.

    .venv/bin/python -m bench.api_enqueue [--clients 50] [--per-client 40] [--rate 1.0]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time

import httpx

from bench.platform_stack import bench_stack


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _run(url: str, clients: int, per_client: int, request, rate: float | None = None) -> list[float]:
    """Latencies of `clients` concurrent clients sending `per_client` requests each, back to back
    or, with `rate`, at exponentially distributed intervals averaging `rate` per second per client."""
    rng = random.Random(7)

    async def one(client: httpx.AsyncClient) -> list[float]:
        out = []
        for _ in range(per_client):
            if rate:
                await asyncio.sleep(rng.expovariate(rate))
            began = time.perf_counter()
            response = await request(client)
            out.append(time.perf_counter() - began)
            assert response.status_code in (200, 202), response.text
        return out

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
        results = await asyncio.gather(*(one(client) for _ in range(clients)))
    return [x for r in results for x in r]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--per-client", type=int, default=40)
    parser.add_argument("--rate", type=float, default=1.0, help="paced submissions per second per client")
    args = parser.parse_args()
    from tdm_metadata_store.crypto import SecretBox
    from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
    from tdm_metadata_store.repositories.api_keys import ApiKeyRepository
    from tdm_metadata_store.repositories.connections import ConnectionRepository

    with bench_stack() as stack:
        os.environ.update(stack.env)
        with unit_of_work(make_session_factory(make_engine(stack.database_url))) as session:
            _, key = ApiKeyRepository(session).create("bench", "operator")
            box = SecretBox.from_keys([stack.env["TDM_ENCRYPTION_KEYS"]])
            conn = ConnectionRepository(session).create("bench-src", stack.database_url, box)
            connection_id = str(conn.id)
        proc, url = stack.start_api()
        headers = {"X-API-Key": key}
        body = {"connection_id": connection_id}
        try:
            health = lambda c: c.get("/api/v1/health")  # noqa: E731
            submit = lambda c: c.post("/api/v1/discover-schema", json=body, headers=headers)  # noqa: E731
            asyncio.run(_run(url, args.clients, 2, health))  # warm up: open every client's connection
            shapes = {}
            for shape, rate in (("paced", args.rate), ("saturated", None)):
                ref = asyncio.run(_run(url, args.clients, args.per_client, health, rate))
                began = time.perf_counter()
                sub = asyncio.run(_run(url, args.clients, args.per_client, submit, rate))
                shapes[shape] = (ref, sub, len(sub) / (time.perf_counter() - began))
        finally:
            proc.terminate()
            proc.wait(10)
    for shape, (ref, sub, per_second) in shapes.items():
        load = f"{args.rate:g} job/s per client" if shape == "paced" else "back to back"
        print(
            f"{shape}: {args.clients} concurrent clients, {len(sub)} submissions, {load}, "
            f"{per_second:.0f} submissions/s"
        )
        print(
            f"  reference GET /health: p50 {statistics.median(ref) * 1000:.1f} ms, "
            f"p99 {_percentile(ref, 0.99) * 1000:.1f} ms"
        )
        print(
            f"  POST /discover-schema: p50 {statistics.median(sub) * 1000:.1f} ms, "
            f"p99 {_percentile(sub, 0.99) * 1000:.1f} ms"
        )
        print(
            f"  ratio to reference: p50 {statistics.median(sub) / statistics.median(ref):.2f}, "
            f"p99 {_percentile(sub, 0.99) / _percentile(ref, 0.99):.2f}; "
            f"p99 vs 50 ms target: {_percentile(sub, 0.99) * 1000 / 50:.2f}"
        )


if __name__ == "__main__":
    main()
