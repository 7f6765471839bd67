"""Masking through the whole job path: API → queue → worker → masking subgraph → stores.

The source dataset version comes from a real discovery job on the source database and a small
dataset version written through the store; masking runs in a real worker process.
"""

from __future__ import annotations

import uuid

import pyarrow.compute as pc
from sqlalchemy import select

from tdm_dataset_store import LocalDatasetStore
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.models import AuditEntry
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.lineage import LineageRepository
from tests.api.masking_dataset_support import STAFF_EMAIL_KEY, read_table, store_dir, write_dataset_version

RULES = {
    "customers.email": "mask.email_deterministic",
    "customers.first_name": "mask.fake_first_name",
    "customers.last_name": "mask.fake_last_name",
    "customers.phone": {"type": "mask.fpe_digits", "options": {"tweak_label": "phone"}},
    "customers.c7": "mask.tokenize",
    "sales.staff.first_name": "mask.fake_first_name",
    "sales.staff.last_name": "mask.fake_last_name",
    "sales.staff.phone": "mask.redact",
    # Found personal at mask time (a postcode, a store named like a city): without rules the job fails.
    "orders.shipping_postcode": {
        "type": "mask.generalize",
        "options": {"mode": "prefix", "prefix_length": 2},
    },
    "sales.store.name": "mask.fake_company",
}
MASKED = [("customers", c) for c in ("email", "first_name", "last_name", "phone", "c7")] + [
    ("sales.staff", c) for c in ("email", "first_name", "last_name", "phone")
]


def _discovered_dataset(platform, source_db_url) -> tuple[str, str]:
    """(schema version id, dataset version id): discovery job, a user-defined key, a written dataset."""
    client = platform.client
    r = client.post("/api/v1/connections", headers=platform.headers(),
                    json={"name": "shop", "connection_string": source_db_url})  # fmt: skip
    assert r.status_code == 201, r.text
    r = client.post("/api/v1/discover-schema", headers=platform.headers("operator"), json={
        "connection_id": r.json()["id"], "schemas": ["public", "sales"], "include_stats": False})  # fmt: skip
    job = platform.wait_for_job(r.json()["job_id"])
    assert job["status"] == "succeeded", job
    schema_id, version_id = job["result"]["schema_id"], job["result"]["schema_version_id"]
    r = client.post(f"/api/v1/schema/{schema_id}/relationships", headers=platform.headers("operator"),
                    json=STAFF_EMAIL_KEY)  # fmt: skip
    assert r.status_code == 201, r.text
    dataset = write_dataset_version(
        platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url, version_id
    )
    return version_id, dataset


def _mask(platform, body: dict) -> dict:
    r = platform.client.post("/api/v1/mask", headers=platform.headers("operator"), json=body)
    assert r.status_code == 202, r.text
    return platform.wait_for_job(r.json()["job_id"], timeout_s=120)


def _catalog(platform, version_id: str):
    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        row = DatasetRepository(session).get(uuid.UUID(version_id))
        metadata = DatasetRepository(session).get_metadata(uuid.UUID(version_id))
        lineage = LineageRepository(session)
        edges = [
            (e.source_id, e.target_id, e.operation, e.details) for e in lineage.edges_touching([version_id])
        ]
        columns = {(c.table_name, c.column_name): (c.rule_type, c.rule_set_version, c.key_id)
                   for c in lineage.column_lineage_for(uuid.UUID(version_id))}  # fmt: skip
        audits = session.scalars(select(AuditEntry).where(AuditEntry.action == "masking.detokenize")).all()
        audit_details = [a.details for a in audits]
        status = row.status if row else None
    engine.dispose()
    return status, metadata, edges, columns, audit_details


