"""Schema versions through the API: drift between versions, and user-defined keys that last."""

from __future__ import annotations

import psycopg


def _discover(platform, connection_id: str) -> dict:
    r = platform.client.post(
        "/api/v1/discover-schema",
        headers=platform.headers("operator"),
        json={"connection_id": connection_id, "include_stats": False},
    )
    assert r.status_code == 202, r.text
    job = platform.wait_for_job(r.json()["job_id"])
    assert job["status"] == "succeeded", job["error"]
    return job["result"]


def test_drift_and_virtual_keys_across_versions(platform, start_worker, fresh_db_url):
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE accounts (id int PRIMARY KEY, email text)")
        conn.execute("CREATE TABLE events (id int PRIMARY KEY, account_ref int, kind text)")
    conn_id = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": "drifty", "connection_string": fresh_db_url},
    ).json()["id"]
    start_worker()
    first = _discover(platform, conn_id)
    schema_id = first["schema_id"]

    # A foreign key the database does not declare, added by a person.
    r = platform.client.post(
        f"/api/v1/schema/{schema_id}/relationships",
        headers=platform.headers("operator"),
        json={
            "kind": "foreign_key",
            "child_table": "events",
            "child_columns": ["account_ref"],
            "parent_table": "accounts",
            "parent_columns": ["id"],
        },
    )
    assert r.status_code == 201, r.text
    bad = platform.client.post(
        f"/api/v1/schema/{schema_id}/relationships",
        headers=platform.headers("operator"),
        json={
            "kind": "foreign_key",
            "child_table": "events",
            "child_columns": ["nope"],
            "parent_table": "accounts",
            "parent_columns": ["id"],
        },
    )
    assert bad.status_code == 422 and bad.json()["field"] == "child_columns"

    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE accounts ADD COLUMN phone text")
        conn.execute("ALTER TABLE events ALTER COLUMN kind TYPE varchar(20)")
        conn.execute("CREATE TABLE notes (id int PRIMARY KEY)")
    second = _discover(platform, conn_id)
    assert (
        second["schema_id"] == schema_id and second["step_results"]["discover_schema"]["version_number"] == 2
    )
    assert second["step_results"]["discover_schema"]["drift_from_previous"] is True

    diff = platform.client.get(
        f"/api/v1/schema/{schema_id}/diff?from=1&to=2", headers=platform.headers("viewer")
    )
    assert diff.status_code == 200, diff.text
    text = diff.text
    assert "notes" in text and "phone" in text and "kind" in text

    latest = platform.client.get(f"/api/v1/schema/{schema_id}", headers=platform.headers("viewer")).json()
    rels = latest["snapshot"]["relationships"]
    assert any(r["is_virtual"] and r["child_table"] == "events" for r in rels), "the virtual key lasts"
    v1 = platform.client.get(
        f"/api/v1/schema/{schema_id}?version=1", headers=platform.headers("viewer")
    ).json()
    assert v1["version"]["version_number"] == 1
    missing = platform.client.get(f"/api/v1/schema/{schema_id}?version=9", headers=platform.headers("viewer"))
    assert missing.status_code == 404
