"""Helpers of the fault tests: a source wide enough to interrupt, job submission through the API,
waiting for a job's stage from its progress events, and what the stores and targets hold."""

from __future__ import annotations

import hashlib
import time
import uuid

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import text

from tdm_cache.client import sync_client
from tdm_cache.events import JobEvents
from tdm_metadata_store.db import make_engine

TERMINAL = ("succeeded", "failed", "cancelled")


def build_wide_source(url: str, children: int = 40, rows: int = 3000) -> list[str]:
    """`accounts` plus `children` tables that reference it, `rows` rows each; returns the child names.

    Many tables keep every stage (export, masking, load) busy long enough to interrupt it between
    tables, while each table stays small.
    """
    names = [f"c{i:03d}" for i in range(children)]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL)")
        conn.execute(
            "INSERT INTO accounts SELECT g, 'owner' || g || '@example.com' FROM generate_series(1, %s) g",
            (max(rows // 10, 1),),
        )
        for name in names:
            table = sql.Identifier(name)
            conn.execute(
                sql.SQL(
                    "CREATE TABLE {} (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts(id), "
                    "email text NOT NULL, amount numeric(10,2), created date)"
                ).format(table)
            )
            conn.execute(
                sql.SQL(
                    "INSERT INTO {} SELECT g, 1 + g %% %s, 'user' || g || '@example.com', g * 1.5, "
                    "date '2024-01-01' + (g %% 365) FROM generate_series(1, %s) g"
                ).format(table),
                (max(rows // 10, 1), rows),
            )
        conn.execute("ANALYZE")
    return names


def register_connection(platform, url: str, name: str = "wide") -> str:
    """Store a source connection through the API; returns its id."""
    r = platform.client.post(
        "/api/v1/connections", headers=platform.headers(), json={"name": name, "connection_string": url}
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


def submit(platform, path: str, body: dict, role: str = "operator") -> str:
    """POST a job request; returns the accepted job's id."""
    r = platform.client.post(f"/api/v1/{path}", headers=platform.headers(role), json=body)
    assert r.status_code == 202, r.text
    return r.json()["job_id"]


def discover(platform, connection_id: str, timeout_s: float = 120) -> str:
    """Run a discovery job (without statistics) to success; returns the schema version id."""
    job_id = submit(platform, "discover-schema", {"connection_id": connection_id, "include_stats": False})
    job = platform.wait_for_job(job_id, timeout_s=timeout_s)
    assert job["status"] == "succeeded", (job["error"], platform.worker_logs())
    return job["result"]["schema_version_id"]


def subset_everything(schema_version_id: str) -> dict:
    """A subset request that keeps every account and so every child row."""
    return {"schema_version_id": schema_version_id, "root_table": "accounts", "sampling_pct": 100, "seed": 1}


def wait_for_stage(redis_url: str, job_id: str, stage_prefix: str, timeout_s: float = 90) -> dict:
    """Block until the job reports progress (done >= 1) in a stage starting with `stage_prefix`."""
    events = JobEvents(sync_client(redis_url))
    last, deadline = "0", time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for event_id, event in events.read(job_id, after=last, block_ms=100):
            last = event_id
            stage = str(event.get("stage") or "")
            if (
                event.get("type") == "progress"
                and stage.startswith(stage_prefix)
                and int(event.get("done", 0)) >= 1
            ):
                return event
            if event.get("type") == "status" and event.get("status") in TERMINAL:
                pytest.fail(f"job ended before stage {stage_prefix}: {event.get('status')}")
    pytest.fail(f"stage {stage_prefix} not reached in {timeout_s}s")


def dataset_versions_of_job(database_url: str, job_id: str) -> list[tuple[str, str]]:
    """(id, status) of every dataset version a job created, from the catalog itself."""
    engine = make_engine(database_url, pool_size=1)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id::text, status FROM dataset_versions WHERE job_id = :job"), {"job": job_id}
            ).all()
    finally:
        engine.dispose()
    return [(r[0], r[1]) for r in rows]


def ready_version_ids(database_url: str) -> set[str]:
    """Ids of every dataset version the catalog lists as ready."""
    engine = make_engine(database_url, pool_size=1)
    try:
        with engine.connect() as conn:
            return set(
                conn.execute(text("SELECT id::text FROM dataset_versions WHERE status = 'ready'")).scalars()
            )
    finally:
        engine.dispose()


def table_fingerprints(url: str) -> dict[str, tuple[int, str]]:
    """Per user table: row count and an MD5 of its rows in key order (what "unchanged" means)."""
    out: dict[str, tuple[int, str]] = {}
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT schemaname, tablename FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
        ).fetchall()
        for schema, table in tables:
            ident = sql.Identifier(schema, table)
            digest = hashlib.md5(usedforsecurity=False)
            count = 0
            query = sql.SQL("SELECT t::text FROM {} t ORDER BY t::text").format(ident)
            for (row,) in conn.execute(query):
                digest.update(row.encode())
                count += 1
            out[f"{schema}.{table}"] = (count, digest.hexdigest())
    return out


def job_row(database_url: str, job_id: str) -> dict:
    """The jobs row as the catalog holds it (status, attempts)."""
    engine = make_engine(database_url, pool_size=1)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT status, attempts FROM jobs WHERE id = :id"), {"id": uuid.UUID(job_id)}
            ).one()
    finally:
        engine.dispose()
    return {"status": row[0], "attempts": row[1]}
