"""The per-request key lookup (autocommit, no transaction of its own): a request leaves the key's
last use recorded, and a key revoked between two requests is refused on the second."""

from __future__ import annotations

import psycopg


def _last_used(database_url: str, key_name: str):
    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT last_used_at FROM api_keys WHERE name = %s", (key_name,)).fetchone()[0]


def test_a_request_records_the_keys_last_use(platform):
    database_url = platform.env["DATABASE_URL"]
    assert _last_used(database_url, "test-viewer") is None
    answer = platform.client.get("/api/v1/me", headers=platform.headers("viewer"))
    assert answer.status_code == 200 and answer.json()["role"] == "viewer"
    assert _last_used(database_url, "test-viewer") is not None  # committed, seen from another session


def test_a_key_revoked_between_requests_is_refused_at_once(platform):
    headers = platform.headers("operator")
    assert platform.client.get("/api/v1/me", headers=headers).status_code == 200
    with psycopg.connect(platform.env["DATABASE_URL"]) as conn:
        conn.execute("UPDATE api_keys SET revoked_at = now() WHERE name = 'test-operator'")
    refused = platform.client.get("/api/v1/me", headers=headers)
    assert refused.status_code == 401 and refused.json()["type"].endswith("unauthorized")
