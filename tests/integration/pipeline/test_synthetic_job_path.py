"""Synthetic data jobs end to end: API → queue → worker → synthetic subgraph → dataset store + catalog.

Foreign keys are checked again here, on the Parquet files the job wrote, independently of the
engine's own validation report.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
from collections.abc import Callable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from tests.fixtures.http_site import QuietHandler, serve_http
from tests.fixtures.platform import read_sse

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Shop", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Customer": {
                "type": "object",
                "required": ["id", "email"],
                "properties": {
                    "id": {"type": "integer", "format": "int64"},
                    "email": {"type": "string", "format": "email"},
                    "tier": {"type": "string", "enum": ["gold", "silver"]},
                },
            },
            "Invoice": {
                "type": "object",
                "required": ["id", "customerId"],
                "properties": {
                    "id": {"type": "integer"},
                    "customerId": {"type": "integer"},
                    "amount": {"type": "number", "minimum": 1, "maximum": 500},
                },
            },
        }
    },
}


# The workers fill Faker pools of 500 values per semantic type instead of the default 10,000: these
# tests check the job path, keys, lineage and determinism, not the variety of values, and filling
# the default pools cost every job about 2.5 s of CPU (the rules engine's own tests use 500 too).
WORKER_ENV = {"TDM_SYNTHETIC_POOL_SIZE": "500"}


@pytest.fixture
def start_worker(start_worker: Callable[..., object]) -> Callable[..., object]:
    return functools.partial(start_worker, extra_env=WORKER_ENV)


def _run(platform, start_worker, body: dict, timeout_s: float = 120) -> dict:
    r = platform.client.post("/api/v1/synthetic", headers=platform.headers("operator"), json=body)
    assert r.status_code == 202, r.text
    start_worker(concurrency=1)
    job = platform.wait_for_job(r.json()["job_id"], timeout_s=timeout_s)
    assert job["status"] == "succeeded", (job["error"], platform.worker_logs())
    return job


def _dataset(platform, job: dict) -> dict:
    version_id = job["result"]["synthetic_dataset_version_id"]
    detail = platform.client.get(f"/api/v1/dataset/{version_id}", headers=platform.headers("viewer"))
    assert detail.status_code == 200, detail.text
    return detail.json()


def _table(platform, version_id: str, name: str) -> pa.Table:
    """A stored table, read through the platform's own dataset store (its settings are in the env)."""
    from tdm_dataset_store import get_settings, open_store

    store = open_store(get_settings())
    return pa.Table.from_batches(
        list(store.read_table(version_id, name)), store.table_schema(version_id, name)
    )


def _assert_foreign_keys_hold(platform, dataset: dict) -> None:
    """Every child value of every relationship of the stored schema exists in its parent."""
    schema = dataset["metadata"]["normalized_schema"]
    assert schema["relationships"]
    for rel in schema["relationships"]:
        child = _table(platform, dataset["id"], rel["child_entity"])
        parent = _table(platform, dataset["id"], rel["parent_entity"])
        for child_col, parent_col in zip(rel["child_attributes"], rel["parent_attributes"], strict=True):
            values = child.column(child_col).drop_null()
            missing = pc.sum(pc.invert(pc.is_in(values, parent.column(parent_col).combine_chunks()))).as_py()
            assert not missing, (rel["child_entity"], child_col, missing)


def _lineage_sources(dataset: dict) -> dict[str, str]:
    return {edge["source_type"]: edge["source_id"] for edge in dataset["upstream"]}


def test_domain_pack_job_writes_a_ready_dataset_with_intact_keys(platform, start_worker):
    body = {"domain_pack": "ecommerce", "row_counts": {"customer": 300}, "seed": 7, "locale": "de_DE"}
    job = _run(platform, start_worker, body)
    dataset = _dataset(platform, job)
    metadata = dataset["metadata"]
    assert dataset["status"] == "ready" and dataset["source_type"] == "synthetic" and dataset["complete"]
    assert metadata["engine"] == "rules" and metadata["seed"] == 7 and metadata["scenario"] == "default"
    assert metadata["locale"] == "de_DE"
    assert metadata["validation_report"]["foreign_key_violations"] == 0
    counts = metadata["row_counts"]
    assert counts["customer"] == 300 and len(counts) >= 4 and sum(counts.values()) > 2000
    assert {t["name"] for t in dataset["tables"]} == set(counts)
    assert dataset["row_count"] == sum(counts.values())
    _assert_foreign_keys_hold(platform, dataset)
    assert _lineage_sources(dataset) == {"domain_pack": "ecommerce"}
    assert job["result"]["step_results"]["synthetic"]["foreign_key_violations"] == 0


