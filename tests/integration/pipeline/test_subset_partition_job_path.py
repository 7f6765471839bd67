"""Issue 14's partitioned source through the jobs: discovery job → subset jobs → verified dataset.

`payment` is partitioned by month and its keys to customer, rental and staff are declared on each
partition. The subset job rooted at 15 customers must hold every payment of their rentals and
verify those keys (it used to hold none and report 0 orphans). The completeness option goes
through the plan endpoint and a job too.
"""

from __future__ import annotations

import psycopg
import pytest

from tests.fixtures.postgres import create_database, drop_database
from tests.fixtures.zoo_partitions import load_zoo_schemas

pytestmark = pytest.mark.integration
FIFTEEN = {"zoo_part_fk.customer": [{"column": "customer_id", "op": "<=", "value": 15}]}


@pytest.fixture
def partition_source(pg_server_url):
    url = create_database(pg_server_url, prefix="tdm_part_job")
    load_zoo_schemas(url, "zoo_part_fk")
    yield url
    drop_database(pg_server_url, url)


def _post(platform, path: str, body: dict, role: str = "operator"):
    return platform.client.post(f"/api/v1{path}", headers=platform.headers(role), json=body)


def _discovered_version(platform, start_worker, url: str) -> str:
    r = _post(platform, "/connections", {"name": "rentals", "connection_string": url}, role="admin")
    assert r.status_code == 201, r.text
    job = _post(platform, "/discover-schema", {"connection_id": r.json()["id"], "schemas": ["zoo_part_fk"]})
    start_worker()
    done = platform.wait_for_job(job.json()["job_id"])
    assert done["status"] == "succeeded", done
    return done["result"]["schema_version_id"]


def _subset(platform, body: dict) -> dict:
    r = _post(platform, "/subset", body)
    assert r.status_code == 202, r.text
    done = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert done["status"] == "succeeded", (done["error"], platform.worker_logs())
    return done["result"]["step_results"]["subsetting"]


def test_partition_keys_through_discovery_and_subset_jobs(platform, start_worker, partition_source):
    version_id = _discovered_version(platform, start_worker, partition_source)
    body = {"schema_version_id": version_id, "root_table": "zoo_part_fk.customer", "filters": FIFTEEN}
    summary = _subset(platform, body)
    with psycopg.connect(partition_source) as conn:
        rentals, payments = conn.execute(
            "SELECT count(DISTINCT r.rental_id), count(p.payment_id) FROM zoo_part_fk.rental r "
            "LEFT JOIN zoo_part_fk.payment p USING (rental_id) WHERE r.customer_id <= 15"
        ).fetchone()
    counts = summary["row_counts"]
    assert counts["zoo_part_fk.rental"] == rentals and counts["zoo_part_fk.payment"] == payments > 0
    assert summary["orphans"] == 0 and summary["relationships_verified"] == 5
    assert not any(name.startswith("zoo_part_fk.payment_p") for name in counts)

    completed = {
        **body,
        "root_table": "zoo_part_fk.rental",
        "filters": {"zoo_part_fk.rental": [{"column": "rental_id", "op": "<=", "value": 5}]},
        "relationship_overrides": [{"parent_table": "zoo_part_fk.staff", "follow_children": False}],
        "include_children_of_parents": 1,
    }
    plan = _post(platform, "/subset/plan", completed)
    assert plan.status_code == 200, plan.text
    depths = {t["table"]: t["completion_depth"] for t in plan.json()["tables"]}
    assert depths["zoo_part_fk.rental"] == 1 and plan.json()["include_children_of_parents"] == 1
    summary = _subset(platform, completed)
    with psycopg.connect(partition_source) as conn:
        expected = conn.execute(
            "SELECT count(*) FROM zoo_part_fk.rental WHERE customer_id IN "
            "(SELECT customer_id FROM zoo_part_fk.rental WHERE rental_id <= 5)"
        ).fetchone()[0]
    assert summary["row_counts"]["zoo_part_fk.rental"] == expected > 5
    assert summary["orphans"] == 0
