"""A workflow that provisions its subset next loads the environment while it extracts (one pass),
through the API and a real worker; a failed load leaves the target and the dataset as they were."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_orchestrator.graphs.node_support import output_version_id

REASON = "migration rehearsal on a disposable database"
STRAIGHT_IN = "goes straight into"


def _workflow(
    platform, source_url: str, target_url: str, provision: dict, config: dict | None = None
) -> dict:
    client, admin = platform.client, platform.headers()
    conn = client.post(
        "/api/v1/connections", headers=admin, json={"name": "shop", "connection_string": source_url}
    ).json()
    env = {"name": "UAT", "connection_string": target_url, **({"config": config} if config else {})}
    assert client.post("/api/v1/environments", headers=admin, json=env).status_code == 201
    overrides = {
        "connection_id": conn["id"], "target_env": "UAT", "discover": {"schemas": ["public", "sales"]},
        "subset": {"root_table": "customers", "sampling_pct": 40, "seed": 11},
        "provision": {"allow_unmasked": True, "override_reason": REASON, **provision},
    }  # fmt: skip
    r = client.post(
        "/api/v1/workflow/execute",
        headers=platform.headers("operator"),
        json={"template": "db_migration", "overrides": overrides},
    )
    assert r.status_code == 202, r.text
    return platform.wait_for_job(r.json()["job_id"], timeout_s=180)


def _messages(job: dict) -> str:
    return "\n".join(line["message"] for line in job["logs"])


def _dataset_status(platform, version_id: str) -> str | None:
    engine = make_engine(platform.env["DATABASE_URL"])
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            row = DatasetRepository(session).get(uuid.UUID(version_id))
            return row.status if row else None
    finally:
        engine.dispose()


def test_the_subset_is_loaded_while_it_is_extracted(platform, start_worker, source_db_url, fresh_db_url):
    start_worker()
    job = _workflow(platform, source_db_url, fresh_db_url, {})
    assert job["status"] == "succeeded", (job["error"], platform.worker_logs())
    messages = _messages(job)
    assert STRAIGHT_IN in messages and "while it was extracted" in messages

    steps = job["result"]["step_results"]
    subset_rows, loaded_rows = steps["subsetting"]["row_counts"], steps["provisioning"]["row_counts"]
    assert loaded_rows == subset_rows and sum(loaded_rows.values()) > 0
    assert steps["subsetting"]["orphans"] == 0
    assert all(check["passed"] for check in steps["provisioning"]["smoke_test_results"]["checks"])
    version_id = steps["subsetting"]["dataset_version_id"]
    assert _dataset_status(platform, version_id) == "ready"

    with psycopg.connect(fresh_db_url) as target:
        for table, rows in loaded_rows.items():
            schema, _, name = table.rpartition(".")
            query = psycopg.sql.SQL("SELECT count(*) FROM {}").format(
                psycopg.sql.Identifier(schema or "public", name)
            )
            assert target.execute(query).fetchone()[0] == rows, table
        orphans = target.execute(
            "SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
    lineage = platform.client.get(f"/api/v1/lineage/dataset/{version_id}", headers=platform.headers()).json()
    assert "provisioned_to" in str(lineage)


def test_a_failed_load_leaves_the_target_and_publishes_no_dataset(
    platform, start_worker, source_db_url, fresh_db_url
):
    with psycopg.connect(fresh_db_url) as target:
        target.execute("CREATE TABLE customers (id int PRIMARY KEY, note text)")
        target.execute("INSERT INTO customers VALUES (1, 'kept'), (2, 'kept')")
    never = {"name": "never passes", "sql": "SELECT 1 WHERE false", "expect": "non_empty"}
    start_worker()
    job = _workflow(platform, source_db_url, fresh_db_url, {}, config={"smoke_queries": [never]})
    assert job["status"] == "failed"
    assert "Smoke tests failed (query:never passes)" in job["error"], job["error"]
    assert STRAIGHT_IN in _messages(job)

    with psycopg.connect(fresh_db_url) as target:
        tables = [r[0] for r in target.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        assert tables == ["customers"]
        assert target.execute("SELECT count(*), min(note) FROM customers").fetchone() == (2, "kept")
        schemas = target.execute("SELECT count(*) FROM pg_namespace WHERE nspname = 'sales'").fetchone()[0]
        assert schemas == 0
    subset_version = output_version_id(uuid.UUID(job["id"]), "subsetting")
    assert _dataset_status(platform, str(subset_version)) != "ready"


def test_an_appending_run_is_loaded_by_the_provisioning_step(
    platform, start_worker, source_db_url, fresh_db_url
):
    start_worker()
    job = _workflow(platform, source_db_url, fresh_db_url, {"mode": "append"})
    assert job["status"] == "succeeded", (job["error"], platform.worker_logs())
    messages = _messages(job)
    assert STRAIGHT_IN not in messages and "loaded by the provisioning step" in messages
    loaded = job["result"]["step_results"]["provisioning"]["row_counts"]
    assert loaded == job["result"]["step_results"]["subsetting"]["row_counts"]


@pytest.mark.parametrize("mode", ["truncate", "upsert"])
def test_a_second_run_loads_tables_whose_foreign_keys_are_in_place(
    platform, start_worker, source_db_url, fresh_db_url, mode
):
    """The tables exist with their keys after the first run; children may arrive before their parents."""
    start_worker()
    first = _workflow(platform, source_db_url, fresh_db_url, {})
    assert first["status"] == "succeeded", first["error"]
    with psycopg.connect(fresh_db_url) as target:
        keys = target.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'f'").fetchone()[0]
    assert keys > 0
    r = platform.client.post(
        "/api/v1/workflow/execute",
        headers=platform.headers("operator"),
        json={
            "template": "db_migration",
            "overrides": {
                "schema_version_id": first["result"]["schema_version_id"], "target_env": "UAT",
                "steps": ["subsetting", "provisioning"],
                "subset": {"root_table": "customers", "sampling_pct": 60, "seed": 5},
                "provision": {"mode": mode, "allow_unmasked": True, "override_reason": REASON},
            },
        },
    )  # fmt: skip
    assert r.status_code == 202, r.text
    second = platform.wait_for_job(r.json()["job_id"], timeout_s=180)
    assert second["status"] == "succeeded", (second["error"], platform.worker_logs())
    assert STRAIGHT_IN in _messages(second)
    loaded = second["result"]["step_results"]["provisioning"]["row_counts"]
    with psycopg.connect(fresh_db_url) as target:
        customers = target.execute("SELECT count(*) FROM customers").fetchone()[0]
        orphans = target.execute(
            "SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL"
        ).fetchone()[0]
    assert orphans == 0
    if mode == "truncate":
        assert customers == loaded["customers"]
    else:  # the first run's rows stay beside the second's
        assert customers >= loaded["customers"]
