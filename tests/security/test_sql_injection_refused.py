"""SQL injection in every identifier and filter the API accepts: refused (4xx) or kept as data.

Payloads go into subset filters, tables, columns and caps, discovery schemas, user-defined keys,
masking rules and previews, PII reviews, provisioning target schemas, environment settings, dataset
table names and job filters. Requests a server accepts (202) run to the end on a real worker. The
source and target databases must be exactly as before (relations, row counts, schemas, roles).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.api.masking_dataset_support import save_schema_version, store_dir, write_dataset_version
from tests.security.hostile_support import (
    CANARY,
    SQL_INJECTIONS,
    db_fingerprint,
    refused_or_accepted,
    register_connection,
)

pytestmark = pytest.mark.integration
API = "/api/v1"


def subset_bodies(base: dict, payload: str) -> list[dict]:
    """Subset requests with `payload` in each identifier position."""
    cond = [{"column": "loyalty_points", "op": "<", "value": 5}]
    return [
        {**base, "root_table": payload},
        {**base, "root_table": [payload, "orders"]},
        {**base, "filters": {payload: cond}},
        {**base, "filters": {"customers": [{"column": payload, "op": "=", "value": 1}]}},
        {**base, "max_rows_per_table": {payload: 5}},
        {**base, "mode": {payload: "full"}},
        {**base, "date_range": {"table": "orders", "column": payload, "start": "2020-01-01"}},
        {**base, "date_range": {"table": payload, "column": "ordered_at", "start": "2020-01-01"}},
        {**base, "relationship_overrides": [{"child_table": payload, "parent_table": "customers",
                                             "follow_children": True}]},
    ]  # fmt: skip


def identifier_requests(ids: dict[str, str], payload: str) -> list[tuple[str, str, object]]:
    """(method, path, body) of every other request with `payload` as a table, column, schema or filter."""
    rules = {f"customers.{payload}": "mask.redact", f"{payload}.email": "mask.redact"}
    quoted = quote(payload, safe="")
    return [
        ("POST", "/schema/{schema_id}/relationships".format(**ids),
         {"child_table": payload, "child_columns": ["id"], "parent_table": "customers", "parent_columns": ["id"]}),
        ("POST", "/schema/{schema_id}/relationships".format(**ids),
         {"child_table": "orders", "child_columns": [payload], "parent_table": "customers",
          "parent_columns": ["id"]}),
        ("PUT", "/pii/{version_id}".format(**ids), [{"table": payload, "column": "email", "decision": "confirm"}]),
        ("PUT", "/pii/{version_id}".format(**ids), [{"table": "customers", "column": payload, "decision": "reject"}]),
        ("POST", "/rules/masking", {"name": "sqli", "schema_version_id": ids["version_id"], "rules": rules}),
        ("POST", "/mask", {"dataset_version_id": ids["dataset_id"], "rules": rules}),
        ("POST", "/mask/preview", {"schema_version_id": ids["version_id"], "table": payload,
                                   "rules": {"customers.email": "mask.redact"}}),
        ("POST", "/mask/preview", {"dataset_version_id": ids["dataset_id"], "table": "customers", "rules": rules}),
        ("POST", "/provision", {"dataset_version_id": ids["dataset_id"], "target_env": "qa-sqli",
                                "target_schema": payload}),
        ("POST", "/provision", {"dataset_version_id": ids["dataset_id"], "target_env": payload}),
        ("POST", "/environments", {"name": "sqli-env", "config": {"target_schema": payload}}),
        ("POST", "/discover-schema", {"connection_id": ids["connection_id"], "schemas": ["public", payload]}),
        ("GET", f"/dataset/{ids['dataset_id']}/download?table={quoted}", None),
        ("GET", f"/jobs?status={quoted}", None),
        ("GET", f"/jobs?operation={quoted}", None),
        ("GET", f"/datasets?source_type={quoted}", None),
        ("GET", f"/datasets?status={quoted}", None),
    ]  # fmt: skip


# Filters on names the API matches as plain values: an answer is fine, as long as it finds nothing.
VALUE_FILTERS = ("/rules/masking?name={}",)


@pytest.fixture
def targets(platform, source_db_url, fresh_db_url) -> dict[str, str]:
    """A source with a schema version and a dataset, and a target environment, all registered."""
    schema_id, version_id = save_schema_version(platform.env["DATABASE_URL"], source_db_url)
    dataset_id = write_dataset_version(
        platform.env["DATABASE_URL"], store_dir(platform.env), source_db_url, version_id
    )
    r = platform.client.post(f"{API}/environments", headers=platform.headers(),
                             json={"name": "qa-sqli", "connection_string": fresh_db_url})  # fmt: skip
    assert r.status_code == 201, r.status_code
    return {"schema_id": schema_id, "version_id": version_id, "dataset_id": dataset_id,
            "connection_id": register_connection(platform, source_db_url)}  # fmt: skip


def test_injected_identifiers_are_refused(platform, source_db_url, fresh_db_url, targets):
    before = (db_fingerprint(source_db_url), db_fingerprint(fresh_db_url))
    base = {"schema_version_id": targets["version_id"], "connection_id": targets["connection_id"],
            "root_table": "customers"}  # fmt: skip
    operator = platform.headers("admin")
    for payload in SQL_INJECTIONS:
        for body in subset_bodies(base, payload):
            for path in ("/subset/plan", "/subset"):
                refused_or_accepted(platform.client.post(API + path, headers=operator, json=body))
        for method, path, body in identifier_requests(targets, payload):
            refused_or_accepted(platform.client.request(method, API + path, headers=operator, json=body))
        for path in VALUE_FILTERS:
            found = platform.client.get(API + path.format(quote(payload, safe="")), headers=operator)
            if refused_or_accepted(found, accepted=(200,)) == 200:
                assert found.json() in ([],) or found.json().get("items") == [], path
    assert platform.client.get(f"{API}/health").status_code == 200
    assert (db_fingerprint(source_db_url), db_fingerprint(fresh_db_url)) == before


def test_injected_values_are_data(platform, start_worker, source_db_url, targets):
    """Filter values reach the source only as bound parameters, in the plan and in the job."""
    before = db_fingerprint(source_db_url)
    operator = platform.headers("operator")
    filters = [{"column": "first_name", "op": "in", "value": SQL_INJECTIONS[:-1]}]
    subset = {"schema_version_id": targets["version_id"], "connection_id": targets["connection_id"],
              "root_table": "customers", "filters": {"customers": filters}}  # fmt: skip
    plan = platform.client.post(f"{API}/subset/plan", headers=operator, json=subset)
    assert plan.status_code == 200, plan.text
    start_worker(concurrency=1)
    accepted = platform.client.post(f"{API}/subset", headers=operator, json=subset)
    assert refused_or_accepted(accepted, accepted=(202,)) == 202
    subset_job = platform.wait_for_job(accepted.json()["job_id"], timeout_s=180)
    assert subset_job["status"] == "succeeded", subset_job["error"]
    # No first name equals a payload: the subset is empty, not the whole table.
    assert subset_job["result"]["step_results"]["subsetting"]["row_counts"]["customers"] == 0
    after = db_fingerprint(source_db_url)
    assert after == before
    assert CANARY not in str(after)
