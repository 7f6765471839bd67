"""A whole workflow through the API and a real worker: discover → PII → subset → mask → provision."""

from __future__ import annotations

import psycopg

from tests.fixtures.postgres import create_database, drop_database


def test_secure_masking_workflow_end_to_end(platform, start_worker, source_db_url, pg_server_url):
    target_url = create_database(pg_server_url, prefix="tdm_target")
    try:
        client, admin = platform.client, platform.headers()
        conn = client.post(
            "/api/v1/connections", headers=admin, json={"name": "shop", "connection_string": source_db_url}
        ).json()
        env = client.post(
            "/api/v1/environments", headers=admin, json={"name": "QA", "connection_string": target_url}
        ).json()
        assert env["has_connection"]
        start_worker(extra_env={"LOG_LEVEL": "DEBUG"})
        r = client.post(
            "/api/v1/workflow/execute",
            headers=platform.headers("operator"),
            json={
                "template": "secure_masking",
                "overrides": {
                    "connection_id": conn["id"],
                    "target_env": "QA",
                    "discover": {"schemas": ["public"]},
                    "subset": {"root_table": "customers", "sampling_pct": 50, "seed": 7},
                },
            },
        )
        assert r.status_code == 202, r.text
        job = platform.wait_for_job(r.json()["job_id"], timeout_s=240)
        assert job["status"] == "succeeded", (job["error"], platform.worker_logs())

        status = client.get(f"/api/v1/workflow/status/{job['id']}", headers=admin).json()
        steps = {s["name"]: s for s in status["steps"]}
        assert list(steps) == [
            "discover_schema",
            "pii_classification",
            "subsetting",
            "masking",
            "provisioning",
        ]
        assert all(s["status"] == "succeeded" for s in steps.values()), steps
        result = job["result"]
        masked = result["masked_dataset_version_id"]
        assert result["dataset_version_id"] == masked

        lineage = client.get(f"/api/v1/lineage/dataset/{masked}", headers=admin)
        assert lineage.status_code == 200
        with psycopg.connect(source_db_url) as src, psycopg.connect(target_url) as tgt:
            source_emails = {r[0] for r in src.execute("SELECT email FROM customers")}
            loaded = [r[0] for r in tgt.execute("SELECT email FROM customers")]
            assert loaded, "customers provisioned"
            assert not source_emails & set(loaded), "emails are masked in the target"
            orphans = tgt.execute(
                "SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id "
                "WHERE c.id IS NULL"
            ).fetchone()[0]
            assert orphans == 0
    finally:
        drop_database(pg_server_url, target_url)
