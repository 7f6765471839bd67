"""Shapes shared by many endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

# Integers clients send end up in PostgreSQL bigint columns, NumPy int64 arrays and Arrow int64:
# anything wider is refused at the door (422) instead of overflowing later.
BIGINT_MAX = 2**63 - 1
Int64 = Annotated[int, Field(ge=-(2**63), le=BIGINT_MAX)]
NonNegInt64 = Annotated[int, Field(ge=0, le=BIGINT_MAX)]
PositiveInt64 = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
# Version numbers live in PostgreSQL `integer` columns.
INTEGER_MAX = 2**31 - 1


class ApiModel(BaseModel):
    model_config = ConfigDict(from_attributes=True, extra="forbid")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="Items matching the filters, over all pages")
    limit: int
    offset: int


class JobAccepted(BaseModel):
    """A job was queued; follow it at `GET /job/{job_id}` or `GET /job/{job_id}/events`."""

    job_id: uuid.UUID
    status: str = "queued"
    operation: str
    links: dict[str, str] = Field(default_factory=dict)

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "6f1c1b9e-3c43-4a5e-9c1f-2b7e4bb0a111",
                    "status": "queued",
                    "operation": "DISCOVER_SCHEMA",
                    "links": {
                        "self": "/api/v1/job/6f1c1b9e-3c43-4a5e-9c1f-2b7e4bb0a111",
                        "events": "/api/v1/job/6f1c1b9e-3c43-4a5e-9c1f-2b7e4bb0a111/events",
                    },
                }
            ]
        }
    )


class Problem(BaseModel):
    """RFC 9457 problem details: every error response has this shape."""

    type: str
    title: str
    status: int
    detail: str
    field: str | None = None
    errors: list[dict[str, str | None]] | None = None
    instance: str | None = None


class Timestamped(ApiModel):
    created_at: datetime | None = None


# Errors are sent as application/problem+json; `model` also registers the Problem schema (FastAPI
# then lists it under application/json as well, which clients may read the same way).
PROBLEM_RESPONSES: dict[int | str, dict] = {
    code: {
        "model": Problem,
        "description": desc,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    for code, desc in {
        400: "The body could not be parsed (not JSON, or not UTF-8)",
        401: "No or unknown API key",
        403: "The key's role does not allow this",
        404: "Unknown id",
        409: "Conflict with the current state",
        413: "Body too large",
        422: "Invalid request",
    }.items()
}