def test_same_seed_gives_the_same_rows(platform, start_worker):
    body = {"domain_pack": "banking", "row_counts": {"customer": 50}, "seed": 11}
    first, second = _run(platform, start_worker, body), _run(platform, start_worker, body)
    a, b = _dataset(platform, first), _dataset(platform, second)
    assert a["id"] != b["id"]
    for table in a["metadata"]["row_counts"]:
        assert _table(platform, a["id"], table).equals(_table(platform, b["id"], table)), table


def test_inline_openapi_spec_job(platform, start_worker):
    text = json.dumps(SPEC)
    job = _run(platform, start_worker, {"api_spec": text, "row_counts": {"customer": 40}, "seed": 1})
    assert job["operation"] == "API_BASED_SYNTHETIC_GENERATION"
    dataset = _dataset(platform, job)
    counts = dataset["metadata"]["row_counts"]
    assert counts["customer"] == 40 and counts["invoice"] > 0
    _assert_foreign_keys_hold(platform, dataset)
    digest = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    assert _lineage_sources(dataset) == {"api_spec": digest}
    assert dataset["metadata"]["spec_sha256"] == digest
    amounts = _table(platform, dataset["id"], "invoice").column("amount")
    assert pc.min(amounts).as_py() >= 1 and pc.max(amounts).as_py() <= 500


class _SpecHandler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/moved":
            self.redirect("/openapi.yaml")
            return
        payload = json.dumps(SPEC).encode()
        self.reply(200 if self.path == "/openapi.yaml" else 404, payload, "application/yaml")


@pytest.fixture
def spec_server() -> Iterator[str]:
    with serve_http(_SpecHandler) as url:
        yield url


def test_spec_url_is_fetched_by_the_job_following_a_redirect(platform, start_worker, spec_server):
    job = _run(
        platform, start_worker, {"api_spec_url": f"{spec_server}/moved", "row_counts": {"customer": 5}}
    )
    dataset = _dataset(platform, job)
    assert set(dataset["metadata"]["row_counts"]) == {"customer", "invoice"}
    edge = next(e for e in dataset["upstream"] if e["source_type"] == "api_spec")
    assert edge["source_id"] == "sha256:" + hashlib.sha256(json.dumps(SPEC).encode()).hexdigest()


def test_unreachable_spec_url_fails_the_job_clearly(platform, start_worker):
    r = platform.client.post(
        "/api/v1/synthetic",
        headers=platform.headers("operator"),
        json={"api_spec_url": "http://127.0.0.1:1/openapi.json?token=s3cr3t"},
    )
    assert r.status_code == 202, r.text
    start_worker(concurrency=1)
    job = platform.wait_for_job(r.json()["job_id"])
    assert job["status"] == "failed"
    assert "unreachable" in job["error"] and "127.0.0.1:1/openapi.json" in job["error"]
    assert "s3cr3t" not in job["error"]


@pytest.mark.ui
def test_ui_crawl_job_generates_the_forms_entities(platform, start_worker, web_pages):
    from tdm_agents.synthetic.sources.browser import chromium_available

    if not chromium_available():
        pytest.skip("Chromium is not installed")
    body = {"ui_urls": [f"{web_pages}/register.html"], "row_counts": {"customer": 25}, "seed": 3}
    job = _run(platform, start_worker, body, timeout_s=180)
    assert job["operation"] == "UI_BASED_SYNTHETIC_GENERATION"
    dataset = _dataset(platform, job)
    customers = _table(platform, dataset["id"], "customer")
    assert customers.num_rows == 25
    assert {"first_name", "email", "plan"} <= set(customers.column_names)
    assert set(customers.column("plan").drop_null().to_pylist()) <= {"basic", "premium"}
    sources = {e["source_id"] for e in dataset["upstream"] if e["source_type"] == "url"}
    assert sources == {f"{web_pages}/register.html"}
    assert f"{web_pages}/customers.html" in dataset["metadata"]["crawled_pages"]


def _discover(platform, source_db_url: str) -> str:
    r = platform.client.post(
        "/api/v1/discover-schema",
        headers=platform.headers("operator"),
        json={"connection_string": source_db_url, "schemas": ["public", "sales"], "sample_size": 200},
    )
    assert r.status_code == 202, r.text
    job = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert job["status"] == "succeeded", job["error"]
    return job["result"]["schema_version_id"]


