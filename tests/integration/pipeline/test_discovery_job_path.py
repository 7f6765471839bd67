"""The whole job path with real PostgreSQL and Redis: API → queue → worker → graph → metadata store."""

from __future__ import annotations

from tests.fixtures.platform import read_sse


def _register(platform, source_db_url: str) -> str:
    r = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": "shop-source", "connection_string": source_db_url},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert "connection_string" not in body and ":" not in body["display_url"].split("@")[0].split("//")[1]
    return body["id"]


def test_discover_schema_end_to_end(platform, start_worker, source_db_url):
    connection_id = _register(platform, source_db_url)
    r = platform.client.post(
        "/api/v1/discover-schema",
        headers=platform.headers("operator"),
        json={"connection_id": connection_id, "schemas": ["public", "sales"], "sample_size": 500},
    )
    assert r.status_code == 202, r.text
    job_id = r.json()["job_id"]
    start_worker()

    events = read_sse(platform.client, f"/api/v1/job/{job_id}/events", platform.headers("viewer"))
    stages = {e.get("stage") for e in events if e["type"] == "progress"}
    assert {"connect_db", "fetch_tables", "save_metadata"} <= stages, stages
    assert events[-1]["type"] == "status" and events[-1]["status"] == "succeeded", platform.worker_logs()

    job = platform.client.get(f"/api/v1/job/{job_id}", headers=platform.headers("viewer")).json()
    assert job["status"] == "succeeded"
    assert any("Saved schema version 1" in line["message"] for line in job["logs"])
    schema_id = job["result"]["schema_id"]

    detail = platform.client.get(f"/api/v1/schema/{schema_id}", headers=platform.headers("viewer")).json()
    snapshot = detail["snapshot"]
    assert detail["version"]["version_number"] == 1
    tables = {(t["schema_name"], t["name"]): t for t in snapshot["tables"]}
    assert len(tables) >= 5
    rels = snapshot["relationships"]
    assert any(len(r["child_columns"]) > 1 for r in rels), "composite FK"
    assert any(r["child_table"] == r["parent_table"] for r in rels), "self-reference"
    pairs = {(r["child_table"], r["parent_table"]) for r in rels}
    assert any((b, a) in pairs for a, b in pairs if a != b), "FK cycle"
    assert any(len(t["primary_key"]) > 1 for t in tables.values()), "composite PK"
    assert any(c.get("stats") for t in tables.values() for c in t["columns"]), "statistics"

    versions = platform.client.get(
        f"/api/v1/schema/{schema_id}/versions", headers=platform.headers("viewer")
    ).json()
    assert [v["version_number"] for v in versions] == [1]


def test_unreachable_source_fails_clearly_and_api_stays_healthy(platform, start_worker):
    r = platform.client.post(
        "/api/v1/discover-schema",
        headers=platform.headers("operator"),
        json={
            "connection_string": "postgresql://someone:hunter2secret@127.0.0.1:1/nowhere",
            "include_stats": False,
        },
    )
    assert r.status_code == 202, r.text
    start_worker()
    job = platform.wait_for_job(r.json()["job_id"])
    assert job["status"] == "failed"
    assert job["error"] and "hunter2secret" not in job["error"]
    assert "hunter2secret" not in str(job)
    assert platform.client.get("/api/v1/health").status_code == 200
