"""Validation of subset requests against a described source, and the dry-run planner's output."""

from __future__ import annotations

import psycopg
import pytest

from tdm_agents.subsetting import SubsetRequest, SubsetValidationError, plan_subset, validate_request
from tests.fixtures.postgres import create_database, drop_database
from tests.integration.agents.subsetting.subset_source_db import create_source, describe

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def source(pg_server_url):
    url = create_database(pg_server_url, prefix="tdm_subset_plan")
    create_source(url)
    yield url, describe(url)
    drop_database(pg_server_url, url)


def problems(source, **request) -> dict[str, str]:
    url, snapshot = source
    request.setdefault("root_table", "customers")
    with pytest.raises(SubsetValidationError) as info:
        validate_request(SubsetRequest(schema_version_id="sv", connection_string=url, **request), snapshot)
    return {p["field"]: p["message"] for p in info.value.problems}


@pytest.mark.parametrize(
    ("request_fields", "field", "words"),
    [
        ({"root_table": "nope"}, "root_table", "unknown table"),
        ({"filters": {"nope": {"id": 1}}}, "filters.nope", "unknown table"),
        ({"filters": {"customers": {"nope": 1}}}, "filters.customers[0].column", "unknown column"),
        (
            {"filters": {"customers": [{"column": "id", "op": "like", "value": "1%"}]}},
            "filters.customers[0].op",
            "text",
        ),
        ({"sampling_pct": 150}, "sampling_pct", "between 0 and 100"),
        ({"sampling_pct": -1}, "sampling_pct", "between 0 and 100"),
        ({"filters": {"customers": {"id": "abc"}}}, "filters.customers[0].value", "integer"),
        ({"filters": {"customers": {"signup": "yesterday"}}}, "filters.customers[0].value", "date"),
        ({"filters": {"customers": {"tier": "platinum"}}}, "filters.customers[0].value", "enum"),
        (
            {"filters": {"customers": [{"column": "id", "op": "in", "value": []}]}},
            "filters.customers[0].value",
            "non-empty",
        ),
        (
            {"filters": {"customers": [{"column": "id", "op": "between", "value": [1]}]}},
            "filters.customers[0].value",
            "[low, high]",
        ),
        ({"root_table": "orders", "filters": {"region": {"name": "Asia"}}}, "filters.region", "no path"),
        (
            {"date_range": {"table": "customers", "column": "name", "start": "2024-01-01"}},
            "date_range.column",
            "date",
        ),
        ({"mode": {"region": "skip"}}, "mode.region", "skipped"),
        ({"mode": {"stores": "skip"}}, "mode.stores", "cut_nullable_fks"),
        ({"mode": {"customers": "full"}}, "mode.customers", "target"),
        (
            {"relationship_overrides": [{"child_table": "region", "follow_children": False}]},
            "relationship_overrides[0]",
            "matches no",
        ),
    ],
)
def test_bad_requests_name_the_field(source, request_fields, field, words):
    found = problems(source, **request_fields)
    assert field in found, found
    assert words in found[field]


def test_problems_are_reported_together_and_never_echo_values(source):
    found = problems(source, sampling_pct=200, filters={"customers": {"id": "secret-value-123", "nope": 1}})
    assert set(found) == {"sampling_pct", "filters.customers[0].value", "filters.customers[1].column"}
    assert not any("secret-value-123" in m for m in found.values())


def test_plan_reports_order_estimates_caps_cycles_and_missing_indexes(source):
    url, snapshot = source
    request = SubsetRequest(
        schema_version_id="sv",
        connection_string=url,
        root_table="customers",
        filters={"customers": {"region": "US"}},
        max_rows_per_table={"orders": 3},
    )
    resolved = validate_request(request, snapshot)
    with psycopg.connect(url) as conn:
        plan = plan_subset(conn, snapshot, resolved)
    assert plan.traversal_order[0] == "customers"
    by_table = {t.table: t for t in plan.tables}
    assert by_table["customers"].phase == "target"
    assert 8 <= by_table["customers"].estimated_rows <= 20
    assert by_table["orders"].phase == "downstream" and by_table["orders"].estimated_rows == 3
    assert plan.limits_bite == ["orders"]
    assert by_table["region"].phase == "upstream" and by_table["region"].estimated_rows <= 3
    assert by_table["customers"].estimated_bytes > 0
    assert {tuple(c.tables) for c in plan.cycles} == {("staff", "stores"), ("employee",)}
    fixes = {w.table: w.create_index for w in plan.missing_indexes}
    assert fixes["payments"] == 'CREATE INDEX ON "public"."payments" ("customer_id")'
    assert "orders" not in fixes and "loyalty_cards" not in fixes
