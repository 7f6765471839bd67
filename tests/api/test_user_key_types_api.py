"""User-defined foreign keys between incompatible types are refused at creation (422), and a schema
that already holds one gets a clear 409 from masking and synthetic requests instead of a 500."""

from __future__ import annotations

import uuid

import pytest

from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tests.api.masking_dataset_support import save_schema_version


@pytest.fixture
def shop(platform, source_db_url):
    """(schema id, schema version id) of the shop source."""
    return save_schema_version(platform.env["DATABASE_URL"], source_db_url)


def _add_key(platform, schema_id: str, child: str, child_col: str, parent: str, parent_col: str):
    body = {"kind": "foreign_key", "child_table": child, "child_columns": [child_col],
            "parent_table": parent, "parent_columns": [parent_col]}  # fmt: skip
    return platform.client.post(
        f"/api/v1/schema/{schema_id}/relationships", headers=platform.headers("operator"), json=body
    )


def test_a_key_from_a_timestamp_to_an_integer_is_422_naming_both_columns_and_types(platform, shop):
    schema_id, _ = shop
    r = _add_key(platform, schema_id, "orders", "ordered_at", "customers", "id")
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    detail = r.json()["detail"]
    for words in ("orders.ordered_at", "timestamp with time zone", "customers.id", "bigint"):
        assert words in detail
    listed = platform.client.get(f"/api/v1/schema/{schema_id}/relationships", headers=platform.headers())
    assert listed.json() == [], "nothing was stored"


@pytest.mark.parametrize(
    ("child", "child_col", "parent", "parent_col"),
    [
        ("sales.staff", "email", "customers", "email"),  # text -> a domain over text
        ("shipments", "line_no", "employee", "id"),  # smallint -> integer
        ("order_items", "product_id", "orders", "id"),  # integer -> bigint
        ("sales.staff", "first_name", "customers", "first_name"),  # text -> varchar(80)
    ],
)
def test_keys_between_compatible_types_are_accepted(platform, shop, child, child_col, parent, parent_col):
    schema_id, _ = shop
    r = _add_key(platform, schema_id, child, child_col, parent, parent_col)
    assert r.status_code == 201, r.text


def _store_key_without_checks(database_url: str, schema_id: str) -> None:
    """A key stored before the API checked types (the repository itself does not)."""
    engine = make_engine(database_url)
    with unit_of_work(make_session_factory(engine)) as session:
        SchemaRepository(session).add_virtual_relationship(
            uuid.UUID(schema_id), kind="foreign_key", child_schema="public", child_table="orders",
            child_columns=["ordered_at"], parent_schema="public", parent_table="customers",
            parent_columns=["id"],
        )  # fmt: skip
    engine.dispose()


def test_masking_synthetic_and_subset_requests_on_a_schema_with_a_bad_key_are_409(platform, shop):
    schema_id, version_id = shop
    _store_key_without_checks(platform.env["DATABASE_URL"], schema_id)
    op = platform.headers("operator")
    rules = {"customers.email": "mask.email_deterministic"}
    answers = [
        platform.client.post("/api/v1/rules/masking", headers=op,
                             json={"name": "bad-key", "rules": rules, "schema_version_id": version_id}),
        platform.client.post("/api/v1/synthetic/preview", headers=op,
                             json={"schema_version_id": version_id, "rows": 5}),
        platform.client.post("/api/v1/subset", headers=op,
                             json={"schema_version_id": version_id, "root_table": "customers", "sampling_pct": 10}),
    ]  # fmt: skip
    for r in answers:
        assert r.status_code == 409, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "orders.ordered_at" in r.json()["detail"] and "customers.id" in r.json()["detail"]
