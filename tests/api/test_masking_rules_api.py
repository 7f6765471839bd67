"""Masking rule sets, the rule catalogue, and request validation of /mask, /mask/preview, /detokenize.

No worker runs here: every refusal must happen in the API, before a job exists.
"""

from __future__ import annotations

import uuid

import pytest

from tests.api.masking_dataset_support import (
    STAFF_EMAIL_KEY,
    save_schema_version,
    store_dir,
    write_dataset_version,
)

RULES = {
    "customers.email": "mask.email_deterministic",
    "customers.first_name": "mask.fake_first_name",
    "customers.phone": {"type": "mask.fpe_digits", "options": {"tweak_label": "phone"}},
}


@pytest.fixture
def shop(platform, source_db_url):
    """(schema version id, ready dataset version id) with the staff-email key declared."""
    schema_id, version_id = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    r = platform.client.post(f"/api/v1/schema/{schema_id}/relationships", headers=platform.headers("operator"),
                             json=STAFF_EMAIL_KEY)  # fmt: skip
    assert r.status_code == 201, r.text
    dataset = write_dataset_version(
        platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url, version_id
    )
    return version_id, dataset


def _jobs(platform) -> int:
    return platform.client.get("/api/v1/jobs", headers=platform.headers("viewer")).json()["total"]


def test_rule_sets_are_versioned_and_old_versions_stay_readable(platform, shop):
    schema_version_id, _ = shop
    client, op = platform.client, platform.headers("operator")
    body = {"name": "shop-default", "rules": RULES, "schema_version_id": schema_version_id}
    first = client.post("/api/v1/rules/masking", headers=op, json=body)
    assert first.status_code == 201, first.text
    assert first.json()["version"] == 1
    assert {(r["table"], r["column"]) for r in first.json()["rules"]} == {
        ("customers", "email"), ("customers", "first_name"), ("customers", "phone")}  # fmt: skip
    same = client.post("/api/v1/rules/masking", headers=op, json=body)
    assert same.status_code == 200 and same.json()["id"] == first.json()["id"]
    changed = client.post("/api/v1/rules/masking", headers=op,
                          json={**body, "rules": {**RULES, "customers.last_name": "mask.fake_last_name"}})  # fmt: skip
    assert changed.status_code == 201 and changed.json()["version"] == 2

    viewer = platform.headers("viewer")
    old = client.get(f"/api/v1/rules/masking/{first.json()['id']}", headers=viewer).json()
    assert old["version"] == 1 and len(old["rules"]) == 3
    everything = client.get("/api/v1/rules/masking", headers=viewer, params={"name": "shop-default"}).json()
    assert [r["version"] for r in everything] == [1, 2]
    latest = client.get("/api/v1/rules/masking", headers=viewer, params={"latest": True}).json()
    assert [(r["name"], r["version"]) for r in latest] == [("shop-default", 2)]
    assert client.get(f"/api/v1/rules/masking/{uuid.uuid4()}", headers=viewer).status_code == 404


def test_rule_set_refused_when_it_does_not_fit_the_schema(platform, shop):
    schema_version_id, _ = shop
    r = platform.client.post("/api/v1/rules/masking", headers=platform.headers("operator"), json={
        "name": "broken", "schema_version_id": schema_version_id,
        "rules": {"customers.nope": "mask.hash", "customers.id": "mask.email_deterministic"}})  # fmt: skip
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert fields == {"customers.nope", "customers.id"}
    assert platform.client.get("/api/v1/rules/masking", headers=platform.headers("viewer")).json() == []


def test_transformer_catalogue_lists_every_rule_type_with_options_and_guarantees(platform):
    r = platform.client.get("/api/v1/rules/masking/transformers", headers=platform.headers("viewer"))
    assert r.status_code == 200
    catalogue = {t["name"]: t for t in r.json()}
    assert {"mask.email_deterministic", "mask.fpe_pan", "mask.tokenize", "mask.null", "mask.redact",
            "mask.hash", "mask.fake_name", "mask.date_shift", "mask.shuffle"} <= set(catalogue)  # fmt: skip
    pan = catalogue["mask.fpe_pan"]
    assert pan["guarantees"]["format_preserving"] and pan["guarantees"]["unique_preserving"]
    assert "properties" in catalogue["mask.hash"]["options_schema"]
    assert "string" in catalogue["mask.email_deterministic"]["categories"]


