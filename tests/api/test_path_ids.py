"""Ids in paths are UUIDs: a malformed one is a 422 naming the parameter, an unknown one a 404."""

from __future__ import annotations

import uuid

import pytest

ROUTES = [
    ("GET", "/api/v1/job/{id}", "job_id"),
    ("POST", "/api/v1/job/{id}/cancel", "job_id"),
    ("GET", "/api/v1/job/{id}/events", "job_id"),
    ("GET", "/api/v1/workflow/status/{id}", "job_id"),
    ("GET", "/api/v1/connections/{id}", "connection_id"),
    ("DELETE", "/api/v1/connections/{id}", "connection_id"),
    ("GET", "/api/v1/schema/{id}", "schema_id"),
    ("GET", "/api/v1/schema/{id}/versions", "schema_id"),
    ("GET", "/api/v1/pii/{id}", "schema_version_id"),
    ("GET", "/api/v1/rules/masking/{id}", "rule_set_id"),
    ("GET", "/api/v1/dataset/{id}", "dataset_id"),
    ("DELETE", "/api/v1/dataset/{id}", "dataset_id"),
    ("GET", "/api/v1/lineage/dataset/{id}", "dataset_id"),
    ("DELETE", "/api/v1/webhooks/{id}", "webhook_id"),
]


@pytest.mark.parametrize(("method", "path", "name"), ROUTES)
def test_a_malformed_id_is_a_422_naming_the_parameter(platform, method, path, name):
    r = platform.client.request(method, path.format(id="not-a-uuid"), headers=platform.headers())
    assert r.status_code == 422, r.text
    body = r.json()
    assert r.headers["content-type"].startswith("application/problem+json")
    assert (body["field"], body["detail"]) == (name, f"{name}: must be a UUID")


@pytest.mark.parametrize(("method", "path", "name"), ROUTES)
def test_an_unknown_id_is_a_404(platform, method, path, name):
    r = platform.client.request(method, path.format(id=uuid.uuid4()), headers=platform.headers())
    assert r.status_code == 404, r.text


def test_an_environment_is_addressed_by_name_or_id(platform):
    created = platform.client.post("/api/v1/environments", headers=platform.headers(), json={"name": "QA"})
    assert created.status_code == 201, created.text
    by_id = platform.client.get(f"/api/v1/environments/{created.json()['id']}", headers=platform.headers())
    by_name = platform.client.get("/api/v1/environments/QA", headers=platform.headers())
    assert by_id.json() == by_name.json() == created.json()
    unknown = platform.client.get("/api/v1/environments/not-a-uuid", headers=platform.headers())
    assert unknown.status_code == 404
