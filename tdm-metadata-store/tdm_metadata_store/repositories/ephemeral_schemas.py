"""Short-lived target schemas (e.g. ci_<run_id>) and their expiry."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update

from tdm_metadata_store.models import EphemeralSchema
from tdm_metadata_store.repositories.base import Repository


class EphemeralSchemaRepository(Repository):
    """Records which ephemeral schemas exist so the worker can drop them when they expire."""

    def create(
        self,
        environment_id: uuid.UUID,
        schema_name: str,
        expires_at: datetime,
        job_id: uuid.UUID | None = None,
    ) -> EphemeralSchema:
        """Record a new ephemeral schema."""
        row = EphemeralSchema(
            environment_id=environment_id, schema_name=schema_name, expires_at=expires_at, job_id=job_id
        )
        self.session.add(row)
        self.session.flush()
        return row

    def expired(self, now: datetime | None = None) -> Sequence[EphemeralSchema]:
        """Schemas past their expiry that have not been dropped yet."""
        cutoff = now if now is not None else func.now()
        query = select(EphemeralSchema).where(
            EphemeralSchema.dropped_at.is_(None), EphemeralSchema.expires_at <= cutoff
        )
        return self.session.scalars(query.order_by(EphemeralSchema.expires_at)).all()

    def mark_dropped(self, ephemeral_id: uuid.UUID) -> bool:
        """Record that the schema was dropped; True when it was still live."""
        result = self.session.execute(
            update(EphemeralSchema)
            .where(EphemeralSchema.id == ephemeral_id, EphemeralSchema.dropped_at.is_(None))
            .values(dropped_at=func.now())
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]
