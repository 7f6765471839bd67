"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from tdm_api.dependencies import RuntimeDep

router = APIRouter(tags=["health"])


@router.get("/health", operation_id="health", summary="Liveness: the API process answers")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/ready",
    operation_id="ready",
    summary="Readiness: PostgreSQL, Redis and the dataset store answer",
    responses={503: {"description": "A dependency is down"}},
)
def ready(runtime: RuntimeDep) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        with runtime.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["postgres"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        checks["postgres"] = f"down ({type(exc).__name__})"
    try:
        runtime.redis.ping()
        checks["redis"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["redis"] = f"down ({type(exc).__name__})"
    try:
        runtime.dataset_store.ping()
        checks["dataset_store"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["dataset_store"] = f"down ({type(exc).__name__})"
    ok = all(v == "ok" for v in checks.values())
    return JSONResponse(
        {"status": "ready" if ok else "not ready", "checks": checks}, status_code=200 if ok else 503
    )
