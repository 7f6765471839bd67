"""The schema drift gate (GET /schema/{id}/drift-gate, and 409s on mask and provision) and the audited
override for unmasked data going into non-production environments."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.models import AuditEntry
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import ColumnInfo
from tests.api.masking_dataset_support import save_schema_version, store_dir, write_dataset_version

RULES = {"customers.email": "mask.email_deterministic", "customers.first_name": "mask.fake_first_name"}


def _session(platform):
    engine = make_engine(platform.env["DATABASE_URL"])
    return engine, unit_of_work(make_session_factory(engine))


def _drift(platform, schema_id: str, schema_version_id: str) -> str:
    """Version 2 of the schema: customers gains `loyalty_email`, `phone` changes type; returns its id."""
    engine, uow = _session(platform)
    with uow as session:
        repo = SchemaRepository(session)
        snapshot = repo.load_snapshot(uuid.UUID(schema_version_id), include_virtual=False)
        customers = snapshot.table("customers")
        customers.columns.append(ColumnInfo(name="loyalty_email", data_type="text", type_category="string"))
        phone = customers.column("phone")
        phone.data_type, phone.max_length = "character varying(40)", 40
        new_id = str(repo.save_version(uuid.UUID(schema_id), snapshot).id)
    engine.dispose()
    return new_id


def _audits(platform, action: str) -> list[dict]:
    engine, uow = _session(platform)
    with uow as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()
        details = [dict(r.details or {}, actor=r.actor) for r in rows]
    engine.dispose()
    return details


def test_drift_blocks_mask_and_provision_until_ruled_or_reviewed(platform, source_db_url, fresh_db_url):
    client, operator = platform.client, platform.headers("operator")
    schema_id, v1 = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    dataset = write_dataset_version(platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url, v1)
    saved = client.post("/api/v1/rules/masking", headers=operator,
                        json={"name": "gate", "rules": RULES, "schema_version_id": v1}).json()  # fmt: skip
    assert "id" in saved, saved
    gate = client.get(f"/api/v1/schema/{schema_id}/drift-gate", headers=platform.headers("viewer")).json()
    assert gate["open"] and gate["baseline"] == "newest_rule_set" and gate["blockers"] == []

    v2 = _drift(platform, schema_id, v1)
    gate = client.get(f"/api/v1/schema/{schema_id}/drift-gate", headers=platform.headers("viewer")).json()
    assert not gate["open"] and (gate["baseline_version"], gate["latest_version"]) == (1, 2)
    blocking = {(b["table"], b["column"], b["change"]) for b in gate["blockers"]}
    assert blocking == {("customers", "loyalty_email", "added"), ("customers", "phone", "changed")}
    assert "data_type" in next(b["reason"] for b in gate["blockers"] if b["column"] == "phone")

    r = client.post("/api/v1/mask", headers=operator, json={"dataset_version_id": dataset,
                                                            "rule_set_id": saved["id"]})  # fmt: skip
    assert r.status_code == 409, r.text
    assert {e["field"] for e in r.json()["errors"]} == {"customers.loyalty_email", "customers.phone"}
    env = client.post("/api/v1/environments", headers=platform.headers(),
                      json={"name": "GATED", "connection_string": fresh_db_url}).json()  # fmt: skip
    r = client.post("/api/v1/provision", headers=operator, json={
        "dataset_version_id": dataset, "target_env": env["id"], "allow_unmasked": True,
        "override_reason": "reproducing a production defect"})  # fmt: skip
    assert r.status_code == 409 and "drift gate" in r.json()["detail"], r.text

    # A rule for the new column in a rule set saved for version 2, and a review of the changed one.
    client.post("/api/v1/rules/masking", headers=operator, json={
        "name": "gate", "schema_version_id": v2,
        "rules": {**RULES, "customers.loyalty_email": "mask.email_deterministic"}})  # fmt: skip
    r = client.put(f"/api/v1/pii/{v2}", headers=operator,
                   json=[{"table": "customers", "column": "phone", "decision": "reject"}])  # fmt: skip
    assert r.status_code == 200, r.text
    gate = client.get(f"/api/v1/schema/{schema_id}/drift-gate", params={"rule_set_id": saved["id"]},
                      headers=platform.headers("viewer")).json()  # fmt: skip
    assert gate["open"] and gate["resolved_columns"] == 2 and gate["baseline"] == "rule_set"
    r = client.post("/api/v1/mask", headers=operator, json={"dataset_version_id": dataset,
                                                            "rule_set_id": saved["id"]})  # fmt: skip
    assert r.status_code == 202, r.text


def test_drift_gate_errors_are_problems(platform, source_db_url):
    viewer = platform.headers("viewer")
    schema_id, _ = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    assert platform.client.get(f"/api/v1/schema/{uuid.uuid4()}/drift-gate", headers=viewer).status_code == 404
    r = platform.client.get(f"/api/v1/schema/{schema_id}/drift-gate", params={"from": 7}, headers=viewer)
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    r = platform.client.get(
        f"/api/v1/schema/{schema_id}/drift-gate", params={"rule_set_id": "x"}, headers=viewer
    )
    assert r.status_code == 422
    gate = platform.client.get(f"/api/v1/schema/{schema_id}/drift-gate", headers=viewer).json()
    assert gate["open"] and gate["baseline"] == "latest_version"


def test_unmasked_subset_into_non_production_needs_an_audited_override(platform, source_db_url, fresh_db_url):
    client = platform.client
    _, v1 = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    dataset = write_dataset_version(platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url, v1)
    for name, tier in (("UAT", "non_production"), ("PRODCOPY", "production")):
        r = client.post("/api/v1/environments", headers=platform.headers(),
                        json={"name": name, "connection_string": fresh_db_url, "config": {"tier": tier}})  # fmt: skip
        assert r.status_code == 201, r.text
    body = {"dataset_version_id": dataset, "target_env": "UAT"}

    r = client.post("/api/v1/provision", headers=platform.headers("operator"), json=body)
    assert r.status_code == 409 and r.json()["field"] == "allow_unmasked", r.text
    r = client.post(
        "/api/v1/provision", headers=platform.headers("operator"), json={**body, "allow_unmasked": True}
    )
    assert r.status_code == 422, r.text
    override = {**body, "allow_unmasked": True, "override_reason": "reproducing a production defect"}
    assert (
        client.post("/api/v1/provision", headers=platform.headers("viewer"), json=override).status_code == 403
    )
    assert _audits(platform, "provision.unmasked_override") == []

    r = client.post("/api/v1/provision", headers=platform.headers("operator"), json=override)
    assert r.status_code == 202, r.text
    [entry] = _audits(platform, "provision.unmasked_override")
    assert entry["dataset_version_id"] == dataset and entry["environment"] == "UAT"
    assert entry["reason"] == "reproducing a production defect" and entry["actor"] == "test-operator"
    r = client.post("/api/v1/provision", headers=platform.headers("operator"),
                    json={"dataset_version_id": dataset, "target_env": "PRODCOPY"})  # fmt: skip
    assert r.status_code == 202, r.text


def test_masked_data_needs_no_override(platform, source_db_url, fresh_db_url):
    _, v1 = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    dataset = write_dataset_version(platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url, v1)
    engine, uow = _session(platform)
    with uow as session:
        DatasetRepository(session).get(uuid.UUID(dataset)).source_type = "masked"
    engine.dispose()
    platform.client.post("/api/v1/environments", headers=platform.headers(),
                         json={"name": "QA", "connection_string": fresh_db_url})  # fmt: skip
    r = platform.client.post("/api/v1/provision", headers=platform.headers("operator"),
                             json={"dataset_version_id": dataset, "target_env": "QA"})  # fmt: skip
    assert r.status_code == 202, r.text
