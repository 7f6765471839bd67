"""The S3 dataset store goes away while a subset job writes to it.

The job fails (after its retries) or completes; a version without a manifest is never listed as
ready; once S3 is back, the worker's sweep removes the files the failed version left behind.
"""

from __future__ import annotations

import time

import pytest

from tdm_dataset_store import open_store
from tests.fixtures.datasets import s3_settings
from tests.fixtures.s3 import S3Endpoint
from tests.integration.faults.fault_support import (
    build_wide_source,
    dataset_versions_of_job,
    discover,
    register_connection,
    submit,
    subset_everything,
    wait_for_stage,
)

pytestmark = pytest.mark.slow


class StoppableS3:
    """moto's S3 server on a fixed port of this test's own, which the test may stop and start."""

    def __init__(self) -> None:
        from tdm_api.stack.ports import free_port

        self.port = free_port()
        self.endpoint = S3Endpoint(f"http://127.0.0.1:{self.port}", "testing", "testing")
        self._server = None

    def start(self) -> None:
        """Serve on the port (moto keeps its buckets in this process, so they survive a restart)."""
        from moto.server import ThreadedMotoServer

        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self._server.start()

    def stop(self) -> None:
        """Stop serving: every request is refused until start()."""
        if self._server is not None:
            self._server.stop()
            self._server = None


@pytest.fixture
def stoppable_s3():
    s3 = StoppableS3()
    s3.start()
    yield s3
    s3.stop()


def _worker_env(endpoint: S3Endpoint, bucket: str) -> dict[str, str]:
    return {
        "TDM_DATASET_BACKEND": "s3",
        "MINIO_ENDPOINT": endpoint.url,
        "MINIO_ACCESS_KEY": endpoint.access_key,
        "MINIO_SECRET_KEY": endpoint.secret_key,
        "MINIO_REGION": endpoint.region,
        "MINIO_BUCKET": bucket,
        "MINIO_CREATE_BUCKET": "true",
        "TDM_S3_MAX_ATTEMPTS": "2",
        "TDM_WORKER_ORPHAN_SWEEP_INTERVAL_S": "1",
    }


def _ready_ids(platform) -> set[str]:
    r = platform.client.get("/api/v1/datasets", params={"status": "ready"}, headers=platform.headers())
    assert r.status_code == 200, r.text
    return {d["id"] for d in r.json()["items"]}


def test_store_outage_mid_write_never_lists_an_incomplete_version(platform, start_worker, stoppable_s3,
                                                                   s3_bucket_name, fresh_db_url):  # fmt: skip
    store = open_store(s3_settings(stoppable_s3.endpoint, s3_bucket_name))
    build_wide_source(fresh_db_url)
    connection_id = register_connection(platform, fresh_db_url)
    start_worker(concurrency=1, extra_env=_worker_env(stoppable_s3.endpoint, s3_bucket_name))
    version = discover(platform, connection_id)
    job_id = submit(platform, "subset", subset_everything(version))
    wait_for_stage(platform.env["REDIS_URL"], job_id, "subset.export")
    [(dataset_id, _)] = dataset_versions_of_job(platform.env["DATABASE_URL"], job_id)
    assert store.list_tables(dataset_id), "some tables were written before the outage"

    stoppable_s3.stop()
    deadline = time.monotonic() + 120
    while (job := platform.client.get(f"/api/v1/job/{job_id}", headers=platform.headers()).json())["status"] not in (
        "succeeded", "failed"
    ):  # fmt: skip
        assert dataset_id not in _ready_ids(platform), "listed as ready while its files could not be written"
        assert time.monotonic() < deadline, platform.worker_logs()
        time.sleep(0.5)
    assert job["status"] == "failed", job
    assert "unreachable" in job["error"] and "testing" not in job["error"], job["error"]
    assert dataset_versions_of_job(platform.env["DATABASE_URL"], job_id) == [(dataset_id, "failed")]
    assert dataset_id not in _ready_ids(platform)

    stoppable_s3.start()
    assert store.read_manifest(dataset_id) is None
    deadline = time.monotonic() + 30
    while dataset_id in store.list_version_ids():
        assert time.monotonic() < deadline, (
            f"the sweep left the failed version's files: {platform.worker_logs()}"
        )
        time.sleep(0.5)
