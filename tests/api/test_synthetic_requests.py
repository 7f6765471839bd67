"""Synthetic endpoints without a worker: the catalogue, the preview, and every 4xx before a job starts."""

from __future__ import annotations

import json
import sys
import uuid

import pytest

from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.jobs import JobRepository

SPEC_YAML = """
openapi: 3.0.3
info: {title: Shop, version: "1"}
paths: {}
components:
  schemas:
    Customer:
      type: object
      required: [id]
      properties:
        id: {type: integer}
        email: {type: string, format: email}
    Invoice:
      type: object
      properties:
        id: {type: integer}
        customerId: {type: integer}
"""
FEATURE = """Feature: sign up
  Scenario Outline: register
    When I fill "email" with "<email>"
    Examples:
      | email         |
      | ann@example.org |
"""


@pytest.fixture(scope="module")
def platform(module_platform):
    """One platform for the module: no worker runs, and tests that must queue nothing compare the
    job count with the one before their request."""
    return module_platform


def _post(platform, path: str, body: dict, role: str = "operator"):
    return platform.client.post(f"/api/v1{path}", headers=platform.headers(role), json=body)


def _problem(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    if field is not None:
        assert body.get("field") == field, body
    return body


def _job_count(platform) -> int:
    return platform.client.get("/api/v1/jobs", headers=platform.headers("viewer")).json()["total"]


def test_domain_packs_are_listed_with_entities_and_scenarios(platform):
    r = platform.client.get("/api/v1/synthetic/domain-packs", headers=platform.headers("viewer"))
    assert r.status_code == 200, r.text
    packs = {p["name"]: p for p in r.json()}
    assert {"ecommerce", "banking", "telecom", "healthcare", "insurance"} <= set(packs)
    assert "customer" in packs["ecommerce"]["entities"]
    assert {"default", "edge_cases"} <= set(packs["ecommerce"]["scenarios"])


def test_preview_returns_twenty_rows_per_table_and_stores_nothing(platform):
    before = _job_count(platform)
    r = _post(platform, "/synthetic/preview", {"domain_pack": "ecommerce", "seed": 3})
    assert r.status_code == 200, r.text
    tables = r.json()["tables"]
    assert {"customer", "order", "order_item"} <= set(tables)
    for table in tables.values():
        assert len(table["rows"]) == 20
        assert set(table["rows"][0]) == set(table["columns"])
    again = _post(platform, "/synthetic/preview", {"domain_pack": "ecommerce", "seed": 3}).json()["tables"]
    assert again == tables
    assert _job_count(platform) == before


def test_preview_of_an_inline_spec_and_test_case_files(platform):
    body = {
        "api_spec": SPEC_YAML,
        "test_case_files": [{"name": "signup.feature", "content": FEATURE}],
        "rows": 5,
    }
    r = _post(platform, "/synthetic/preview", body)
    assert r.status_code == 200, r.text
    tables = r.json()["tables"]
    assert {"customer", "invoice"} <= set(tables)
    assert all(len(t["rows"]) == 5 for t in tables.values())


def test_preview_refuses_url_sources(platform):
    _problem(_post(platform, "/synthetic/preview", {"ui_urls": ["http://127.0.0.1:9/form"]}), 422, "ui_urls")


def test_a_valid_request_queues_a_job_with_the_request(platform):
    r = _post(
        platform,
        "/synthetic",
        {"domain_pack": "insurance", "scenario_template": "edge_cases", "row_counts": {}, "seed": 1},
    )
    assert r.status_code == 202, r.text
    assert r.json()["operation"] == "TDM_SYNTHETIC_RUN"
    job = platform.client.get(f"/api/v1/job/{r.json()['job_id']}", headers=platform.headers("viewer")).json()
    assert (
        job["request"]["domain_pack"] == "insurance" and job["request"]["scenario_template"] == "edge_cases"
    )


def test_row_counts_may_name_entities_as_the_spec_spells_them(platform):
    body = {"api_spec": SPEC_YAML, "row_counts": {"Customer": 50, "Invoice": 70}}
    r = _post(platform, "/synthetic", body)
    assert r.status_code == 202, r.text
    job = platform.client.get(f"/api/v1/job/{r.json()['job_id']}", headers=platform.headers("viewer")).json()
    assert job["request"]["row_counts"] == {"customer": 50, "invoice": 70}


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({}, "domain_pack", "at least one source"),
        ({"domain_pack": "groceries"}, "domain_pack", "unknown domain pack"),
        ({"domain_pack": "ecommerce", "engine": "gan"}, "engine", "rules"),
        ({"domain_pack": "ecommerce", "scenario_template": "apocalypse"}, "scenario_template", "no scenario"),
        ({"domain_pack": "ecommerce", "row_counts": {"customer": 0}}, "row_counts", "positive"),
        ({"domain_pack": "ecommerce", "row_counts": {"customer": -5}}, "row_counts", "positive"),
        ({"domain_pack": "ecommerce", "row_counts": {"martian": 5}}, "row_counts", "unknown entities"),
        ({"domain_pack": "ecommerce", "row_counts": {"customer": 10**12}}, "row_counts", "limit"),
        ({"domain_pack": "ecommerce", "locale": "xx_YY"}, "locale", "locale"),
        ({"api_spec": "openapi: [unclosed"}, "api_spec", "neither valid JSON nor YAML"),
        ({"api_spec": {"info": {}}}, "api_spec", "not OpenAPI"),
        ({"ui_urls": ["ftp://example.org/form"]}, "ui_urls", "http"),
        ({"api_spec_url": "file:///etc/passwd"}, "api_spec_url", "http"),
        ({"domain_pack": "ecommerce", "engine": "sdv"}, "training_dataset_version_id", "training"),
    ],
)
def test_bad_requests_are_refused_before_any_job(platform, body, field, words):
    before = _job_count(platform)
    problem = _problem(_post(platform, "/synthetic", body), 422, field)
    assert words.lower() in problem["detail"].lower(), problem
    assert _job_count(platform) == before


