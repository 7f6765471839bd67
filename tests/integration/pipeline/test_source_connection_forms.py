"""Sources reached the ways libpq allows, through real jobs: a unix-socket directory URL registered
with /connections, a key=value string given inline to discovery, then a subset read over the socket
(the ADBC driver takes the same libpq string)."""

from __future__ import annotations

import urllib.parse

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo


def _socket_url(source_db_url: str, server_url: str) -> str:
    with psycopg.connect(server_url) as conn:
        dirs = str(conn.execute("SHOW unix_socket_directories").fetchone()[0])  # type: ignore[index]
    directory = next((d.strip() for d in dirs.split(",") if d.strip().startswith("/")), None)
    if directory is None:
        pytest.skip("the test PostgreSQL server listens on no unix socket")
    params = conninfo_to_dict(source_db_url)
    user = urllib.parse.quote(str(params.get("user") or ""), safe="")
    password = f":{urllib.parse.quote(str(params['password']), safe='')}" if params.get("password") else ""
    query = urllib.parse.urlencode({"host": directory, "port": params.get("port") or "5432"})
    return f"postgresql://{user}{password}@/{params['dbname']}?{query}"


def _discover(platform, source: dict) -> dict:
    r = platform.client.post(
        "/api/v1/discover-schema",
        headers=platform.headers("operator"),
        json={**source, "schemas": ["public", "sales"], "sample_size": 200},
    )
    assert r.status_code == 202, r.text
    job = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert job["status"] == "succeeded", (job["error"], platform.worker_logs())
    return job


def _tables(platform, job: dict) -> set[str]:
    detail = platform.client.get(
        f"/api/v1/schema/{job['result']['schema_id']}", headers=platform.headers("viewer")
    ).json()
    return {t["name"] for t in detail["snapshot"]["tables"]}


def test_socket_url_and_key_value_string_through_discovery_and_subset(
    platform, start_worker, source_db_url, pg_server_url
):
    socket_url = _socket_url(source_db_url, pg_server_url)
    r = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": "shop-socket", "connection_string": socket_url},
    )
    assert r.status_code == 201, r.text
    assert r.json()["host"].startswith("/") and r.json()["display_url"].startswith("postgresql://")
    connection_id = r.json()["id"]
    start_worker()

    by_socket = _discover(platform, {"connection_id": connection_id})
    key_value = make_conninfo("", **{k: v for k, v in conninfo_to_dict(source_db_url).items() if v})
    inline = _discover(platform, {"connection_string": key_value, "schema_name": "shop-dsn"})
    assert {"customers", "orders", "order_items"} <= _tables(platform, by_socket)
    assert _tables(platform, inline) == _tables(platform, by_socket)

    body = {
        "schema_version_id": by_socket["result"]["schema_version_id"],
        "root_table": "customers",
        "sampling_pct": 30,
        "seed": 5,
    }
    plan = platform.client.post("/api/v1/subset/plan", headers=platform.headers("operator"), json=body)
    assert plan.status_code == 200, plan.text
    r = platform.client.post("/api/v1/subset", headers=platform.headers("operator"), json=body)
    assert r.status_code == 202, r.text
    subset = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert subset["status"] == "succeeded", (subset["error"], platform.worker_logs())
    summary = subset["result"]["step_results"]["subsetting"]
    assert summary["row_counts"]["customers"] > 0 and summary["orphans"] == 0
