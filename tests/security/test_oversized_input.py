"""Oversized bodies and uploads (413), deeply nested JSON and absurd sizes (4xx): the server stays up.

The app is built with small body limits so the test data stays small; the platform's environment
(metadata database, Redis, dataset directory) is the `platform` fixture's.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tdm_api.main import create_app
from tdm_api.settings import ApiSettings
from tests.security.hostile_support import refused_or_accepted

pytestmark = pytest.mark.integration
API = "/api/v1"
MAX_BODY = 64 * 1024
MAX_UPLOAD = 128 * 1024


@pytest.fixture
def small_limits(platform) -> Iterator[tuple[TestClient, dict[str, str]]]:
    settings = ApiSettings(max_body_bytes=MAX_BODY, max_upload_bytes=MAX_UPLOAD, ui_dist_dir=None)
    with TestClient(create_app(settings=settings), raise_server_exceptions=False) as client:
        yield client, platform.headers("operator")


def assert_up(client: TestClient) -> None:
    assert client.get(f"{API}/health").status_code == 200


def test_bodies_over_the_limit_get_413(small_limits):
    client, headers = small_limits
    big = b'{"schema_version_id": "' + b"a" * (MAX_BODY + 10) + b'"}'
    json_headers = {**headers, "Content-Type": "application/json"}
    response = client.post(f"{API}/subset", headers=json_headers, content=big)
    assert response.status_code == 413, response.status_code
    assert_up(client)

    def chunked() -> Iterator[bytes]:  # no Content-Length: the limit holds while streaming
        yield b'{"rows": ['
        for _ in range(MAX_BODY // 1000 + 5):
            yield b'{"a": "' + b"x" * 1000 + b'"},'
        yield b"{}]}"

    response = client.post(f"{API}/mask/preview", headers=json_headers, content=chunked())
    assert response.status_code == 413, response.status_code
    assert_up(client)
    # A Content-Length that lies low does not let a larger body through either.
    response = client.post(f"{API}/subset", headers={**json_headers, "Content-Length": "10"}, content=big)
    assert 400 <= response.status_code < 500
    assert_up(client)


def test_uploads_over_the_limit_get_413(small_limits):
    client, headers = small_limits
    spec = b"openapi: 3.0.0\n" + b"#" * (MAX_UPLOAD + 10)
    response = client.post(f"{API}/synthetic/upload", headers=headers, data={"request": "{}"},
                           files={"api_spec": ("spec.yaml", spec, "application/yaml")})  # fmt: skip
    assert response.status_code == 413, response.status_code
    assert_up(client)


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_is_refused(small_limits, depth):
    client, headers = small_limits
    json_headers = {**headers, "Content-Type": "application/json"}
    # Nested inside a field that takes any JSON, and as the whole body; over the limit it is a 413.
    nested = b"[" * depth + b"]" * depth
    bodies = [b'{"table": "t", "schema_version_id": null, "rows": [{"a": ' + nested + b"}]}", nested]
    for body in bodies:
        response = client.post(f"{API}/mask/preview", headers=json_headers, content=body)
        assert response.status_code in (400, 413, 422), response.status_code
        assert_up(client)


HUGE = [
    ("POST", "/synthetic", {"domain_pack": "ecommerce", "row_counts": {"customers": 10**15}}),
    ("POST", "/synthetic", {"domain_pack": "ecommerce", "row_counts": {"customers": -1}}),
    ("POST", "/synthetic/preview", {"domain_pack": "ecommerce", "rows": 10**9}),
    ("POST", "/discover-schema", {"connection_string": "postgresql://u:p@db.invalid/x", "sample_size": 10**12}),
    ("POST", "/pii/classify", {"schema_version_id": "00000000-0000-0000-0000-000000000000",
                               "sample_size_per_column": 10**12}),
    ("POST", "/subset", {"schema_version_id": "x", "root_table": "t", "sampling_pct": 1e300}),
    ("POST", "/subset", {"schema_version_id": "x", "root_table": "t", "max_rows_per_table": 10**30}),
    ("POST", "/mask/preview", {"schema_version_id": "00000000-0000-0000-0000-000000000000", "table": "t",
                               "limit": 10**9}),
    ("GET", "/jobs?limit=1000000000", None),
    ("GET", "/jobs?offset=99999999999999999999999", None),
    ("GET", "/job/00000000-0000-0000-0000-000000000000?logs_limit=100000000", None),
    ("GET", "/datasets?limit=100000000", None),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "body"), HUGE)
def test_absurd_sizes_are_422(small_limits, method, path, body):
    client, headers = small_limits
    response = client.request(method, API + path, headers=headers, json=body)
    assert refused_or_accepted(response) == 422, (path, response.status_code, response.text[:300])
    assert_up(client)
