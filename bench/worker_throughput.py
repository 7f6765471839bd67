"""No-op job throughput of one worker: the pipeline's own overhead per job.

N NOOP jobs are queued, then one worker process runs them all (claim, lock, mark running, the
supergraph with PostgreSQL checkpoints, events, finish, ack). The reference is the bare
bookkeeping of the same N jobs done in-process (mark running + finish, one transaction each):
the floor any worker must pay in PostgreSQL.

    .venv/bin/python -m bench.worker_throughput [--jobs 200] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid

from bench.platform_stack import bench_stack
from tdm_cache.client import sync_client
from tdm_cache.queue import JobQueue
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.jobs import JobRepository


def _create_jobs(factory, n: int) -> list[uuid.UUID]:
    with unit_of_work(factory) as session:
        repo = JobRepository(session)
        return [repo.create("NOOP", {}).id for _ in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    with bench_stack() as stack:
        factory = make_session_factory(make_engine(stack.database_url))
        reference_ids = _create_jobs(factory, args.jobs)
        began = time.perf_counter()
        for job_id in reference_ids:
            with unit_of_work(factory) as session:
                JobRepository(session).mark_running(job_id, "ref")
            with unit_of_work(factory) as session:
                JobRepository(session).finish(job_id, "succeeded", result={})
        reference = time.perf_counter() - began

        ids = _create_jobs(factory, args.jobs)
        queue = JobQueue(sync_client(stack.redis_url))
        for job_id in ids:
            queue.enqueue(str(job_id), "NOOP")
        worker = stack.spawn(
            [sys.executable, "-m", "tdm_orchestrator.worker", "--concurrency", str(args.concurrency)],
            "worker",
        )
        began = time.perf_counter()
        try:
            while True:
                with unit_of_work(factory) as session:
                    _, remaining = JobRepository(session).list(status="queued", limit=1)
                    _, running = JobRepository(session).list(status="running", limit=1)
                if remaining + running == 0:
                    break
                if worker.poll() is not None:
                    raise SystemExit("the worker exited; see " + str(stack.root / "worker.log"))
                time.sleep(0.05)
            elapsed = time.perf_counter() - began
        finally:
            worker.terminate()
            worker.wait(20)
        with unit_of_work(factory) as session:
            _, ok = JobRepository(session).list(status="succeeded", limit=1)
    print(f"{args.jobs} no-op jobs, one worker, concurrency {args.concurrency}")
    print(
        f"worker: {elapsed:.2f} s = {args.jobs / elapsed:.1f} jobs/s ({ok - args.jobs} of {args.jobs} succeeded)"
    )
    print(f"reference bookkeeping: {reference:.2f} s = {args.jobs / reference:.1f} jobs/s")
    print(f"ratio worker/reference time: {elapsed / reference:.2f}")


if __name__ == "__main__":
    main()
