"""Redis restarted (empty) while one job runs and others wait in the queue: every job still ends."""

from __future__ import annotations

import time

import pytest

from tests.integration.faults.fault_support import (
    TERMINAL,
    build_wide_source,
    discover,
    job_row,
    register_connection,
    submit,
    subset_everything,
    wait_for_stage,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def platform_redis_url(tmp_path):
    """A Redis of this module's own, without persistence, so a restart loses queue, locks and events."""
    from tdm_api.stack.embedded_redis import EmbeddedRedis

    server = EmbeddedRedis(tmp_path / "redis", persistent=False)
    server.start()
    yield server.url
    server.stop()


def _restart_redis(url: str, data_dir, down_s: float = 2.0) -> None:
    from tdm_api.stack.embedded_redis import EmbeddedRedis

    port = int(url.rsplit(":", 1)[1].split("/")[0])
    server = EmbeddedRedis(data_dir, port=port, persistent=False)
    server.stop()
    assert not server.running()
    time.sleep(down_s)
    server.start()


def test_redis_restart_with_jobs_queued_and_running(platform, platform_redis_url, start_worker, fresh_db_url,
                                                    tmp_path):  # fmt: skip
    build_wide_source(fresh_db_url)
    connection_id = register_connection(platform, fresh_db_url)
    start_worker(concurrency=1)
    version = discover(platform, connection_id)

    running = submit(platform, "subset", subset_everything(version))
    queued = [submit(platform, "discover-schema", {"connection_id": connection_id, "include_stats": False})
              for _ in range(3)]  # fmt: skip
    wait_for_stage(platform_redis_url, running, "subset.export")
    assert all(job_row(platform.env["DATABASE_URL"], j)["status"] == "queued" for j in queued)

    _restart_redis(platform_redis_url, tmp_path / "redis")

    outcomes = {job_id: platform.wait_for_job(job_id, timeout_s=120) for job_id in [running, *queued]}
    assert all(job["status"] in TERMINAL for job in outcomes.values())
    assert [outcomes[j]["status"] for j in queued] == ["succeeded"] * 3, platform.worker_logs()
    subset = outcomes[running]
    assert subset["status"] == "succeeded", (subset["error"], platform.worker_logs())
    ready = platform.client.get("/api/v1/ready", headers=platform.headers()).json()
    assert ready["checks"]["redis"] == "ok"
