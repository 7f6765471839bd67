"""The metadata PostgreSQL goes down in the middle of a job and comes back.

While it is down the API says so on /ready (503); it recovers by itself, and the job either
completes or fails with a readable message.
"""

from __future__ import annotations

import time

import pytest

from tests.integration.faults.fault_support import (
    build_wide_source,
    discover,
    register_connection,
    submit,
    subset_everything,
    wait_for_stage,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def metadata_db_url(restartable_metadata) -> str:
    """The platform's metadata store lives on the server this test restarts."""
    return restartable_metadata.url


def _ready(platform) -> tuple[int, dict]:
    r = platform.client.get("/api/v1/ready")
    return r.status_code, r.json()


def _wait_until_ready(platform, timeout_s: float = 30) -> float:
    """Seconds until /ready answers 200 again (no restart of the API in between)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if _ready(platform)[0] == 200:
            return time.monotonic() - started
        time.sleep(0.5)
    pytest.fail(f"/ready did not recover in {timeout_s}s: {_ready(platform)}")


def test_metadata_restart_mid_job(platform, start_worker, restartable_metadata, fresh_db_url):
    build_wide_source(fresh_db_url)
    connection_id = register_connection(platform, fresh_db_url)
    start_worker(concurrency=1)
    version = discover(platform, connection_id)
    job_id = submit(platform, "subset", subset_everything(version))
    wait_for_stage(platform.env["REDIS_URL"], job_id, "subset.export")

    restartable_metadata.stop()
    status, body = _ready(platform)
    assert status == 503 and body["checks"]["postgres"].startswith("down"), body
    assert body["checks"]["redis"] == "ok"
    time.sleep(3)  # long enough for the worker to hit the outage in heartbeats and job steps
    assert _ready(platform)[0] == 503
    restartable_metadata.start()
    _wait_until_ready(platform)

    job = platform.wait_for_job(job_id, timeout_s=120)
    if job["status"] == "failed":
        assert job["error"] and "Traceback" not in job["error"], job["error"]
    else:
        assert job["status"] == "succeeded", (job, platform.worker_logs())
        datasets = platform.client.get("/api/v1/datasets?status=ready", headers=platform.headers()).json()
        assert job["result"]["subset_dataset_version_id"] in [d["id"] for d in datasets["items"]]
    # The worker is still alive and serving: a new job after the outage completes.
    after = submit(platform, "discover-schema", {"connection_id": connection_id, "include_stats": False})
    assert platform.wait_for_job(after, timeout_s=90)["status"] == "succeeded", platform.worker_logs()
