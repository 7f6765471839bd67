"""Twenty real jobs of every kind (discover, subset, mask, synthetic, provision) through two
worker processes at once: all succeed, each producing what it should."""

from __future__ import annotations

import psycopg
import pytest

from tests.fixtures.postgres import create_database, drop_database
from tests.integration.faults.fault_support import dataset_versions_of_job, register_connection, submit

pytestmark = pytest.mark.slow

PER_KIND = 4
MASK_RULES = {"customers.email": "mask.email_deterministic", "customers.first_name": "mask.fake_first_name"}


def _all_succeed(platform, job_ids: list[str]) -> list[dict]:
    jobs = [platform.wait_for_job(job_id, timeout_s=180) for job_id in job_ids]
    failed = [(j["operation"], j["error"]) for j in jobs if j["status"] != "succeeded"]
    assert not failed, (failed, platform.worker_logs())
    return jobs


def _environments(platform, pg_server_url: str, count: int) -> list[str]:
    urls = [create_database(pg_server_url, "tdm_mixed_target") for _ in range(count)]
    for i, url in enumerate(urls):
        r = platform.client.post("/api/v1/environments", headers=platform.headers(),
                                 json={"name": f"QA{i}", "connection_string": url})  # fmt: skip
        assert r.status_code == 201, r.text
    return urls


def test_twenty_mixed_jobs_through_two_workers(platform, start_worker, source_db_url, pg_server_url):
    connection_id = register_connection(platform, source_db_url, "shop")
    start_worker(concurrency=2)
    start_worker(concurrency=2)
    discovery = {"connection_id": connection_id, "schemas": ["public", "sales"], "include_stats": False}
    first = [submit(platform, "discover-schema", discovery) for _ in range(PER_KIND)]
    first += [submit(platform, "synthetic", {"domain_pack": "ecommerce", "row_counts": {"customer": 50}, "seed": i})
              for i in range(PER_KIND)]  # fmt: skip
    discovered = _all_succeed(platform, first)
    version = discovered[0]["result"]["schema_version_id"]

    subset = {"schema_version_id": version, "root_table": "customers", "sampling_pct": 30}
    subsets = _all_succeed(
        platform, [submit(platform, "subset", {**subset, "seed": i}) for i in range(PER_KIND)]
    )
    datasets = [job["result"]["subset_dataset_version_id"] for job in subsets]

    targets = _environments(platform, pg_server_url, PER_KIND)
    try:
        # The other personal columns of the subsets get their suggested rules (privacy by default).
        mask = {"rules": MASK_RULES, "unknown_columns": "mask_default"}
        last = [submit(platform, "mask", {"dataset_version_id": d, **mask}) for d in datasets]
        override = {"allow_unmasked": True, "override_reason": "fault tests load the sample source"}
        last += [submit(platform, "provision", {"dataset_version_id": d, "target_env": f"QA{i}", **override})
                 for i, d in enumerate(datasets)]  # fmt: skip
        finished = _all_succeed(platform, last)
        assert len(first) + len(subsets) + len(finished) == 20
        for job in [*discovered[PER_KIND:], *subsets, *finished[:PER_KIND]]:
            versions = dataset_versions_of_job(platform.env["DATABASE_URL"], job["id"])
            assert [status for _, status in versions] == ["ready"], (job["operation"], versions)
        for job, url in zip(finished[PER_KIND:], targets, strict=True):
            with psycopg.connect(url) as conn:
                loaded = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
            assert loaded == job["result"]["row_counts"]["customers"] > 0
    finally:
        for url in targets:
            drop_database(pg_server_url, url)
