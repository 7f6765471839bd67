"""The worker's heartbeat after a Redis outage: cancel requests recorded only in PostgreSQL are
flagged again in Redis, and the job's heartbeat reaches PostgreSQL even when Redis does not."""

from __future__ import annotations

import uuid

import pytest

from tdm_cache import keys as cache_keys
from tdm_cache.cancel import is_cancel_requested
from tdm_cache.locks import RedisLock
from tdm_cache.queue import Delivery
from tdm_cache.settings import CacheSettings
from tdm_dataset_store import DatasetStoreSettings
from tdm_metadata_store.repositories.jobs import JobRepository
from tdm_metadata_store.settings import MetadataStoreSettings
from tdm_orchestrator.services import Services
from tdm_orchestrator.settings import OrchestratorSettings
from tdm_orchestrator.worker import Worker

pytestmark = pytest.mark.integration


@pytest.fixture
def services(metadata_db_url, redis_url, tmp_path):
    svc = Services.from_settings(
        MetadataStoreSettings(DATABASE_URL=metadata_db_url),
        CacheSettings(REDIS_URL=redis_url),
        DatasetStoreSettings(TDM_DATASET_DIR=str(tmp_path / "d")),
    )
    yield svc
    svc.close()


def _running_job(services: Services, worker_id: str, cancel_requested: bool) -> str:
    with services.unit_of_work() as session:
        repo = JobRepository(session)
        job = repo.create("DISCOVER_SCHEMA", {"connection_id": "x"})
        repo.mark_running(job.id, worker_id)
        if cancel_requested:
            repo.request_cancel(job.id)  # what the API records when Redis is down
        return str(job.id)


def _track(worker: Worker, job_id: str) -> None:
    lock = RedisLock(worker.services.redis, cache_keys.lock_key("job", job_id), ttl_s=30)
    assert lock.acquire(blocking=False)
    worker._inflight[f"0-{len(worker._inflight) + 1}"] = (Delivery("0-1", job_id, "DISCOVER_SCHEMA", 1), lock)


def test_a_cancel_recorded_while_redis_was_down_is_flagged_by_the_next_heartbeat(services):
    worker = Worker(services, OrchestratorSettings(), worker_id="w-heartbeat")
    try:
        cancelled = _running_job(services, worker.worker_id, cancel_requested=True)
        running = _running_job(services, worker.worker_id, cancel_requested=False)
        _track(worker, cancelled)
        _track(worker, running)
        assert not is_cancel_requested(services.redis, cancelled)
        worker.heartbeat()
        assert is_cancel_requested(services.redis, cancelled)
        assert not is_cancel_requested(services.redis, running)
        with services.unit_of_work() as session:
            job = JobRepository(session).get(uuid.UUID(running))
            assert job is not None and job.heartbeat_at is not None
    finally:
        worker._close_checkpointer()
