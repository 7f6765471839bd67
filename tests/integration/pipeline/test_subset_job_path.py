"""Subset jobs end to end: API → queue → worker → subset subgraph → dataset store and metadata store."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import psycopg
import pyarrow as pa
import pytest

from tdm_agents.schema_discovery.discover import discover
from tdm_cache.client import sync_client
from tdm_cache.keys import subset_lock_key
from tdm_cache.locks import RedisLock
from tdm_dataset_store import LocalDatasetStore
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.lineage import LineageRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository

INJECTION = "'; DROP TABLE customers; --"


def _register(platform, source_db_url: str) -> str:
    r = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": "shop", "connection_string": source_db_url},
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _submit(platform, body: dict) -> str:
    r = platform.client.post("/api/v1/subset", headers=platform.headers("operator"), json=body)
    assert r.status_code == 202, r.text
    return r.json()["job_id"]


def _store(platform) -> LocalDatasetStore:
    return LocalDatasetStore(Path(platform.env["TDM_DATASET_DIR"]))


def _ids(platform, version_id: str, table: str) -> list:
    batches = _store(platform).read_table(version_id, table, columns=["id"])
    return sorted(pa.Table.from_batches(list(batches)).column("id").to_pylist())


def _metadata_session(platform):
    engine = make_engine(platform.env["DATABASE_URL"], pool_size=1)
    return engine, unit_of_work(make_session_factory(engine))


def _saved_version(platform, source_db_url: str) -> str:
    """A schema version discovered in-process (the discovery job has its own test)."""
    connection_id = _register(platform, source_db_url)
    snapshot = discover(source_db_url, schemas=("public", "sales"), sample_size=200)
    engine, uow = _metadata_session(platform)
    with uow as session:
        repo = SchemaRepository(session)
        schema = repo.get_or_create_schema("shop", uuid.UUID(connection_id))
        version_id = str(repo.save_version(schema.id, snapshot).id)
    engine.dispose()
    return version_id


def test_subset_end_to_end_repeatable_and_injection_safe(platform, start_worker, source_db_url):
    connection_id = _register(platform, source_db_url)
    r = platform.client.post(
        "/api/v1/discover-schema",
        headers=platform.headers("operator"),
        json={"connection_id": connection_id, "schemas": ["public", "sales"], "sample_size": 200},
    )
    start_worker()
    discovery = platform.wait_for_job(r.json()["job_id"])
    assert discovery["status"] == "succeeded", discovery
    version_id = discovery["result"]["schema_version_id"]
    body = {
        "schema_version_id": version_id,
        "root_table": "customers",
        "sampling_pct": 40,
        "seed": 11,
        "filters": {"customers": [{"column": "loyalty_points", "op": "<", "value": 25}]},
        "max_rows_per_table": {"orders": 500},
    }

    first = platform.wait_for_job(_submit(platform, body), timeout_s=120)
    assert first["status"] == "succeeded", (first["error"], platform.worker_logs())
    summary = first["result"]["step_results"]["subsetting"]
    dataset_id = first["result"]["subset_dataset_version_id"]
    counts = summary["row_counts"]
    assert summary["orphans"] == 0 and summary["relationships_verified"] > 0
    assert 0 < counts["customers"] < 150 and counts["orders"] > 0 and counts["order_items"] > 0
    assert counts["products"] > 0, "parents of included rows come along"
    manifest = _store(platform).read_manifest(dataset_id)
    assert manifest is not None and {t: i.rows for t, i in manifest.tables.items()} == counts
    customer_ids = _ids(platform, dataset_id, "customers")
    assert len(customer_ids) == counts["customers"]

    engine, uow = _metadata_session(platform)
    with uow as session:
        version = DatasetRepository(session).get(uuid.UUID(dataset_id))
        assert version.status == "ready" and version.source_type == "subset"
        assert version.row_count == sum(counts.values())
        meta = DatasetRepository(session).get_metadata(version.id)
        assert meta["seed"] == 11 and meta["row_counts"] == counts and meta["snapshot_time"]
        assert meta["parameters"]["filters"]["customers"][0]["value"] == 25
        edges = LineageRepository(session).edges_touching([dataset_id])
        assert [(e.source_id, e.operation, str(e.job_id)) for e in edges] == [
            (version_id, "derived_from", first["id"])
        ]
    engine.dispose()

    second = platform.wait_for_job(_submit(platform, body), timeout_s=120)
    assert second["status"] == "succeeded", second["error"]
    assert second["result"]["subset_dataset_version_id"] != dataset_id
    assert _ids(platform, second["result"]["subset_dataset_version_id"], "customers") == customer_ids

    injected = {**body, "filters": {"customers": [{"column": "last_name", "op": "=", "value": INJECTION}]}}
    third = platform.wait_for_job(_submit(platform, injected), timeout_s=120)
    assert third["status"] == "succeeded", third["error"]
    assert third["result"]["step_results"]["subsetting"]["row_counts"]["customers"] == 0
    with psycopg.connect(source_db_url) as conn:
        assert conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 300


@pytest.fixture
def source_lock(source_db_url):
    """Block readers of `order_items` (an ACCESS EXCLUSIVE lock) until the test lets go."""
    conn = psycopg.connect(source_db_url)
    held = {"on": False}

    def take() -> None:
        conn.execute("LOCK TABLE order_items IN ACCESS EXCLUSIVE MODE")
        held["on"] = True

    def release() -> None:
        if held["on"]:
            conn.rollback()
            held["on"] = False

    yield take, release
    release()
    conn.close()


def _wait_for_log(platform, job_id: str, text: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = platform.client.get(f"/api/v1/job/{job_id}", headers=platform.headers("viewer")).json()
        if any(text in line["message"] for line in job["logs"]):
            return
        assert job["status"] in ("queued", "running"), (job["status"], job["error"])
        time.sleep(0.2)
    raise AssertionError(f"no log {text!r} in {timeout_s}s; {platform.worker_logs()}")


def _job(platform, job_id: str) -> dict:
    return platform.client.get(f"/api/v1/job/{job_id}", headers=platform.headers("viewer")).json()


def _opened(platform, job_id: str) -> bool:
    return any("subset snapshot opened" in line["message"] for line in _job(platform, job_id)["logs"])


def _extracting(platform, version_id: str, take_source_lock, jobs: int = 1) -> tuple[list[str], RedisLock]:
    """Jobs queued at the subset lock, then one of them let in and stopped inside its extraction.

    The test holds the subset lock first, so every job plans and then waits before extracting; the
    source table is locked meanwhile; releasing the subset lock lets one job start and block on it.
    Returns the job ids, the one extracting first.
    """
    gate = RedisLock(sync_client(platform.env["REDIS_URL"]), subset_lock_key(version_id), ttl_s=60)
    assert gate.acquire(blocking=False)
    ids = [
        _submit(platform, {"schema_version_id": version_id, "root_table": "customers", "seed": 3})
        for _ in range(jobs)
    ]
    for job_id in ids:
        _wait_for_log(platform, job_id, "waiting for it to finish")
    take_source_lock()
    gate.release()
    deadline = time.monotonic() + 60
    while not any(_opened(platform, j) for j in ids):
        assert time.monotonic() < deadline, platform.worker_logs()
        time.sleep(0.2)
    return sorted(ids, key=lambda j: not _opened(platform, j)), gate


def test_second_subset_of_a_schema_version_waits_for_the_first(
    platform, start_worker, source_db_url, source_lock
):
    take, release = source_lock
    version_id = _saved_version(platform, source_db_url)
    start_worker(concurrency=2)
    (first, second), gate = _extracting(platform, version_id, take, jobs=2)
    time.sleep(1.5)  # the second job polls the lock every second: it must still be outside
    assert not _opened(platform, second), "two subsets of one schema version ran at once"
    release()
    done = [platform.wait_for_job(j, timeout_s=120) for j in (first, second)]
    assert [j["status"] for j in done] == ["succeeded", "succeeded"], [j["error"] for j in done]
    assert done[0]["finished_at"] <= done[1]["finished_at"]
    assert (
        done[0]["result"]["step_results"]["subsetting"]["row_counts"]
        == done[1]["result"]["step_results"]["subsetting"]["row_counts"]
    )
    assert not gate.owned()


def test_cancel_mid_extraction_leaves_no_ready_version(platform, start_worker, source_db_url, source_lock):
    take, release = source_lock
    version_id = _saved_version(platform, source_db_url)
    start_worker()
    (job_id,), _ = _extracting(platform, version_id, take)
    r = platform.client.post(f"/api/v1/job/{job_id}/cancel", headers=platform.headers("operator"))
    assert r.status_code == 202, r.text
    release()
    job = platform.wait_for_job(job_id, timeout_s=60)
    assert job["status"] == "cancelled", (job["status"], job["error"])
    engine, uow = _metadata_session(platform)
    with uow as session:
        versions, _ = DatasetRepository(session).list(include_deleted=True)
        assert [v.status for v in versions if str(v.job_id) == job_id] == ["failed"]
    engine.dispose()
    assert not any(_store(platform).is_complete(v) for v in _store(platform).list_version_ids())


def _terminate_blocked_readers(source_db_url: str) -> int:
    """Kill the sessions waiting on the test's table lock: the job's source connection is lost."""
    with psycopg.connect(source_db_url, autocommit=True) as conn:
        return conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchone()[0]


def test_lost_source_connection_is_retried_into_one_version(
    platform, start_worker, source_db_url, source_lock
):
    take, release = source_lock
    version_id = _saved_version(platform, source_db_url)
    start_worker()
    (job_id,), _ = _extracting(platform, version_id, take)
    deadline = time.monotonic() + 30
    while _terminate_blocked_readers(source_db_url) == 0:
        assert time.monotonic() < deadline, "the job never waited on the locked table"
        time.sleep(0.2)
    release()
    job = platform.wait_for_job(job_id, timeout_s=120)
    assert job["status"] == "succeeded", job["error"]
    opened = [line for line in job["logs"] if "subset snapshot opened" in line["message"]]
    assert len(opened) == 2, "the extraction node ran again after the lost connection"
    engine, uow = _metadata_session(platform)
    with uow as session:
        versions, _ = DatasetRepository(session).list(include_deleted=True)
        assert [v.status for v in versions if str(v.job_id) == job_id] == ["ready"], (
            "a retry reuses its version"
        )
    engine.dispose()