def test_schema_version_job_generates_every_table_of_the_discovered_source(
    platform, start_worker, source_db_url
):
    start_worker(concurrency=1)
    version_id = _discover(platform, source_db_url)
    preview = platform.client.post(
        "/api/v1/synthetic/preview",
        headers=platform.headers("operator"),
        json={"schema_version_id": version_id},
    )
    assert preview.status_code == 200, preview.text
    assert len(preview.json()["tables"]["sales.store"]["rows"]) == 20
    job = _run(
        platform, start_worker, {"schema_version_id": version_id, "row_counts": {"customers": 30}, "seed": 5}
    )
    dataset = _dataset(platform, job)
    counts = dataset["metadata"]["row_counts"]
    assert {
        "customers",
        "orders",
        "order_items",
        "shipments",
        "employee",
        "sales.store",
        "sales.staff",
    } <= set(counts)
    assert counts["customers"] == 30
    assert dataset["schema_version_id"] == version_id
    _assert_foreign_keys_hold(platform, dataset)
    assert _lineage_sources(dataset) == {"schema_version": version_id}


@pytest.mark.slow
def test_sdv_engine_learns_from_a_dataset_version_and_stores_the_quality_report(platform, start_worker):
    if importlib.util.find_spec("sdv") is None:  # finding the optional extra does not import it (5 s)
        pytest.skip("sdv is not installed: pip install -e '.[sdv]'")
    training = _run(
        platform, start_worker, {"domain_pack": "ecommerce", "row_counts": {"customer": 60}, "seed": 2}
    )
    training_id = training["result"]["synthetic_dataset_version_id"]
    body = {
        "domain_pack": "ecommerce",
        "engine": "sdv",
        "training_dataset_version_id": training_id,
        "row_counts": {"customer": 40},
        "seed": 9,
    }
    job = _run(platform, start_worker, body, timeout_s=300)
    dataset = _dataset(platform, job)
    metadata = dataset["metadata"]
    assert metadata["engine"] == "sdv" and metadata["learned_mode"] == "composed"
    assert metadata["validation_report"]["foreign_key_violations"] == 0
    report = metadata["quality_report"]
    assert report["sdmetrics_available"] and 0 <= report["overall_score"] <= 1
    comparisons = report["column_comparisons"]
    assert comparisons and all(len(c["labels"]) == len(c["real"]) == len(c["synthetic"]) for c in comparisons)
    assert _lineage_sources(dataset)["dataset_version"] == training_id
    _assert_foreign_keys_hold(platform, dataset)


def test_job_events_show_every_node_of_the_subgraph(platform, start_worker):
    r = platform.client.post(
        "/api/v1/synthetic",
        headers=platform.headers("operator"),
        json={"domain_pack": "telecom", "row_counts": {}, "seed": 4},
    )
    assert r.status_code == 202, r.text
    start_worker(concurrency=1)
    events = read_sse(platform.client, f"/api/v1/job/{r.json()['job_id']}/events", platform.headers("viewer"))
    assert events[-1]["type"] == "status" and events[-1]["status"] == "succeeded", platform.worker_logs()
    job = platform.wait_for_job(r.json()["job_id"])
    stages = {line.get("stage") for line in job["logs"]}
    assert {
        "crawl_ui",
        "collect_api_schema",
        "fetch_db_schema",
        "merge_all_schemas",
        "normalize_schema",
        "train_sdv_relational_model",
        "generate_multi_table_data",
        "validate_distribution",
        "store_dataset",
    } <= stages


def test_generated_data_is_provisioned_with_its_keys_by_the_test_data_generation_workflow(
    platform, start_worker, pg_server_url
):
    import psycopg

    from tests.fixtures.postgres import create_database, drop_database

    target_url = create_database(pg_server_url, prefix="tdm_target")
    try:
        env = platform.client.post(
            "/api/v1/environments",
            headers=platform.headers(),
            json={"name": "SIT", "connection_string": target_url},
        )
        assert env.status_code == 201, env.text
        r = platform.client.post(
            "/api/v1/workflow/execute",
            headers=platform.headers("operator"),
            json={
                "template": "test_data_generation",
                "overrides": {"target_env": "SIT", "synthetic": {"row_counts": {"customer": 40}, "seed": 8}},
            },
        )
        assert r.status_code == 202, r.text
        start_worker(concurrency=1)
        job = platform.wait_for_job(r.json()["job_id"], timeout_s=180)
        assert job["status"] == "succeeded", (job["error"], platform.worker_logs())
        dataset = _dataset(platform, job)
        with psycopg.connect(target_url) as target:
            assert target.execute("SELECT count(*) FROM customer").fetchone()[0] == 40
            foreign_keys = target.execute(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
            ).fetchone()[0]
            assert foreign_keys == len(dataset["metadata"]["normalized_schema"]["relationships"])
            orphans = target.execute(
                'SELECT count(*) FROM "order" o LEFT JOIN customer c ON c.id = o.customer_id '
                "WHERE c.id IS NULL"
            ).fetchone()[0]
            assert orphans == 0
    finally:
        drop_database(pg_server_url, target_url)