def test_mask_job_masks_keeps_keys_and_records_lineage(platform, start_worker, source_db_url):
    start_worker()
    _, source = _discovered_dataset(platform, source_db_url)
    data_dir = store_dir(platform.env)
    store = LocalDatasetStore(data_dir)
    manifest_before = store.read_manifest(source).canonical_json()
    saved = platform.client.post("/api/v1/rules/masking", headers=platform.headers("operator"),
                                 json={"name": "shop", "rules": RULES}).json()  # fmt: skip

    job = _mask(platform, {"dataset_version_id": source, "rule_set_id": saved["id"], "name": "shop masked"})
    assert job["status"] == "succeeded", (job, platform.worker_logs())
    masked = job["result"]["masked_dataset_version_id"]
    summary = job["result"]["step_results"]["masking"]
    assert summary["integrity"]["ok"] and summary["leak_check"]["ok"]
    assert all(o["orphans"] == 0 for o in summary["integrity"]["orphans"])
    assert {o["child"] for o in summary["integrity"]["orphans"]} >= {"orders", "sales.staff"}
    assert summary["key_id"] == "k1" and summary["rule_set_version"] == 1
    assert store.read_manifest(source).canonical_json() == manifest_before, "input version unchanged"

    for table, column in MASKED:
        original = read_table(data_dir, source, table).column(column).drop_null()
        output = read_table(data_dir, masked, table).column(column)
        assert output.null_count == 0 or column == "c7"
        if column.endswith("_name"):
            # Fakes come from a pool of common names, so a row may draw its own name by chance
            # (the rule declares leak_check "none"); such coincidences must stay rare.
            same = pc.equal(output, read_table(data_dir, source, table).column(column))
            assert pc.sum(same).as_py() <= len(output) // 10, f"{table}.{column} mostly unchanged"
        else:
            assert not pc.any(pc.is_in(output, value_set=original)).as_py(), f"{table}.{column} leaked"
    unruled = [c for c in read_table(data_dir, source, "orders").column_names if c != "shipping_postcode"]
    assert (
        read_table(data_dir, masked, "orders")
        .select(unruled)
        .equals(read_table(data_dir, source, "orders").select(unruled))
    )
    customers = read_table(data_dir, masked, "customers")
    staff_emails = read_table(data_dir, masked, "sales.staff").column("email")
    assert pc.all(pc.is_in(staff_emails, value_set=customers.column("email"))).as_py(), "FK rule propagated"

    status, metadata, edges, columns, _ = _catalog(platform, masked)
    assert status == "ready"
    assert metadata["key_id"] == "k1" and metadata["rule_set_id"] == saved["id"]
    assert metadata["leak_report"]["ok"] and metadata["row_counts"]["customers"] == customers.num_rows
    assert (source, masked, "derived_from") in {(s, t, o) for s, t, o, _ in edges}
    assert next(d for s, t, o, d in edges if o == "derived_from")["key_ids"] == ["k1"]
    assert columns[("sales.staff", "email")] == ("mask.email_deterministic", 1, "k1"), (
        "inherited rule recorded"
    )
    assert columns[("customers", "c7")] == ("mask.tokenize", 1, "k1")

    again = _mask(platform, {"dataset_version_id": source, "rules": RULES})
    assert again["status"] == "succeeded", again
    second = again["result"]["masked_dataset_version_id"]
    assert second != masked
    for table in ("customers", "sales.staff"):
        assert read_table(data_dir, second, table).equals(read_table(data_dir, masked, table)), (
            "deterministic"
        )

    tokens = customers.column("c7").to_pylist()[:3]
    body = {"key_id": "k1", "tokens": tokens}
    assert (
        platform.client.post(
            "/api/v1/detokenize", headers=platform.headers("operator"), json=body
        ).status_code
        == 403
    )
    revealed = platform.client.post("/api/v1/detokenize", headers=platform.headers("admin"), json=body)
    assert revealed.status_code == 200
    assert [v["value"] for v in revealed.json()["values"]] == read_table(data_dir, source, "customers").column(
        "c7").to_pylist()[:3]  # fmt: skip
    *_, audits = _catalog(platform, masked)
    assert audits == [{"key_id": "k1", "tokens": 3, "found": 3}]


def test_a_leak_fails_the_job_with_counts_not_values(platform, start_worker, source_db_url):
    start_worker()
    _, source = _discovered_dataset(platform, source_db_url)
    first_names = read_table(store_dir(platform.env), source, "customers").column("first_name").to_pylist()
    # A pattern that matches nothing leaves every value as it was: the leak check must notice.
    rules = {"customers.first_name": {"type": "mask.regex_replace",
                                      "options": {"pattern": "^\\d{40}$", "replacement": "x"}}}  # fmt: skip
    # The other personal columns get default rules, so the job reaches the leak check.
    job = _mask(platform, {"dataset_version_id": source, "rules": rules, "unknown_columns": "mask_default"})
    assert job["status"] == "failed"
    assert "Leak check failed" in job["error"] and "customers.first_name" in job["error"]
    assert not any(name in job["error"] for name in first_names)
    versions = platform.client.get("/api/v1/job/" + job["id"], headers=platform.headers()).json()
    assert not any(name in str(versions) for name in first_names)
    engine = make_engine(platform.env["DATABASE_URL"])
    with unit_of_work(make_session_factory(engine)) as session:
        rows, _ = DatasetRepository(session).list(source_type="masked", include_deleted=True)
        assert [r.status for r in rows] == ["failed"]
    engine.dispose()
