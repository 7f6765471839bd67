"""API keys (stored hashed) and the audit trail of who changed what."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from tdm_metadata_store.models.base import Base, CreatedAt, JsonDict, UuidPk, in_values, name_column

API_KEY_ROLES = ("admin", "operator", "viewer")


class ApiKey(Base):
    """A caller's key: only its SHA-256 hash and a display prefix are kept."""

    __tablename__ = "api_keys"

    id: Mapped[UuidPk]
    name: Mapped[str] = name_column()
    role: Mapped[str] = name_column(20)
    key_prefix: Mapped[str] = name_column(16)
    key_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    created_at: Mapped[CreatedAt]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    created_by: Mapped[str | None] = mapped_column(String(255))

    __table_args__ = (CheckConstraint(in_values("role", API_KEY_ROLES), name="role"),)


class AuditEntry(Base):
    """Who (key name) did what to which resource; details never hold secrets."""

    __tablename__ = "audit_log"

    id: Mapped[UuidPk]
    actor: Mapped[str] = name_column()
    # No foreign key: the trail must outlive a deleted key.
    api_key_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = name_column(100)
    resource_type: Mapped[str] = name_column(50)
    resource_id: Mapped[str | None] = mapped_column(String(255))
    details: Mapped[JsonDict | None]
    created_at: Mapped[CreatedAt] = mapped_column(index=True)
