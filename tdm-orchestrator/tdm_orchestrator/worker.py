"""The orchestrator worker: claims jobs from Redis, runs them, heartbeats, and recovers lost ones.

At-least-once delivery with exactly-once effect: a per-job Redis lock keeps two workers from
running one job at the same time; a dead worker's entries go stale and another worker resumes
them from their last PostgreSQL checkpoint.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import socket
import threading
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from functools import partial

from tdm_agents.provisioning.ephemeral import drop_expired_ephemeral_schemas
from tdm_cache import keys as cache_keys
from tdm_cache.cancel import request_cancel
from tdm_cache.locks import LockKeepAlive, RedisLock
from tdm_cache.queue import Delivery, JobQueue
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_orchestrator.checkpoints import open_checkpointer
from tdm_orchestrator.dataset_sweeper import OrphanedVersionSweeper
from tdm_orchestrator.graphs.master import build_master_graph
from tdm_orchestrator.runner import fail_job, run_job
from tdm_orchestrator.services import Services
from tdm_orchestrator.settings import OrchestratorSettings
from tdm_orchestrator.webhook_sender import WebhookSender

log = logging.getLogger("tdm.worker")


class Worker:
    def __init__(
        self, services: Services, settings: OrchestratorSettings, worker_id: str | None = None
    ) -> None:
        self.services = services
        self.settings = settings
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.queue = JobQueue(services.redis)
        self.stopping = threading.Event()
        self._inflight: dict[str, tuple[Delivery, RedisLock]] = {}
        self._keepers: dict[str, LockKeepAlive] = {}
        self._inflight_lock = threading.Lock()
        self._checkpointer, self._close_checkpointer = open_checkpointer(
            services.libpq_database_url, pool_size=settings.concurrency + 2
        )
        self.graph = build_master_graph().compile(checkpointer=self._checkpointer)
        self.orphan_sweeper = OrphanedVersionSweeper(services, settings.orphan_grace_s)
        self.webhook_sender = WebhookSender(services, settings, self.worker_id)

    # -- main loop ---------------------------------------------------------------------------
    def run(self) -> None:
        log.info("worker %s started (concurrency %d)", self.worker_id, self.settings.concurrency)
        executor = ThreadPoolExecutor(self.settings.concurrency, thread_name_prefix="job")
        beat = threading.Thread(target=self._heartbeat_loop, name="heartbeat", daemon=True)
        beat.start()
        self.webhook_sender.start()
        next_requeue = next_sweep = next_orphan_sweep = 0.0
        try:
            while not self.stopping.is_set():
                if time.monotonic() >= next_requeue:
                    self._safely(self.requeue_missing)
                    next_requeue = time.monotonic() + self.settings.requeue_interval_s
                if time.monotonic() >= next_sweep:
                    self._safely(self.sweep_ephemeral_schemas)
                    next_sweep = time.monotonic() + self.settings.ephemeral_sweep_interval_s
                if time.monotonic() >= next_orphan_sweep:
                    self._safely(self.orphan_sweeper.sweep)
                    next_orphan_sweep = time.monotonic() + self.settings.orphan_sweep_interval_s
                free = self.settings.concurrency - self._inflight_count()
                if free <= 0:
                    time.sleep(0.05)
                    continue
                deliveries = self._safely(partial(self._next_deliveries, free)) or []
                for delivery in deliveries:
                    self._start(executor, delivery)
        finally:
            executor.shutdown(wait=True)
            self.webhook_sender.stop()  # after the jobs: their completions are in the outbox by now
            self._close_checkpointer()
            log.info("worker %s stopped", self.worker_id)

    def stop(self, *_: object) -> None:
        self.stopping.set()

    def _next_deliveries(self, free: int) -> list[Delivery]:
        stale_ms = int(self.settings.stale_after_s * 1000)
        found = self.queue.reclaim_stale(self.worker_id, stale_ms, count=free)
        if len(found) < free:
            found += self.queue.claim(self.worker_id, count=free - len(found), block_ms=500)
        return found

    def _start(self, executor: ThreadPoolExecutor, delivery: Delivery) -> None:
        if self._running_here(delivery):
            return
        lock = RedisLock(
            self.services.redis,
            cache_keys.lock_key("job", delivery.job_id),
            ttl_s=self.settings.stale_after_s,
        )
        if not lock.acquire(blocking=False):
            # Another live worker runs this job (a duplicate entry): drop the duplicate.
            self.queue.ack(delivery)
            return
        # Extended from its own thread while the job runs, however long one of its nodes takes.
        keeper = LockKeepAlive(lock, self.settings.heartbeat_s).start()
        with self._inflight_lock:
            self._inflight[delivery.entry_id] = (delivery, lock)
            self._keepers[delivery.entry_id] = keeper
        future: Future = executor.submit(self._process, delivery)
        future.add_done_callback(lambda _f: self._done(delivery))

    def _running_here(self, delivery: Delivery) -> bool:
        """Whether this worker already runs the job: after a Redis outage its own entry looks
        stale (no heartbeat reached Redis) and may be reclaimed by itself, its lock expired."""
        with self._inflight_lock:
            running = {d.entry_id: d.job_id for d, _ in self._inflight.values()}
        if delivery.job_id not in running.values():
            return False
        if delivery.entry_id not in running:
            self.queue.ack(delivery)  # a second entry for the same job: drop it
        return True

    def _process(self, delivery: Delivery) -> None:
        try:
            if delivery.delivery_count > self.settings.max_attempts:
                fail_job(
                    self.services,
                    delivery.job_id,
                    f"The job was interrupted {delivery.delivery_count - 1} times and was given up.",
                )
            else:
                status = run_job(delivery.job_id, self.services, self.graph, self.worker_id)
                log.info("job %s → %s", delivery.job_id, status or "already finished")
            self.queue.ack(delivery)
            self.webhook_sender.wake()  # the job's completion is in the outbox now
        except Exception as exc:  # noqa: BLE001 - keep the worker alive; the entry will be reclaimed
            log.error(
                "job %s: infrastructure error %s; it will be retried", delivery.job_id, type(exc).__name__
            )

    def _done(self, delivery: Delivery) -> None:
        with self._inflight_lock:
            entry = self._inflight.pop(delivery.entry_id, None)
            keeper = self._keepers.pop(delivery.entry_id, None)
        if keeper:
            keeper.stop()
        if entry:
            self._safely(entry[1].release)

    def _inflight_count(self) -> int:
        with self._inflight_lock:
            return len(self._inflight)

    # -- liveness and recovery ---------------------------------------------------------------
    def _heartbeat_loop(self) -> None:
        while not self.stopping.wait(self.settings.heartbeat_s):
            self._safely(self.heartbeat)

    def heartbeat(self) -> None:
        """PostgreSQL first, so a Redis outage does not make running jobs look abandoned; then the
        queue entries (job locks are kept alive per job), and the cancel flags of jobs cancelled while Redis was down."""
        with self._inflight_lock:
            current = list(self._inflight.values())
        if not current:
            return
        job_ids = [uuid.UUID(delivery.job_id) for delivery, _ in current]
        with self.services.unit_of_work() as session:
            repo = JobRepository(session)
            for job_id in job_ids:
                repo.heartbeat(job_id, self.worker_id)
            cancelled = [str(job.id) for job in repo.jobs_by_ids(job_ids) if job.cancel_requested]
        for cancelled_id in cancelled:
            request_cancel(self.services.redis, cancelled_id)
        self.queue.touch(self.worker_id, [d for d, _ in current])

    def requeue_missing(self) -> int:
        """PostgreSQL is the record: queued (or orphaned running) jobs missing from Redis go back."""
        in_stream = self.queue.queued_job_ids()
        grace = datetime.now(UTC) - timedelta(seconds=self.settings.requeue_grace_s)
        stale = datetime.now(UTC) - timedelta(seconds=self.settings.stale_after_s * 2)
        with self.services.unit_of_work() as session:
            repo = JobRepository(session)
            candidates = [(j.id, j.operation) for j in repo.jobs_created_before("queued", grace)]
            candidates += [(j.id, j.operation) for j in repo.jobs_by_ids(repo.stale_running_job_ids(stale))]
        added = 0
        for job_id, operation in candidates:
            if str(job_id) not in in_stream:
                self.queue.enqueue(str(job_id), operation)
                added += 1
        if added:
            log.info("re-enqueued %d job(s) missing from the queue", added)
        return added

    def sweep_ephemeral_schemas(self) -> int:
        """Drop ephemeral target schemas whose time is up (provisioned with ttl_hours)."""
        dropped = drop_expired_ephemeral_schemas(self.services)
        if dropped:
            log.info("dropped %d expired ephemeral schema(s)", dropped)
        return dropped

    def _safely(self, fn):
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001 - Redis/PostgreSQL blips must not kill the loop
            log.warning(
                "worker %s: %s during %s", self.worker_id, type(exc).__name__, getattr(fn, "__name__", "step")
            )
            time.sleep(0.5)
            return None


def main(argv: list[str] | None = None) -> None:
    """`python -m tdm_orchestrator.worker --concurrency N` (what `tdm worker` runs)."""
    from tdm_cache.settings import get_settings as cache_settings
    from tdm_dataset_store import get_settings as dataset_settings
    from tdm_metadata_store.settings import get_settings as meta_settings
    from tdm_orchestrator.settings import get_settings as orchestrator_settings

    parser = argparse.ArgumentParser(prog="tdm worker")
    parser.add_argument("--concurrency", type=int, default=None)
    args = parser.parse_args(argv)
    settings = orchestrator_settings()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    if args.concurrency:
        settings.concurrency = args.concurrency
    services = Services.from_settings(
        meta_settings(), cache_settings(), dataset_settings(), pool_size=settings.concurrency + 2
    )
    worker = Worker(services, settings)
    signal.signal(signal.SIGTERM, worker.stop)
    signal.signal(signal.SIGINT, worker.stop)
    # What is loaded by now (modules, settings, pools) lives as long as the process: out of the
    # cyclic collector's reach, so full collections during jobs do not walk it again.
    gc.collect()
    gc.freeze()
    try:
        worker.run()
    finally:
        services.close()


if __name__ == "__main__":
    main()
