"""The audit trail: who (key name) did what to which resource."""

from __future__ import annotations

import builtins
import uuid
from typing import Any

from sqlalchemy import select

from tdm_metadata_store.models import AuditEntry
from tdm_metadata_store.repositories.base import DEFAULT_PAGE_SIZE, Repository, paginate


class AuditRepository(Repository):
    """Append-only audit entries."""

    def record(
        self,
        *,
        actor: str,
        action: str,
        resource_type: str,
        resource_id: uuid.UUID | str | None = None,
        details: dict[str, Any] | None = None,
        api_key_id: uuid.UUID | None = None,
    ) -> AuditEntry:
        """Append an entry; `details` must hold identifiers and summaries, never secrets or PII."""
        row = AuditEntry(
            actor=actor,
            action=action,
            resource_type=resource_type,
            resource_id=str(resource_id) if resource_id is not None else None,
            details=details,
            api_key_id=api_key_id,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def list(
        self,
        *,
        actor: str | None = None,
        resource_type: str | None = None,
        resource_id: uuid.UUID | str | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        offset: int = 0,
    ) -> tuple[builtins.list[AuditEntry], int]:
        """One page of entries, newest first, and the total matching the filters."""
        query = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id)
        if actor is not None:
            query = query.where(AuditEntry.actor == actor)
        if resource_type is not None:
            query = query.where(AuditEntry.resource_type == resource_type)
        if resource_id is not None:
            query = query.where(AuditEntry.resource_id == str(resource_id))
        return paginate(self.session, query, limit, offset)
