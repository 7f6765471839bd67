"""Provisioning through the whole job path: API → queue → worker → provisioning subgraph → target,
then the catalog, download, lineage and delete endpoints on the result."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pyarrow.parquet as pq
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from tdm_dataset_store import LocalDatasetStore
from tdm_metadata_store.crypto import SecretBox
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.environments import EnvironmentRepository
from tests.api.masking_dataset_support import save_schema_version, store_dir
from tests.api.test_connection_strings import _socket_dir
from tests.integration.agents.provisioning.provision_support import export_dataset

TABLES = ["customers", "products", "orders", "order_items", "employee", "sales.store", "sales.staff"]


def _dataset(platform, source_db_url: str, *, complete: bool = True) -> str:
    """A `subset` dataset version of whole source tables, linked to a saved schema version."""
    _, schema_version_id = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    store = LocalDatasetStore(store_dir(platform.env))
    version_id, _ = export_dataset(source_db_url, store, TABLES)
    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        repo = DatasetRepository(session)
        repo.create(uuid.UUID(version_id), source_type="subset", path_prefix=f"datasets/{version_id}/",
                    schema_version_id=uuid.UUID(schema_version_id))  # fmt: skip
        repo.set_status(uuid.UUID(version_id), "ready" if complete else "writing")
    engine.dispose()
    return version_id


def _environment(platform, name: str, url: str, **config) -> str:
    body = {"name": name, "connection_string": url, "config": config}
    r = platform.client.post("/api/v1/environments", headers=platform.headers(), json=body)
    assert r.status_code == 201, r.text
    return r.json()["id"]


# The datasets here are unmasked subsets and the environments non-production: an audited override.
OVERRIDE = {"allow_unmasked": True, "override_reason": "provisioning tests load the sample source as is"}


def _provision(platform, body: dict, role: str = "operator"):
    return platform.client.post(
        "/api/v1/provision", headers=platform.headers(role), json={**OVERRIDE, **body}
    )


def test_provision_job_loads_target_and_records_lineage(platform, start_worker, source_db_url, fresh_db_url):
    dataset = _dataset(platform, source_db_url)
    smoke = [{"name": "has_orders", "sql": "SELECT 1 FROM orders", "expect": "non_empty"}]
    env_id = _environment(platform, "QA", fresh_db_url, smoke_queries=smoke)
    _environment(platform, "PROD-LIKE", fresh_db_url, protected=True)
    assert (
        _provision(platform, {"dataset_version_id": str(uuid.uuid4()), "target_env": "QA"}).status_code == 404
    )
    assert _provision(platform, {"dataset_version_id": dataset, "target_env": "nope"}).status_code == 404
    assert _provision(platform, {"dataset_version_id": dataset, "target_env": "PROD-LIKE"}).status_code == 403
    start_worker()
    r = _provision(platform, {"dataset_version_id": dataset, "target_env": "QA", "reset_env": True,
                              "run_smoke_tests": True})  # fmt: skip
    assert r.status_code == 202, r.text
    job = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert job["status"] == "succeeded", job
    result = job["result"]
    assert result["unmasked_override"]["reason"] == OVERRIDE["override_reason"]
    assert set(result["tables_loaded"]) == set(TABLES)
    assert result["smoke_test_results"]["passed"]
    assert any(
        c["name"] == "query:has_orders" and c["passed"] for c in result["smoke_test_results"]["checks"]
    )
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == result["row_counts"]["orders"]

    graph = platform.client.get(
        f"/api/v1/lineage/dataset/{dataset}", headers=platform.headers("viewer")
    ).json()
    assert {"source": dataset, "target": env_id, "operation": "provisioned_to"}.items() <= next(
        e for e in graph["edges"] if e["operation"] == "provisioned_to"
    ).items()
    assert {n["type"] for n in graph["nodes"]} >= {"dataset_version", "environment", "job"}
    detail = platform.client.get(f"/api/v1/dataset/{dataset}", headers=platform.headers("viewer")).json()
    assert detail["complete"] and detail["downstream"][0]["operation"] == "provisioned_to"


def test_incomplete_dataset_is_refused_before_a_job(platform, source_db_url, fresh_db_url):
    dataset = _dataset(platform, source_db_url, complete=False)
    _environment(platform, "SIT", fresh_db_url)
    r = _provision(platform, {"dataset_version_id": dataset, "target_env": "SIT"})
    assert r.status_code == 409, r.text
    r = _provision(platform, {"dataset_version_id": dataset, "target_env": "SIT", "ttl_hours": 2})
    assert r.status_code == 422


def test_refused_target_fails_job_readably(platform, start_worker, source_db_url):
    dataset = _dataset(platform, source_db_url)
    _environment(platform, "DEV", "postgresql://nobody:hunter2@127.0.0.1:1/nowhere")
    start_worker()
    r = _provision(platform, {"dataset_version_id": dataset, "target_env": "DEV"})
    job = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert job["status"] == "failed"
    assert "refused the connection" in job["error"] and "hunter2" not in job["error"]


def test_a_target_given_as_key_value_pairs_through_a_socket_is_loaded(
    platform, start_worker, source_db_url, fresh_db_url, pg_server_url
):
    dataset = _dataset(platform, source_db_url)
    params = {k: v for k, v in conninfo_to_dict(fresh_db_url).items() if v is not None}
    _environment(platform, "UAT", make_conninfo("", **{**params, "host": _socket_dir(pg_server_url)}))
    start_worker()
    r = _provision(platform, {"dataset_version_id": dataset, "target_env": "UAT"})
    job = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert job["status"] == "succeeded", job
    with psycopg.connect(fresh_db_url) as conn:
        assert (
            conn.execute("SELECT count(*) FROM orders").fetchone()[0] == job["result"]["row_counts"]["orders"]
        )


def test_a_stored_target_on_the_metadata_database_fails_the_job_untouched(
    platform, start_worker, source_db_url
):
    """An environment stored before the API refused such targets: the worker refuses it too."""
    dataset = _dataset(platform, source_db_url)
    engine = make_engine(platform.env["DATABASE_URL"], pool_size=1)
    box = SecretBox.from_keys(platform.env["TDM_ENCRYPTION_KEYS"].split(","))
    with unit_of_work(make_session_factory(engine)) as session:
        EnvironmentRepository(session).create("LEGACY", connection_url=platform.env["DATABASE_URL"], box=box)
    engine.dispose()
    start_worker()
    r = _provision(platform, {"dataset_version_id": dataset, "target_env": "LEGACY", "mode": "drop_create"})
    job = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert job["status"] == "failed"
    assert "metadata database" in job["error"], job["error"]
    names = [t.split(".")[-1] for t in TABLES]
    with psycopg.connect(platform.env["DATABASE_URL"]) as conn:
        loaded = conn.execute("SELECT tablename FROM pg_tables WHERE tablename = ANY(%s)", [names]).fetchall()
    assert loaded == []


def test_catalog_download_and_delete(platform, source_db_url):
    dataset = _dataset(platform, source_db_url)
    viewer = platform.headers("viewer")
    page = platform.client.get("/api/v1/datasets?source_type=subset", headers=viewer).json()
    assert dataset in [d["id"] for d in page["items"]]
    links = platform.client.get(f"/api/v1/dataset/{dataset}/download", headers=viewer).json()
    assert {link["table"] for link in links} == set(TABLES)
    r = platform.client.get(next(link["url"] for link in links if link["table"] == "orders"), headers=viewer)
    assert r.status_code == 200
    assert pq.read_table(io.BytesIO(r.content)).num_rows == next(
        link["rows"] for link in links if link["table"] == "orders"
    )
    for bad in ("../../etc/passwd", "..", ".hidden"):
        r = platform.client.get(f"/api/v1/dataset/{dataset}/download", params={"table": bad}, headers=viewer)
        assert r.status_code == 422, bad
    assert platform.client.get("/api/v1/dataset/..%2F..%2Fx", headers=viewer).status_code in (404, 422)
    assert (
        platform.client.delete(f"/api/v1/dataset/{dataset}", headers=platform.headers("operator")).status_code
        == 403
    )
    assert platform.client.delete(f"/api/v1/dataset/{dataset}", headers=platform.headers()).status_code == 204
    detail = platform.client.get(f"/api/v1/dataset/{dataset}", headers=viewer).json()
    assert detail["status"] == "deleted" and detail["tables"] == []
    assert not LocalDatasetStore(store_dir(platform.env)).list_tables(dataset)
    assert platform.client.get(f"/api/v1/dataset/{dataset}/download", headers=viewer).status_code == 404
    graph = platform.client.get(f"/api/v1/lineage/dataset/{dataset}", headers=viewer).json()
    assert next(n for n in graph["nodes"] if n["id"] == dataset)["status"] == "deleted"


def _services(platform, monkeypatch):
    for key, value in platform.env.items():
        monkeypatch.setenv(key, value)
    from tdm_cache.settings import get_settings as cache_settings
    from tdm_dataset_store import get_settings as dataset_settings
    from tdm_metadata_store.settings import get_settings as meta_settings
    from tdm_orchestrator.services import Services

    return Services.from_settings(meta_settings(), cache_settings(), dataset_settings(), pool_size=1)


def test_ephemeral_schema_sweep(platform, start_worker, source_db_url, fresh_db_url, monkeypatch):
    from tdm_agents.provisioning.ephemeral import drop_expired_ephemeral_schemas

    dataset = _dataset(platform, source_db_url)
    _environment(platform, "CI2", fresh_db_url)
    start_worker()
    body = {"dataset_version_id": dataset, "target_env": "CI2", "target_schema": "ci_run_8", "ttl_hours": 1}
    job = platform.wait_for_job(_provision(platform, body).json()["job_id"], timeout_s=120)
    assert job["status"] == "succeeded", job
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute("SELECT count(*) FROM ci_run_8.orders").fetchone()[0] > 0
    services = _services(platform, monkeypatch)
    try:
        assert drop_expired_ephemeral_schemas(services) == 0  # not expired yet
        assert drop_expired_ephemeral_schemas(services, now=datetime.now(UTC) + timedelta(hours=2)) == 1
    finally:
        services.close()
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = 'ci_run_8'").fetchone()[0] == 0
