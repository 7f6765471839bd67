"""One error shape everywhere: RFC 9457 problem details, never a stack trace."""

from __future__ import annotations

import logging
import traceback
import uuid
from typing import Any

import psycopg
import redis
import sqlalchemy.exc
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("tdm.api")

PROBLEM_TYPE_BASE = "https://tdm.dev/problems/"
# Seconds a client should wait before retrying a 503 caused by an outage of a backing service.
RETRY_AFTER_S = 5
_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Invalid request",
    429: "Too many requests",
    503: "Service unavailable",
}


class ApiError(Exception):
    """An error a client caused (or may retry): carries its HTTP status and a readable detail."""

    status: int = 400
    kind: str = "bad-request"

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        field: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        kind: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status
        self.field = field
        self.errors = errors
        if kind is not None:
            self.kind = kind


class NotFound(ApiError):
    status, kind = 404, "not-found"


class Conflict(ApiError):
    status, kind = 409, "conflict"


class Invalid(ApiError):
    """422 with the offending field(s)."""

    status, kind = 422, "invalid-request"


class Unavailable(ApiError):
    status, kind = 503, "unavailable"


def problem(
    status: int,
    detail: str,
    *,
    kind: str | None = None,
    field: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    instance: str | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + (kind or _TITLES.get(status, "error").lower().replace(" ", "-")),
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if field:
        body["field"] = field
    if errors:
        body["errors"] = errors
    if instance:
        body["instance"] = instance
    headers = {"WWW-Authenticate": "ApiKey"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=headers)


def _field_path(loc: tuple | list) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


# Pydantic's own wording where it is longer than what a caller needs to know.
_MESSAGES = {"uuid_parsing": "must be a UUID", "uuid_type": "must be a UUID"}


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Pydantic echoes the offending input; leave it out (it may hold secrets or PII).
    return [
        {
            "field": _field_path(e.get("loc", ())),
            "message": _MESSAGES.get(e.get("type"), e.get("msg", "invalid")),
        }
        for e in exc.errors()
    ]


def install_error_handlers(app: FastAPI) -> None:
    """Map every exception to problem details; unknown errors get an opaque reference id."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return problem(
            exc.status,
            exc.detail,
            kind=exc.kind,
            field=exc.field,
            errors=exc.errors,
            instance=request.url.path,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        field: str | None = errors[0]["field"] if errors else None
        message: str = errors[0]["message"] if errors else "invalid request"
        return problem(
            422,
            f"{field}: {message}" if field else message,
            kind="invalid-request",
            field=field,
            errors=errors,
            instance=request.url.path,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "Error")
        return problem(exc.status_code, detail, instance=request.url.path)

    @app.exception_handler(HTTPException)
    async def _fastapi_http(request: Request, exc: HTTPException) -> JSONResponse:
        return await _http(request, exc)

    @app.exception_handler(sqlalchemy.exc.DataError)
    @app.exception_handler(psycopg.DataError)
    async def _data(request: Request, exc: Exception) -> JSONResponse:
        # A value the database cannot hold (a NUL character, an out-of-range number) came from the
        # request; the driver's message quotes the value, so only the error class is logged.
        log.info(
            "request value refused by the database path=%s type=%s", request.url.path, type(exc).__name__
        )
        return problem(
            422,
            "The request holds a value the database cannot store (for example a NUL character).",
            kind="invalid-request",
            instance=request.url.path,
        )

    @app.exception_handler(redis.ConnectionError)
    @app.exception_handler(redis.TimeoutError)
    async def _redis_down(request: Request, exc: Exception) -> JSONResponse:
        # Raised before the request's commit (after it, UnitOfWork logs instead), so nothing was
        # done and the client may simply retry.
        log.warning("Redis unavailable path=%s type=%s", request.url.path, type(exc).__name__)
        return _unavailable(request, "The job queue (Redis)")

    @app.exception_handler(sqlalchemy.exc.OperationalError)
    @app.exception_handler(psycopg.OperationalError)
    async def _database_down(request: Request, exc: Exception) -> JSONResponse:
        # The metadata database refused or dropped the connection (a restart, a failover): the
        # transaction was rolled back, so the client may retry. The driver's text is not logged.
        log.warning("metadata database unavailable path=%s type=%s", request.url.path, type(exc).__name__)
        return _unavailable(request, "The metadata database")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        ref = uuid.uuid4().hex[:12]
        # Frames only: exception messages may quote row values or connection strings.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error(
            "unhandled error ref=%s path=%s type=%s\n%s", ref, request.url.path, type(exc).__name__, frames
        )
        return problem(
            500,
            f"Internal error (reference {ref}); the server log has details.",
            kind="internal-error",
            instance=request.url.path,
        )


def _unavailable(request: Request, what: str) -> JSONResponse:
    """503 problem with Retry-After: nothing was done, so the client may simply retry."""
    response = problem(
        503,
        f"{what} is unavailable; nothing was done. Retry shortly.",
        kind="unavailable",
        instance=request.url.path,
    )
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response
