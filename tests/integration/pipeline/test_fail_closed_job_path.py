"""Privacy fails closed through the whole job path (API → queue → worker → subgraphs → stores):
an unknown personal column fails the mask job (or gets a default rule), schema drift stops a queued
mask job, and unmasked data reaches a non-production environment only by an audited override."""

from __future__ import annotations

import uuid

import psycopg
import pyarrow.compute as pc

from tdm_dataset_store import LocalDatasetStore
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.audit import AuditRepository
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import ColumnInfo
from tests.api.masking_dataset_support import (
    read_table,
    save_schema_version,
    store_dir,
    write_dataset_version,
)
from tests.integration.agents.provisioning.provision_support import export_dataset

# Everything personal is ruled except orders.shipping_postcode, which nobody classified.
RULES = {
    "customers.email": "mask.email_deterministic",
    "customers.first_name": "mask.fake_first_name",
    "customers.last_name": "mask.fake_last_name",
    "customers.phone": "mask.redact",
    "customers.c7": "mask.hash",
    "sales.staff.first_name": "mask.fake_first_name",
    "sales.staff.last_name": "mask.fake_last_name",
    "sales.staff.phone": "mask.redact",
}
REASON = "a production defect needs the real rows"
PROVISION_TABLES = [
    "customers",
    "products",
    "orders",
    "order_items",
    "employee",
    "sales.store",
    "sales.staff",
]


def _dataset(platform, source_db_url: str) -> tuple[str, str, str]:
    """(schema id, schema version id, unmasked subset dataset version id)."""
    schema_id, version = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    dataset = write_dataset_version(
        platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url, version
    )
    return schema_id, version, dataset


def _run(platform, path: str, body: dict, role: str = "operator") -> dict:
    r = platform.client.post(f"/api/v1{path}", headers=platform.headers(role), json=body)
    assert r.status_code == 202, r.text
    return platform.wait_for_job(r.json()["job_id"], timeout_s=120)


def test_an_undetected_personal_column_fails_the_job_unless_defaulted_or_reviewed(
    platform, start_worker, source_db_url
):
    start_worker()
    _, version, dataset = _dataset(platform, source_db_url)
    postcodes = read_table(store_dir(platform.env), dataset, "orders").column("shipping_postcode")

    failed = _run(platform, "/mask", {"dataset_version_id": dataset, "rules": RULES})
    assert failed["status"] == "failed"
    assert "Masking refused" in failed["error"] and "orders.shipping_postcode" in failed["error"]
    assert "postcode" in failed["error"] and "unknown_columns" in failed["error"]
    assert not any(p in failed["error"] for p in postcodes.drop_null().to_pylist())

    defaulted = _run(platform, "/mask", {"dataset_version_id": dataset, "rules": RULES,
                                         "unknown_columns": "mask_default"})  # fmt: skip
    assert defaulted["status"] == "succeeded", defaulted["error"]
    summary = defaulted["result"]["step_results"]["masking"]
    states = summary["column_states"]
    assert "orders.shipping_postcode" in states["defaulted"] and states["unknown_columns"] == "mask_default"
    masked = read_table(store_dir(platform.env), summary["masked_dataset_version_id"], "orders")
    assert not pc.any(pc.equal(masked.column("shipping_postcode"), postcodes)).as_py()

    # A person decides the other flagged column is not personal; a rule covers the postcode.
    flagged = {f"{c['table']}.{c['column']}" for c in states["columns"] if c["looks_personal"]}
    others = [t.rsplit(".", 1) for t in flagged - {"orders.shipping_postcode"}]
    if others:
        reviews = [{"table": t, "column": c, "decision": "reject"} for t, c in others]
        r = platform.client.put(f"/api/v1/pii/{version}", headers=platform.headers("operator"), json=reviews)
        assert r.status_code == 200, r.text
    ruled = {**RULES, "orders.shipping_postcode": {"type": "mask.generalize",
                                                   "options": {"mode": "prefix", "prefix_length": 2}}}  # fmt: skip
    passed = _run(platform, "/mask", {"dataset_version_id": dataset, "rules": ruled})
    assert passed["status"] == "succeeded", passed["error"]
    final = passed["result"]["step_results"]["masking"]["column_states"]
    assert final["counts"]["unknown_personal"] == 0 and final["defaulted"] == []
    assert {f"{c['table']}.{c['column']}" for c in final["columns"] if c["state"] == "reviewed"} == {
        f"{t}.{c}" for t, c in others
    }


