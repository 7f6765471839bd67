"""Shared pieces of the hostile-input tests: payloads, database fingerprints, a registered source."""

from __future__ import annotations

import uuid

import psycopg
from psycopg import sql

# A canary name: if any payload ran as SQL, a table or schema with this name would exist afterwards.
CANARY = "pwned_canary"
SQL_INJECTIONS = [
    "customers; DROP TABLE customers; --",
    "x'; DROP TABLE customers; --",
    'customers"; DROP TABLE customers; --',
    f"1; CREATE TABLE {CANARY} (i int); --",
    "' OR '1'='1",
    "id) OR (1=1",
    f'public"; CREATE SCHEMA {CANARY}; --',
    "customers UNION SELECT usename, passwd FROM pg_shadow --",
    "'; SELECT pg_sleep(5); --",
    "customers\u0000; DROP TABLE customers",
]


def db_fingerprint(url: str) -> dict[str, object]:
    """Schemas, every relation with its kind, row counts of plain tables, and role names of a database."""
    with psycopg.connect(url, autocommit=True) as conn:
        relations = conn.execute(
            "SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            " AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1, 2"
        ).fetchall()
        counts = {}
        for schema, table, kind in relations:
            if kind == "r":
                query = sql.SQL("SELECT count(*) FROM {}.{}").format(
                    sql.Identifier(schema), sql.Identifier(table)
                )
                counts[f"{schema}.{table}"] = conn.execute(query).fetchone()[0]
        schemas = [r[0] for r in conn.execute("SELECT nspname FROM pg_namespace ORDER BY 1")]
        roles = [r[0] for r in conn.execute("SELECT rolname FROM pg_roles ORDER BY 1")]
    return {"relations": relations, "counts": counts, "schemas": schemas, "roles": roles}


def register_connection(platform, url: str, name: str | None = None) -> str:
    """Register `url` as a source connection through the API; returns its id."""
    r = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": name or f"src-{uuid.uuid4().hex[:8]}", "connection_string": url},
    )
    assert r.status_code == 201, r.status_code
    return r.json()["id"]


def refused_or_accepted(response, *, accepted: tuple[int, ...] = ()) -> int:
    """The status of `response`, which must be a 4xx problem or one of `accepted`; never a 5xx."""
    code = response.status_code
    assert code < 500, (code, response.text[:500])
    if code not in accepted:
        assert 400 <= code < 500, (code, response.text[:500])
        assert response.headers["content-type"].startswith("application/problem+json"), code
    return code
