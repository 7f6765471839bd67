"""Source connections, target environments, their webhooks and ephemeral schemas."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from tdm_metadata_store.models.base import Base, CreatedAt, JsonDict, UpdatedAt, UuidPk, name_column


class Connection(Base):
    """A source database; the URL is stored encrypted, the non-secret parts in clear for display."""

    __tablename__ = "connections"

    id: Mapped[UuidPk]
    name: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    type: Mapped[str] = mapped_column(String(50), server_default=text("'postgres'"))
    connection_string_encrypted: Mapped[str]
    host: Mapped[str | None] = mapped_column(String(255))
    port: Mapped[int | None] = mapped_column(Integer)
    database: Mapped[str | None] = mapped_column(String(255))
    username: Mapped[str | None] = mapped_column(String(255))
    created_by: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[UpdatedAt]


class Environment(Base):
    """A target environment (QA, SIT, UAT, Perf, Dev or custom) that datasets are provisioned to."""

    __tablename__ = "environments"

    id: Mapped[UuidPk]
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    description: Mapped[str | None]
    connection_string_encrypted: Mapped[str | None]
    config_json: Mapped[JsonDict] = mapped_column(server_default=text("'{}'::jsonb"))
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[UpdatedAt]


class Webhook(Base):
    """A URL notified of job events; environment_id NULL means it applies to every environment."""

    __tablename__ = "webhooks"

    id: Mapped[UuidPk]
    environment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("environments.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str]
    secret_encrypted: Mapped[str | None]
    events: Mapped[list[str]] = mapped_column(server_default=text("'{}'::text[]"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    created_at: Mapped[CreatedAt]


class EphemeralSchema(Base):
    """A short-lived target schema (e.g. ci_<run_id>) that the worker drops after expires_at."""

    __tablename__ = "ephemeral_schemas"

    id: Mapped[UuidPk]
    environment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("environments.id", ondelete="CASCADE"), index=True
    )
    schema_name: Mapped[str] = name_column()
    expires_at: Mapped[datetime] = mapped_column(index=True)
    dropped_at: Mapped[datetime | None]
    job_id: Mapped[uuid.UUID | None]
    created_at: Mapped[CreatedAt]