def test_schema_drift_stops_a_queued_mask_job(platform, start_worker, source_db_url):
    schema_id, version, dataset = _dataset(platform, source_db_url)
    r = platform.client.post("/api/v1/mask", headers=platform.headers("operator"),
                             json={"dataset_version_id": dataset, "rules": RULES, "unknown_columns": "mask_default"})  # fmt: skip
    assert r.status_code == 202, r.text
    # Rediscovery finds a new column before the worker picks the job up.
    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        repo = SchemaRepository(session)
        snapshot = repo.load_snapshot(uuid.UUID(version), include_virtual=False)
        snapshot.table("customers").columns.append(ColumnInfo(name="passport_no", data_type="text"))
        repo.save_version(uuid.UUID(schema_id), snapshot)
    engine.dispose()
    start_worker()
    job = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert job["status"] == "failed"
    assert "drift gate" in job["error"] and "customers.passport_no" in job["error"]


def _whole_tables(platform, source_db_url: str) -> str:
    """An unmasked `subset` version of whole source tables (loadable as is into an empty target)."""
    _, version = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    dataset, _ = export_dataset(source_db_url, LocalDatasetStore(store_dir(platform.env)), PROVISION_TABLES)
    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        repo = DatasetRepository(session)
        repo.create(uuid.UUID(dataset), source_type="subset", path_prefix=f"datasets/{dataset}/",
                    schema_version_id=uuid.UUID(version))  # fmt: skip
        repo.set_status(uuid.UUID(dataset), "ready")
    engine.dispose()
    return dataset


def test_unmasked_provisioning_needs_the_override_and_the_job_records_it(
    platform, start_worker, source_db_url, fresh_db_url
):
    dataset = _whole_tables(platform, source_db_url)
    client, admin = platform.client, platform.headers()
    env = client.post("/api/v1/environments", headers=admin, json={
        "name": "PRODCOPY", "connection_string": fresh_db_url, "config": {"tier": "production"}}).json()  # fmt: skip
    r = client.post("/api/v1/provision", headers=platform.headers("operator"),
                    json={"dataset_version_id": dataset, "target_env": "PRODCOPY"})  # fmt: skip
    assert r.status_code == 202, r.text
    # The environment is re-marked non-production before the job runs: the job refuses, target untouched.
    r2 = client.patch(f"/api/v1/environments/{env['id']}", headers=admin,
                      json={"config": {"tier": "non_production"}})  # fmt: skip
    assert r2.status_code == 200, r2.text
    start_worker()
    refused = platform.wait_for_job(r.json()["job_id"], timeout_s=120)
    assert refused["status"] == "failed" and "not masked" in refused["error"]
    with psycopg.connect(fresh_db_url) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
    assert tables == 0

    job = _run(platform, "/provision", {"dataset_version_id": dataset, "target_env": "PRODCOPY",
                                        "allow_unmasked": True, "override_reason": REASON})  # fmt: skip
    assert job["status"] == "succeeded", job["error"]
    override = job["result"]["step_results"]["provisioning"]["unmasked_override"]
    assert override == {"allowed": True, "reason": REASON, "source_type": "subset"}
    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        entries, _ = AuditRepository(session).list(resource_type="environment", resource_id=env["id"])
        actions = [(e.action, (e.details or {}).get("reason")) for e in entries]
    engine.dispose()
    assert ("provision.unmasked_override", REASON) in actions


def test_a_workflow_loading_an_unmasked_subset_needs_and_audits_the_override(
    platform, start_worker, source_db_url, fresh_db_url
):
    client, admin = platform.client, platform.headers()
    conn = client.post("/api/v1/connections", headers=admin,
                       json={"name": "shop", "connection_string": source_db_url}).json()  # fmt: skip
    client.post(
        "/api/v1/environments", headers=admin, json={"name": "UAT", "connection_string": fresh_db_url}
    )
    start_worker()
    overrides = {"connection_id": conn["id"], "target_env": "UAT", "discover": {"schemas": ["public"]},
                 "subset": {"root_table": "customers", "sampling_pct": 30, "seed": 3}}  # fmt: skip
    body = {"template": "db_migration", "overrides": overrides}
    refused = _run(platform, "/workflow/execute", body)
    assert refused["status"] == "failed" and "not masked" in refused["error"]

    overrides["provision"] = {"allow_unmasked": True, "override_reason": REASON}
    job = _run(platform, "/workflow/execute", body)
    assert job["status"] == "succeeded", job["error"]
    assert job["result"]["step_results"]["provisioning"]["unmasked_override"]["reason"] == REASON
    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        entries, _ = AuditRepository(session).list(resource_type="job", resource_id=job["id"])
        audited = [(e.action, e.actor, (e.details or {}).get("reason")) for e in entries]
    engine.dispose()
    assert [a for a in audited if a[0] == "provision.unmasked_override"] == [
        ("provision.unmasked_override", "test-operator", REASON)
    ]
