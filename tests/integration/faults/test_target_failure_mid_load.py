"""The target database drops the loading connection in the middle of a provisioning load.

The load is one target transaction, so the target must be exactly as before: same tables, same
row counts, same rows (a checksum per table).
"""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.fixtures.postgres import create_database, drop_database
from tests.integration.faults.fault_support import (
    build_wide_source,
    discover,
    register_connection,
    submit,
    subset_everything,
    table_fingerprints,
    wait_for_stage,
)

pytestmark = pytest.mark.slow


class BackendTerminator:
    """Terminates every other session on one database, over and over, until stopped."""

    def __init__(self, server_url: str, database: str) -> None:
        self.server_url, self.database = server_url, database
        self.terminated = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        with psycopg.connect(self.server_url, autocommit=True) as conn:
            while not self._stop.is_set():
                rows = conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    (self.database,),
                ).fetchall()
                self.terminated += sum(1 for (done,) in rows if done)
                time.sleep(0.05)


# Unmasked subsets into a non-production environment: the audited override.
OVERRIDE = {"allow_unmasked": True, "override_reason": "fault tests load generated rows"}


def _provision(platform, dataset: str, **options) -> dict:
    job_id = submit(
        platform, "provision", {"dataset_version_id": dataset, "target_env": "UAT", **OVERRIDE, **options}
    )
    return platform.wait_for_job(job_id, timeout_s=120)


def test_target_connection_killed_mid_load_leaves_target_as_before(platform, start_worker, fresh_db_url,
                                                                   pg_server_url):  # fmt: skip
    build_wide_source(fresh_db_url)
    connection_id = register_connection(platform, fresh_db_url)
    start_worker(concurrency=1)
    version = discover(platform, connection_id)
    full = platform.wait_for_job(submit(platform, "subset", subset_everything(version)), timeout_s=120)
    half = platform.wait_for_job(submit(platform, "subset", {**subset_everything(version), "sampling_pct": 50}),
                                 timeout_s=120)  # fmt: skip
    assert full["status"] == half["status"] == "succeeded", platform.worker_logs()

    target_url = create_database(pg_server_url, "tdm_fault_uat")
    try:
        r = platform.client.post("/api/v1/environments", headers=platform.headers(),
                                 json={"name": "UAT", "connection_string": target_url})  # fmt: skip
        assert r.status_code == 201, r.text
        first = _provision(platform, full["result"]["subset_dataset_version_id"])
        assert first["status"] == "succeeded", first
        before = table_fingerprints(target_url)
        assert before["public.c000"][0] == 3000

        job_id = submit(platform, "provision", {"dataset_version_id": half["result"]["subset_dataset_version_id"],
                                                "target_env": "UAT", "reset_env": True, **OVERRIDE})  # fmt: skip
        wait_for_stage(platform.env["REDIS_URL"], job_id, "load:")
        # Keep cutting the target's connections, so retries of the load meet the same failure.
        terminator = BackendTerminator(pg_server_url, make_url(target_url).database)
        terminator.start()
        try:
            job = platform.wait_for_job(job_id, timeout_s=120)
        finally:
            terminator.stop()
        assert terminator.terminated >= 1
        assert job["status"] == "failed", job
        assert job["error"] and target_url not in job["error"], job["error"]
        assert table_fingerprints(target_url) == before
    finally:
        drop_database(pg_server_url, target_url)