def test_a_huge_inline_spec_is_refused_with_the_parsers_message(platform, monkeypatch):
    monkeypatch.setenv("TDM_SPEC_MAX_BYTES", "1000")
    spec = json.dumps({"openapi": "3.0.0", "info": {"title": "x" * 2000}, "paths": {}})
    problem = _problem(_post(platform, "/synthetic", {"api_spec": spec}), 422, "api_spec")
    assert "limit is 1000" in problem["detail"]


def test_row_counts_over_the_configured_cap_are_refused(platform, monkeypatch):
    monkeypatch.setenv("TDM_SYNTHETIC_MAX_ROWS", "1000")
    problem = _problem(
        _post(platform, "/synthetic", {"domain_pack": "ecommerce", "row_counts": {"customer": 500}}),
        422,
        "row_counts",
    )
    assert "1000" in problem["detail"]


def test_sdv_without_sdv_installed_says_how_to_install_it(platform, monkeypatch):
    monkeypatch.setitem(sys.modules, "sdv", None)  # `import sdv` now fails, as on an install without it
    body = {"domain_pack": "ecommerce", "engine": "sdv", "training_dataset_version_id": str(uuid.uuid4())}
    problem = _problem(_post(platform, "/synthetic", body), 422, "engine")
    assert "pip install tdm[sdv]" in problem["detail"]


def test_unknown_schema_version_and_training_dataset_are_404(platform):
    _problem(
        _post(platform, "/synthetic", {"schema_version_id": str(uuid.uuid4())}), 404, "schema_version_id"
    )
    body = {"domain_pack": "ecommerce", "training_dataset_version_id": str(uuid.uuid4())}
    _problem(_post(platform, "/synthetic", body), 404, "training_dataset_version_id")


def test_an_incomplete_training_dataset_is_409(platform):
    engine = make_engine(platform.env["DATABASE_URL"])
    version_id = uuid.uuid4()
    with unit_of_work(make_session_factory(engine)) as session:
        job = JobRepository(session).create("TDM_SUBSET_ONLY", {}, user_id="test")
        repo = DatasetRepository(session)
        repo.create(version_id, source_type="subset", path_prefix=f"datasets/{version_id}/", job_id=job.id)
        repo.set_status(version_id, "writing")
    engine.dispose()
    body = {"domain_pack": "ecommerce", "engine": "rules", "training_dataset_version_id": str(version_id)}
    problem = _problem(_post(platform, "/synthetic", body), 409, "training_dataset_version_id")
    assert "not complete" in problem["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ui_urls": ["http://127.0.0.1:8080/signup"]}, "ui_urls"),
        ({"ui_urls": ["http://localhost/signup"]}, "ui_urls"),
        ({"api_spec_url": "http://169.254.169.254/latest/meta-data"}, "api_spec_url"),
        ({"api_spec_url": "http://10.1.2.3/openapi.json"}, "api_spec_url"),
        ({"api_spec_url": "http://[::1]:8000/openapi.json"}, "api_spec_url"),
    ],
)
def test_private_addresses_are_refused_unless_the_operator_allows_them(platform, monkeypatch, body, field):
    monkeypatch.delenv("TDM_CRAWL_ALLOW_PRIVATE", raising=False)
    problem = _problem(_post(platform, "/synthetic", body), 422, field)
    assert "TDM_CRAWL_ALLOW_PRIVATE" in problem["detail"]
    monkeypatch.setenv("TDM_CRAWL_ALLOWED_HOSTS", "127.0.0.1,localhost,169.254.169.254,10.1.2.3,::1")
    assert _post(platform, "/synthetic", body).status_code == 202


def test_multipart_upload_carries_the_spec_and_test_case_files_into_the_job(platform):
    files = [
        ("api_spec", ("shop.yaml", SPEC_YAML.encode(), "application/yaml")),
        ("test_case_files", ("signup.feature", FEATURE.encode(), "text/plain")),
        ("test_case_files", ("login.spec.ts", b"await page.fill('#username', 'ann')", "text/plain")),
    ]
    r = platform.client.post(
        "/api/v1/synthetic/upload",
        headers=platform.headers("operator"),
        data={"request": json.dumps({"row_counts": {"customer": 10}, "seed": 2})},
        files=files,
    )
    assert r.status_code == 202, r.text
    assert r.json()["operation"] == "API_BASED_SYNTHETIC_GENERATION"
    job = platform.client.get(f"/api/v1/job/{r.json()['job_id']}", headers=platform.headers("viewer")).json()
    assert job["request"]["api_spec"] == SPEC_YAML
    assert set(job["request"]["test_case_files"]) == {"signup.feature", "login.spec.ts"}


def test_multipart_upload_refuses_a_bad_request_part_and_a_binary_spec(platform):
    headers = platform.headers("operator")
    bad = platform.client.post("/api/v1/synthetic/upload", headers=headers, data={"request": "{not json"})
    _problem(bad, 422, "request")
    binary = platform.client.post(
        "/api/v1/synthetic/upload",
        headers=headers,
        data={"request": "{}"},
        files=[("api_spec", ("spec.bin", b"\xff\xfe\x00", "application/octet-stream"))],
    )
    _problem(binary, 422, "api_spec")


def test_viewers_cannot_start_jobs_or_previews(platform):
    _problem(_post(platform, "/synthetic", {"domain_pack": "ecommerce"}, role="viewer"), 403)
    _problem(_post(platform, "/synthetic/preview", {"domain_pack": "ecommerce"}, role="viewer"), 403)