@pytest.mark.parametrize(
    ("rules", "field", "words"),
    [
        ({"nowhere.email": "mask.hash"}, "nowhere.email", "unknown table"),
        ({"customers.shoe_size": "mask.hash"}, "customers.shoe_size", "unknown column"),
        ({"customers.email": "mask.scramble"}, "customers.email", "unknown rule type"),
        ({"orders.ordered_at": "mask.fpe_pan"}, "orders.ordered_at", "does not accept"),
        ({"customers.email": {"type": "mask.hash", "options": {"length": 2}}}, "customers.email.options.length",
         "greater than or equal"),
    ],
)  # fmt: skip
def test_bad_rules_are_422_before_any_job(platform, shop, rules, field, words):
    _, dataset = shop
    before = _jobs(platform)
    r = platform.client.post("/api/v1/mask", headers=platform.headers("operator"),
                             json={"dataset_version_id": dataset, "rules": rules})  # fmt: skip
    assert r.status_code == 422, r.text
    problem = r.json()
    assert problem["field"] == "rules"
    assert any(e["field"] == field and words in e["message"] for e in problem["errors"]), problem
    assert _jobs(platform) == before


def test_unknown_incomplete_and_deleted_inputs(platform, shop, source_db_url):
    schema_version_id, _ = shop
    client, op = platform.client, platform.headers("operator")
    unknown = client.post(
        "/api/v1/mask", headers=op, json={"dataset_version_id": str(uuid.uuid4()), "rules": RULES}
    )
    assert unknown.status_code == 404
    writing = write_dataset_version(platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url,
                                    schema_version_id, status="writing")  # fmt: skip
    incomplete = client.post("/api/v1/mask", headers=op, json={"dataset_version_id": writing, "rules": RULES})
    assert incomplete.status_code == 409 and "not complete" in incomplete.json()["detail"]
    deleted = write_dataset_version(platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url,
                                    schema_version_id, status="deleted")  # fmt: skip
    r = client.post("/api/v1/mask", headers=op, json={"dataset_version_id": deleted, "rules": RULES})
    assert r.status_code == 409 and "deleted" in r.json()["detail"]
    missing_set = client.post("/api/v1/mask", headers=op,
                              json={"dataset_version_id": writing, "rule_set_id": str(uuid.uuid4())})  # fmt: skip
    assert missing_set.status_code == 409  # the input is checked first
    both = client.post("/api/v1/mask", headers=op, json={"dataset_version_id": writing, "rules": RULES,
                                                         "rule_set_id": str(uuid.uuid4())})  # fmt: skip
    assert both.status_code == 422


@pytest.mark.parametrize("keys", ["", "k1:c2hvcnQ="])
def test_missing_or_short_masking_key_is_422(platform, shop, monkeypatch, keys):
    _, dataset = shop
    monkeypatch.setenv("TDM_MASKING_KEYS", keys)
    r = platform.client.post("/api/v1/mask", headers=platform.headers("operator"),
                             json={"dataset_version_id": dataset, "rules": RULES})  # fmt: skip
    assert r.status_code == 422
    assert r.json()["field"] == "masking_key" and "masking key" in r.json()["detail"]
    assert "c2hvcnQ" not in r.text


def test_preview_masks_sample_rows_and_stores_nothing(platform, shop):
    _, dataset = shop
    client, op = platform.client, platform.headers("operator")
    body = {"dataset_version_id": dataset, "table": "customers", "rules": RULES, "limit": 4}
    r = client.post("/api/v1/mask/preview", headers=op, json=body)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["key_id"] == "k1" and len(out["before"]) == len(out["after"]) == 4
    for before, after in zip(out["before"], out["after"], strict=True):
        assert before["id"] == after["id"]
        assert before["email"] != after["email"] and "@" in after["email"]
        assert before["first_name"] != after["first_name"]
        assert sum(c.isdigit() for c in before["phone"]) == sum(c.isdigit() for c in after["phone"])
    again = client.post("/api/v1/mask/preview", headers=op, json=body).json()
    assert again["after"] == out["after"], "deterministic"

    given = client.post("/api/v1/mask/preview", headers=op, json={**body, "rows": [
        {"id": 1, "email": "ada@example.org", "first_name": "Ada", "phone": "+1 555 0100"}]})  # fmt: skip
    assert given.status_code == 200, given.text
    assert given.json()["after"][0]["email"] != "ada@example.org"
    too_many = client.post("/api/v1/mask/preview", headers=op, json={**body, "limit": 21})
    assert too_many.status_code == 422
    assert (
        client.post("/api/v1/mask/preview", headers=op, json={**body, "table": "nowhere"}).status_code == 422
    )
    assert client.get("/api/v1/jobs", headers=op).json()["total"] == 0


def test_detokenize_is_admin_only(platform):
    body = {"key_id": "k1", "tokens": ["tok_0123456789abcdef01234567"]}
    assert (
        platform.client.post(
            "/api/v1/detokenize", headers=platform.headers("operator"), json=body
        ).status_code
        == 403
    )
    unknown = platform.client.post("/api/v1/detokenize", headers=platform.headers("admin"),
                                   json={**body, "key_id": "k9"})  # fmt: skip
    assert unknown.status_code == 422
    r = platform.client.post("/api/v1/detokenize", headers=platform.headers("admin"), json=body)
    assert r.status_code == 200
    assert r.json() == {"key_id": "k1", "found": 0, "values": [{"token": body["tokens"][0], "value": None}]}
