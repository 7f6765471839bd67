"""With Redis down the API answers 202 for what it did (PostgreSQL holds it; workers enqueue it
later) and 503 with Retry-After for what it could not do; never a 500."""

from __future__ import annotations

import psycopg
import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tdm_api.errors import install_error_handlers
from tdm_api.stack.ports import free_port


@pytest.fixture
def platform_redis_url() -> str:
    """A Redis URL nobody listens on: the outage."""
    return f"redis://127.0.0.1:{free_port()}/0"


def _job_status(database_url: str, job_id: str) -> str:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT status FROM jobs WHERE id = %s", (job_id,)).fetchone()
    assert row is not None
    return str(row[0])


def test_submit_and_cancel_answer_202_with_the_work_recorded(platform, fresh_db_url):
    op = platform.headers("operator")
    created = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": "src", "connection_string": fresh_db_url},
    )
    assert created.status_code == 201, created.text
    body = {"connection_id": created.json()["id"], "include_stats": False}
    submitted = platform.client.post("/api/v1/discover-schema", headers=op, json=body)
    assert submitted.status_code == 202, submitted.text
    job_id = submitted.json()["job_id"]
    assert _job_status(platform.env["DATABASE_URL"], job_id) == "queued"

    cancelled = platform.client.post(f"/api/v1/job/{job_id}/cancel", headers=op)
    assert cancelled.status_code == 202, cancelled.text
    assert _job_status(platform.env["DATABASE_URL"], job_id) == "cancelled"
    assert platform.client.get("/api/v1/ready").status_code == 503


def test_a_redis_error_before_the_commit_is_a_503_with_retry_after():
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/work")
    def work() -> None:
        raise redis.ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    r = TestClient(app).post("/work")
    assert r.status_code == 503
    assert r.headers["content-type"].startswith("application/problem+json")
    assert int(r.headers["retry-after"]) > 0
    assert "nothing was done" in r.json()["detail"]
