"""Rule sets and mask requests whose output cannot fit a column's declared length are 422 before any
job, naming the rule, the column and its limit; suggested rules always fit."""

from __future__ import annotations

import pytest

from tests.api.masking_dataset_support import save_schema_version


@pytest.fixture
def schema_version_id(platform, source_db_url) -> str:
    return save_schema_version(platform.env["DATABASE_URL"], source_db_url)[1]


def _create(platform, schema_version_id: str, rules: dict):
    body = {"name": "lengths", "rules": rules, "schema_version_id": schema_version_id}
    return platform.client.post("/api/v1/rules/masking", headers=platform.headers("operator"), json=body)


def test_a_digest_longer_than_a_varchar_is_422_naming_rule_column_and_limit(platform, schema_version_id):
    r = _create(platform, schema_version_id, {"products.sku": "mask.hash"})  # sku is varchar(32)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    (error,) = r.json()["errors"]
    assert error["field"] == "products.sku"
    assert "mask.hash" in error["message"] and "64 characters" in error["message"]
    assert "at most 32" in error["message"]


def test_the_same_digest_cut_to_the_column_is_accepted(platform, schema_version_id):
    rules = {"products.sku": {"type": "mask.hash", "options": {"output": "truncated", "length": 32}}}
    assert _create(platform, schema_version_id, rules).status_code == 201


def test_a_fixed_marker_longer_than_the_column_is_422(platform, schema_version_id):
    too_long = {"type": "mask.redact", "options": {"text": "X" * 81}}  # first_name is varchar(80)
    r = _create(platform, schema_version_id, {"customers.first_name": too_long})
    assert r.status_code == 422 and "at most 80" in r.json()["errors"][0]["message"]
