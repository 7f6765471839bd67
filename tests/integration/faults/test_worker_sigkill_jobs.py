"""A worker SIGKILLed in the middle of a subset, a mask and a provision job.

Each job must finish exactly once after another worker takes it over: one terminal status, one
dataset version per job, no store files outside ready versions, the target loaded once.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from tdm_cache.client import sync_client
from tdm_cache.events import JobEvents
from tdm_dataset_store import LocalDatasetStore
from tests.integration.faults.fault_support import (
    TERMINAL,
    build_wide_source,
    dataset_versions_of_job,
    discover,
    ready_version_ids,
    register_connection,
    submit,
    subset_everything,
    wait_for_stage,
)

pytestmark = pytest.mark.slow


def _kill_during(platform, start_worker, job_id: str, stage_prefix: str) -> dict:
    """Run the job on a worker, SIGKILL it once `stage_prefix` reports progress, let a second finish it."""
    victim = start_worker(concurrency=1)
    wait_for_stage(platform.env["REDIS_URL"], job_id, stage_prefix)
    victim.send_signal(signal.SIGKILL)
    victim.wait(10)
    start_worker(concurrency=1)
    job = platform.wait_for_job(job_id, timeout_s=120)
    assert job["status"] == "succeeded", (job["error"], platform.worker_logs())
    assert job["attempts"] == 2
    assert any("Resuming" in line["message"] for line in job["logs"])
    assert _terminal_status_events(platform, job_id) == ["succeeded"], "the job finished more than once"
    return job


def _terminal_status_events(platform, job_id: str) -> list[str]:
    events = JobEvents(sync_client(platform.env["REDIS_URL"])).read(job_id, after="0", count=100_000)
    return [e["status"] for _, e in events if e.get("type") == "status" and e.get("status") in TERMINAL]


def _assert_one_ready_version(platform, job_id: str) -> str:
    versions = dataset_versions_of_job(platform.env["DATABASE_URL"], job_id)
    assert len(versions) == 1 and versions[0][1] == "ready", versions
    return versions[0][0]


def _assert_no_orphaned_files(platform) -> None:
    stored = set(LocalDatasetStore(Path(platform.env["TDM_DATASET_DIR"])).list_version_ids())
    assert stored <= ready_version_ids(platform.env["DATABASE_URL"]), "files of a version that is not ready"


def _subset_dataset(platform, start_worker, fresh_db_url: str) -> tuple[str, list[str]]:
    """A ready subset version of a wide source, made without interruption; returns (id, child tables).

    Its worker is stopped afterwards, so the next job can only be claimed by the worker to be killed.
    """
    children = build_wide_source(fresh_db_url)
    connection_id = register_connection(platform, fresh_db_url)
    helper = start_worker(concurrency=1)
    version = discover(platform, connection_id)
    job = platform.wait_for_job(submit(platform, "subset", subset_everything(version)), timeout_s=120)
    assert job["status"] == "succeeded", (job["error"], platform.worker_logs())
    helper.send_signal(signal.SIGTERM)
    helper.wait(20)
    return job["result"]["subset_dataset_version_id"], children


def _discovered_wide_source(platform, start_worker, fresh_db_url: str) -> tuple[str, list[str]]:
    """A wide source, discovered by a worker stopped afterwards; returns (schema version, child tables)."""
    children = build_wide_source(fresh_db_url)
    connection_id = register_connection(platform, fresh_db_url)
    helper = start_worker(concurrency=1)
    version = discover(platform, connection_id)
    helper.send_signal(signal.SIGTERM)
    helper.wait(20)
    return version, children


def test_subset_job_survives_worker_kill_mid_extraction(platform, start_worker, fresh_db_url):
    version, children = _discovered_wide_source(platform, start_worker, fresh_db_url)
    job_id = submit(platform, "subset", subset_everything(version))
    job = _kill_during(platform, start_worker, job_id, "subset.export")
    dataset = _assert_one_ready_version(platform, job_id)
    assert job["result"]["subset_dataset_version_id"] == dataset
    counts = job["result"]["step_results"]["subsetting"]["row_counts"]
    assert counts == {"accounts": 300, **{name: 3000 for name in children}}
    _assert_no_orphaned_files(platform)


def test_mask_job_survives_worker_kill_mid_masking(platform, start_worker, fresh_db_url):
    source, children = _subset_dataset(platform, start_worker, fresh_db_url)
    rules = {f"{name}.email": "mask.email_deterministic" for name in ["accounts", *children]}
    # Columns found personal at mask time without a rule get the suggested one (this test is about crashes).
    job_id = submit(
        platform, "mask", {"dataset_version_id": source, "rules": rules, "unknown_columns": "mask_default"}
    )
    job = _kill_during(platform, start_worker, job_id, "mask")
    masked = _assert_one_ready_version(platform, job_id)
    assert job["result"]["masked_dataset_version_id"] == masked
    _assert_no_orphaned_files(platform)


@contextmanager
def _qa_environment(platform, pg_server_url: str) -> Iterator[str]:
    """An empty target database registered as environment `QA`; its URL (dropped afterwards)."""
    from tests.fixtures.postgres import create_database, drop_database

    target_url = create_database(pg_server_url, "tdm_fault_target")
    try:
        r = platform.client.post("/api/v1/environments", headers=platform.headers(),
                                 json={"name": "QA", "connection_string": target_url})  # fmt: skip
        assert r.status_code == 201, r.text
        yield target_url
    finally:
        drop_database(pg_server_url, target_url)


def test_provision_job_survives_worker_kill_mid_load(platform, start_worker, fresh_db_url, pg_server_url):
    source, children = _subset_dataset(platform, start_worker, fresh_db_url)
    with _qa_environment(platform, pg_server_url) as target_url:
        # Append into an empty target: loading twice would double the rows (or hit the primary keys).
        job_id = submit(platform, "provision", {"dataset_version_id": source, "target_env": "QA",
                                                "reset_env": False, "mode": "append", "allow_unmasked": True,
                                                "override_reason": "fault tests load generated rows"})  # fmt: skip
        job = _kill_during(platform, start_worker, job_id, "load:")
        assert job["result"]["row_counts"] == {"accounts": 300, **{n: 3000 for n in children}}
        with psycopg.connect(target_url) as conn:
            for table, rows in job["result"]["row_counts"].items():
                assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == rows, table
        lineage = platform.client.get(f"/api/v1/lineage/dataset/{source}", headers=platform.headers()).json()
        provisioned = [e for e in lineage["edges"] if e["operation"] == "provisioned_to"]
        assert len(provisioned) == 1
        _assert_no_orphaned_files(platform)


def test_workflow_delivering_its_subset_survives_worker_kill_mid_load(
    platform, start_worker, fresh_db_url, pg_server_url
):
    """The subset step loads the target while it extracts; killed mid-load, the target transaction
    dies with the worker and the retried step loads it once, from scratch."""
    version, children = _discovered_wide_source(platform, start_worker, fresh_db_url)
    with _qa_environment(platform, pg_server_url) as target_url:
        subset = {k: v for k, v in subset_everything(version).items() if k != "schema_version_id"}
        overrides = {"schema_version_id": version, "target_env": "QA", "steps": ["subsetting", "provisioning"],
                     "subset": subset, "provision": {"allow_unmasked": True,
                                                     "override_reason": "fault tests load generated rows"}}  # fmt: skip
        job_id = submit(platform, "workflow/execute", {"template": "db_migration", "overrides": overrides})
        job = _kill_during(platform, start_worker, job_id, "load:")
        assert any("goes straight into QA" in line["message"] for line in job["logs"])
        expected = {"accounts": 300, **{n: 3000 for n in children}}
        assert job["result"]["step_results"]["provisioning"]["row_counts"] == expected
        with psycopg.connect(target_url) as conn:
            for table, rows in expected.items():
                assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == rows, table
        dataset = _assert_one_ready_version(platform, job_id)
        lineage = platform.client.get(f"/api/v1/lineage/dataset/{dataset}", headers=platform.headers()).json()
        assert len([e for e in lineage["edges"] if e["operation"] == "provisioned_to"]) == 1
        _assert_no_orphaned_files(platform)
