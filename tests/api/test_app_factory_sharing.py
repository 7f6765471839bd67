"""Apps built by `create_app` share the routes FastAPI has resolved and the OpenAPI document.

FastAPI resolves an included router's routes on an app's first request, per app, and builds the
OpenAPI document per app; a process that builds many apps (the tests, one per test) would pay
about a second of CPU for each.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tdm_api.main import api_openapi_document, api_routes, create_app


def test_apps_serve_the_same_resolved_routes_and_document():
    first, second = create_app(), create_app()
    for app in (first, second):
        assert set(map(id, api_routes())) <= set(map(id, app.routes))
        assert app.openapi() is api_openapi_document()


def test_the_shared_document_is_the_served_one():
    served = TestClient(create_app()).get("/api/v1/openapi.json").json()
    assert served == api_openapi_document()
    assert "/api/v1/health" in served["paths"]
    assert not any(path.startswith("/api/v1/docs") for path in served["paths"])
