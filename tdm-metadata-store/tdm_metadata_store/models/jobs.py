"""Jobs (the system of record behind the queue) and their logs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from tdm_metadata_store.models.base import Base, CreatedAt, JsonDict, UuidPk, in_values, name_column

JOB_STATUSES = ("queued", "running", "awaiting_approval", "succeeded", "failed", "cancelled")
FINAL_JOB_STATUSES = ("succeeded", "failed", "cancelled")
LOG_LEVELS = ("debug", "info", "warning", "error")


class Job(Base):
    """One requested operation, from `queued` to a final status."""

    __tablename__ = "jobs"

    id: Mapped[UuidPk]
    operation: Mapped[str] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(30), server_default=text("'queued'"), index=True)
    request_json: Mapped[JsonDict] = mapped_column(server_default=text("'{}'::jsonb"))
    result_json: Mapped[Any] = mapped_column(JSONB, nullable=True)
    error: Mapped[str | None]
    progress_json: Mapped[JsonDict | None]
    api_key_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    user_id: Mapped[str | None] = mapped_column(String(255))
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    worker_id: Mapped[str | None] = mapped_column(String(255))
    heartbeat_at: Mapped[datetime | None]
    parent_job_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    created_at: Mapped[CreatedAt] = mapped_column(index=True)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    cancel_requested: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    resume_json: Mapped[Any] = mapped_column(JSONB, nullable=True)

    __table_args__ = (CheckConstraint(in_values("status", JOB_STATUSES), name="status"),)


class JobLog(Base):
    """One log line of a job; the serial id is the cursor clients page with."""

    __tablename__ = "job_logs"

    id: Mapped[int] = mapped_column(BigInteger, Identity(always=False), primary_key=True)
    job_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    level: Mapped[str] = name_column(10)
    stage: Mapped[str | None] = mapped_column(String(100))
    message: Mapped[str]
    created_at: Mapped[CreatedAt]

    __table_args__ = (
        Index("ix_job_logs_job_id_created_at", "job_id", "created_at"),
        CheckConstraint(in_values("level", LOG_LEVELS), name="level"),
    )
