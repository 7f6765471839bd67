"""POST /subset and POST /subset/plan: checked against the schema version before any job starts.

No worker runs here: a 202 proves only that the job was queued with the right request, which the
tests read back; the job path itself is tests/integration/pipeline/test_subset_job_path.py.
"""

from __future__ import annotations

import uuid

import pytest

from tdm_agents.schema_discovery.discover import discover
from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.schemas import SchemaRepository

SUBSET, PLAN = "/api/v1/subset", "/api/v1/subset/plan"


@pytest.fixture
def shop(platform, source_db_url) -> dict[str, str]:
    """A registered source connection and a schema version of it (discovered in-process)."""
    r = platform.client.post(
        "/api/v1/connections",
        headers=platform.headers(),
        json={"name": "shop", "connection_string": source_db_url},
    )
    assert r.status_code == 201, r.text
    connection_id = r.json()["id"]
    snapshot = discover(source_db_url, schemas=("public", "sales"), sample_size=200)
    engine = make_engine(platform.env["DATABASE_URL"], pool_size=1)
    with unit_of_work(make_session_factory(engine)) as session:
        repo = SchemaRepository(session)
        schema = repo.get_or_create_schema("shop", uuid.UUID(connection_id))
        version_id = str(repo.save_version(schema.id, snapshot).id)
    engine.dispose()
    return {"connection_id": connection_id, "schema_version_id": version_id, "url": source_db_url}


def _body(shop: dict[str, str], **overrides) -> dict:
    body = {
        "schema_version_id": shop["schema_version_id"],
        "connection_id": shop["connection_id"],
        "root_table": "customers",
        "filters": {"customers": [{"column": "loyalty_points", "op": "<", "value": 5}]},
        "sampling_pct": 50,
        "seed": 7,
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


def test_unknown_schema_version_is_404(platform, shop):
    r = platform.client.post(
        SUBSET, headers=platform.headers("operator"), json=_body(shop, schema_version_id=str(uuid.uuid4()))
    )
    assert _problem(r, 404)["field"] == "schema_version_id"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"root_table": "no_such_table"}, "root_table"),
        (
            {"filters": {"customers": [{"column": "no_such_column", "op": "=", "value": 1}]}},
            "filters.customers[0].column",
        ),
        (
            {"filters": {"customers": [{"column": "loyalty_points", "op": "like", "value": "1%"}]}},
            "filters.customers[0].op",
        ),
        (
            {"filters": {"customers": [{"column": "loyalty_points", "op": "=", "value": "lots"}]}},
            "filters.customers[0].value",
        ),
        ({"sampling_pct": 150}, "sampling_pct"),
        ({"root_table": "orders", "filters": {"customers": {"first_name": "Ann"}}}, "filters.customers"),
        ({"mode": {"orders": "copy"}}, "mode.orders"),
    ],
)
def test_bad_requests_are_422_naming_the_field(platform, shop, overrides, field):
    r = platform.client.post(SUBSET, headers=platform.headers("operator"), json=_body(shop, **overrides))
    problem = _problem(r, 422)
    fields = {problem.get("field")} | {e["field"] for e in problem.get("errors") or []}
    assert field in fields, problem
    jobs = platform.client.get("/api/v1/jobs", headers=platform.headers("viewer")).json()
    assert jobs["total"] == 0, "no job may start for a bad request"


def test_problems_never_repeat_the_filter_value(platform, shop):
    secret = "4111-1111-1111-1111"
    r = platform.client.post(
        SUBSET,
        headers=platform.headers("operator"),
        json=_body(shop, filters={"customers": [{"column": "loyalty_points", "op": "=", "value": secret}]}),
    )
    assert secret not in _problem(r, 422)["detail"] and secret not in r.text


def test_viewers_can_neither_subset_nor_plan(platform, shop):
    for path in (SUBSET, PLAN):
        assert (
            platform.client.post(path, headers=platform.headers("viewer"), json=_body(shop)).status_code
            == 403
        )


def test_accepted_job_keeps_the_request_but_not_the_url(platform, shop):
    r = platform.client.post(
        SUBSET,
        headers=platform.headers("operator"),
        json=_body(shop, connection_id=None, connection_string=shop["url"]),
    )
    assert r.status_code == 202, r.text
    assert r.json()["operation"] == "TDM_SUBSET_ONLY"
    job = platform.client.get(f"/api/v1/job/{r.json()['job_id']}", headers=platform.headers("viewer")).json()
    request = job["request"]
    assert "connection_string" not in request and shop["url"] not in str(job)
    assert request["filters"]["customers"][0] == {"column": "loyalty_points", "op": "<", "value": 5}
    stored = platform.client.get(
        f"/api/v1/connections/{request['connection_id']}", headers=platform.headers()
    )
    assert stored.status_code == 200 and stored.json()["id"] != shop["connection_id"]


def test_without_a_connection_the_schema_source_is_used(platform, shop):
    r = platform.client.post(
        SUBSET, headers=platform.headers("operator"), json=_body(shop, connection_id=None)
    )
    assert r.status_code == 202, r.text
    job = platform.client.get(f"/api/v1/job/{r.json()['job_id']}", headers=platform.headers("viewer")).json()
    assert job["request"]["connection_id"] == shop["connection_id"]


def test_plan_reports_order_estimates_cycles_and_missing_indexes(platform, shop):
    body = _body(
        shop,
        root_table=["customers", "sales.store"],
        max_rows_per_table={"orders": 10},
        filters=None,
        sampling_pct=None,
    )
    r = platform.client.post(PLAN, headers=platform.headers("operator"), json=body)
    assert r.status_code == 200, r.text
    plan = r.json()
    assert plan["schema_version_id"] == shop["schema_version_id"]
    order = plan["traversal_order"]
    assert order.index("customers") < order.index("orders") < order.index("order_items")
    tables = {t["table"]: t for t in plan["tables"]}
    assert tables["customers"]["phase"] == "target" and tables["customers"]["estimated_rows"] > 0
    assert tables["products"]["phase"] == "upstream"
    assert all(t["estimated_bytes"] >= 0 for t in plan["tables"])
    assert "orders" in plan["limits_bite"] and tables["orders"]["cap"] == 10
    assert any(set(c["tables"]) == {"sales.store", "sales.staff"} for c in plan["cycles"])
    shipments = [w for w in plan["missing_indexes"] if w["table"] == "shipments"]
    assert shipments and shipments[0]["create_index"].startswith("CREATE INDEX ON")
    assert platform.client.get("/api/v1/jobs", headers=platform.headers("viewer")).json()["total"] == 0


def test_plan_of_an_unreachable_source_is_503_without_the_password(platform, shop):
    url = "postgresql://someone:hunter2secret@127.0.0.1:1/nowhere"
    r = platform.client.post(
        PLAN,
        headers=platform.headers("operator"),
        json=_body(shop, connection_id=None, connection_string=url),
    )
    problem = _problem(r, 503)
    assert "hunter2secret" not in r.text and "127.0.0.1:1/nowhere" in problem["detail"]
