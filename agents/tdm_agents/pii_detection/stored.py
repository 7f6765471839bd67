"""Stored PII classifications (metadata store rows) read back as the engine's findings."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tdm_agents.pii_detection.models import PiiFinding
from tdm_metadata_store.models import PiiClassification
from tdm_metadata_store.repositories.pii import PiiRepository


def finding_of(row: PiiClassification) -> PiiFinding:
    """A stored classification as the PII engine's finding."""
    explanation = row.explanation or {}
    return PiiFinding(
        schema_name=row.schema_name,
        table=row.table_name,
        column=row.column_name,
        pii_type=row.pii_type,
        subtype=explanation.get("subtype"),  # type: ignore[arg-type]
        confidence=float(row.confidence),
        technique=row.technique,  # type: ignore[arg-type]
        explanation=str(explanation.get("summary") or ""),
    )


def stored_findings(session: Session, schema_version_id: uuid.UUID) -> list[PiiFinding]:
    """The version's classifications as engine findings, by schema, table and column."""
    return [finding_of(r) for r in PiiRepository(session).list_for_version(schema_version_id)]
