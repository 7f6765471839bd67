"""The FastAPI application factory: routers under /api/v1, problem-details errors, the portal at /."""

from __future__ import annotations

from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import BaseRoute

from tdm_api.errors import install_error_handlers
from tdm_api.middleware import BodySizeLimit
from tdm_api.routers import (
    connections,
    datasets,
    environments,
    health,
    jobs,
    lineage,
    masking,
    me,
    pii_detection,
    provisioning,
    rules,
    schema_discovery,
    subsetting,
    synthetic,
    workflows,
)
from tdm_api.runtime import ApiRuntime
from tdm_api.settings import ApiSettings

API_PREFIX = "/api/v1"
ROUTERS = (
    health,
    me,
    connections,
    environments,
    schema_discovery,
    pii_detection,
    jobs,
    masking,
    rules,
    subsetting,
    synthetic,
    workflows,
    provisioning,
    datasets,
    lineage,
)
TAGS = [
    {"name": "health", "description": "Liveness and readiness"},
    {"name": "auth", "description": "API keys: send `X-API-Key`; roles admin, operator, viewer"},
    {"name": "connections", "description": "Source databases"},
    {"name": "environments", "description": "Target environments"},
    {"name": "schemas", "description": "Schema discovery, versions, drift, user-defined keys"},
    {"name": "pii", "description": "PII classification jobs, PII maps, reviews, suggested masking rules"},
    {"name": "jobs", "description": "Jobs, logs, cancellation, live events"},
    {"name": "workflows", "description": "Workflow templates, composite runs, approval, webhooks"},
    {"name": "masking", "description": "Mask jobs, masking preview, detokenization (admin)"},
    {"name": "rules", "description": "Versioned masking rule sets and the masking rule catalogue"},
    {"name": "subset", "description": "Referentially intact subsets of a source database, and their dry run"},
    {
        "name": "synthetic",
        "description": "Synthetic data jobs from DB metadata, API specs, UIs, test cases "
        "and domain packs; preview; domain packs",
    },
    {"name": "provisioning", "description": "Load a dataset version into a target environment, atomically"},
    {"name": "datasets", "description": "Dataset catalog: versions, manifests, downloads, deletion"},
    {"name": "lineage", "description": "Provenance graph of dataset versions, down to columns"},
]


APP_METADATA: dict[str, Any] = {
    "title": "TDM — Test Data Management API",
    "version": "1.0.0",
    "description": "Discover, classify, subset, mask, synthesize and provision PostgreSQL test data. "
    "Every endpoint except /health and /ready needs an `X-API-Key` header.",
    "openapi_url": f"{API_PREFIX}/openapi.json",
    "docs_url": f"{API_PREFIX}/docs",
    "redoc_url": None,
    "openapi_tags": TAGS,
}


@cache
def api_routes() -> tuple[BaseRoute, ...]:
    """The API's routes, included once per process and shared by every app built here.

    FastAPI resolves an included router's routes (their parameters, bodies and response models) on
    an app's first request, per app; an app factory that includes the routers itself pays that again
    for each app (about a second of CPU), which a process that builds many apps (tests) multiplies.
    """
    api = APIRouter()
    for module in ROUTERS:
        api.include_router(module.router, prefix=API_PREFIX)
    return tuple(api.routes)


@cache
def api_openapi_document() -> dict[str, Any]:
    """The OpenAPI document, built once per process (about a second of CPU): every app built here
    documents the same routes (the portal's and the docs' are left out of the schema)."""
    return FastAPI(**APP_METADATA, routes=list(api_routes())).openapi()


def default_ui_dist() -> Path | None:
    candidate = Path(__file__).resolve().parents[2] / "tdm-ui" / "dist"
    return candidate if (candidate / "index.html").exists() else None


def create_app(runtime: ApiRuntime | None = None, settings: ApiSettings | None = None) -> FastAPI:
    """Build the app. Without a runtime, one is built from the environment at startup."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if getattr(app.state, "runtime", None) is None:
            app.state.runtime = _runtime_from_environment()
        try:
            yield
        finally:
            await app.state.runtime.aclose()

    api_settings = settings or (runtime.settings if runtime else None)
    app = FastAPI(**APP_METADATA, lifespan=lifespan, routes=list(api_routes()))
    app.openapi = api_openapi_document  # type: ignore[method-assign]
    app.state.runtime = runtime
    install_error_handlers(app)
    max_body = api_settings.max_body_bytes if api_settings else 10 * 1024 * 1024
    max_upload = api_settings.max_upload_bytes if api_settings else 25 * 1024 * 1024
    app.add_middleware(BodySizeLimit, max_bytes=max_body, upload_max_bytes=max_upload)
    if api_settings and api_settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=api_settings.cors_origins, allow_methods=["*"], allow_headers=["*"]
        )
    ui_dist = (api_settings.ui_dist_dir if api_settings else None) or default_ui_dist()
    if ui_dist is not None:
        mount_portal(app, Path(ui_dist))
    return app


def mount_portal(app: FastAPI, dist: Path) -> None:
    """Serve the built portal at / with an SPA fallback (unknown paths get index.html)."""
    index = dist / "index.html"

    def _no_such_endpoint() -> JSONResponse:
        return JSONResponse(
            {
                "type": "https://tdm.dev/problems/not-found",
                "title": "Not found",
                "status": 404,
                "detail": "No such endpoint.",
            },
            status_code=404,
            media_type="application/problem+json",
        )

    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    @app.api_route("/api/{path:path}", methods=["POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown_api(path: str):
        # Without this, the portal's GET catch-all would turn unknown API calls into 405s.
        return _no_such_endpoint()

    @app.get("/{path:path}", include_in_schema=False)
    def portal(path: str):
        if path.startswith("api/"):
            return _no_such_endpoint()
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and dist.resolve() in candidate.parents:
            return FileResponse(candidate)
        return FileResponse(index)


def _runtime_from_environment() -> ApiRuntime:
    from tdm_api.settings import get_settings as api_settings
    from tdm_cache.settings import get_settings as cache_settings
    from tdm_dataset_store import get_settings as dataset_settings
    from tdm_metadata_store.settings import get_settings as meta_settings

    return ApiRuntime.from_settings(api_settings(), meta_settings(), cache_settings(), dataset_settings())


def app_from_environment() -> FastAPI:
    """`uvicorn tdm_api.main:app_from_environment --factory` (what `tdm api` runs)."""
    from tdm_api.settings import get_settings

    return create_app(settings=get_settings())
