"""Jobs, their logs and progress."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import AliasChoices, BaseModel, Field


class JobOut(BaseModel):
    id: uuid.UUID
    operation: str
    status: str
    user_id: str | None = None
    attempts: int = 0
    progress: dict[str, Any] | None = Field(None, validation_alias=AliasChoices("progress", "progress_json"))
    error: str | None = None
    created_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    cancel_requested: bool = False


class JobLogOut(BaseModel):
    id: int
    level: str
    stage: str | None = None
    message: str
    created_at: datetime | None = None


class JobDetail(JobOut):
    request: dict[str, Any]
    result: Any = None
    logs: list[JobLogOut]
