"""PII classifications per schema version and the reviews that carry across versions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from tdm_metadata_store.models import REVIEW_DECISIONS, PiiClassification, PiiReview
from tdm_metadata_store.repositories.base import Repository


@dataclass(frozen=True)
class PiiFinding:
    """The merged classification of one column, as the PII agent hands it to the store."""

    schema_name: str
    table_name: str
    column_name: str
    pii_type: str
    technique: str
    confidence: float
    explanation: dict[str, Any] = field(default_factory=dict)


class PiiRepository(Repository):
    """Classifications are replaced as a whole per version; reviews are upserted per column."""

    def replace_for_version(self, schema_version_id: uuid.UUID, findings: Sequence[PiiFinding]) -> int:
        """Make `findings` the version's classification (re-running PII replaces, never appends)."""
        self.session.execute(
            delete(PiiClassification).where(PiiClassification.schema_version_id == schema_version_id)
        )
        if findings:
            self.session.execute(
                insert(PiiClassification),
                [
                    {
                        "schema_version_id": schema_version_id,
                        "schema_name": f.schema_name,
                        "table_name": f.table_name,
                        "column_name": f.column_name,
                        "pii_type": f.pii_type,
                        "technique": f.technique,
                        "confidence": Decimal(str(round(f.confidence, 3))),
                        "explanation": f.explanation,
                    }
                    for f in findings
                ],
            )
        self.session.flush()
        return len(findings)

    def list_for_version(self, schema_version_id: uuid.UUID) -> Sequence[PiiClassification]:
        """The version's classifications by schema, table and column."""
        return self.session.scalars(
            select(PiiClassification)
            .where(PiiClassification.schema_version_id == schema_version_id)
            .order_by(
                PiiClassification.schema_name, PiiClassification.table_name, PiiClassification.column_name
            )
        ).all()

    def upsert_review(
        self,
        schema_id: uuid.UUID,
        *,
        schema_name: str,
        table_name: str,
        column_name: str,
        decision: str,
        pii_type: str | None = None,
        data_type: str | None = None,
        reviewer: str | None = None,
        note: str | None = None,
    ) -> PiiReview:
        """Record a person's decision on a column; a later decision on the same column replaces it."""
        if decision not in REVIEW_DECISIONS:
            raise ValueError(f"decision must be one of {', '.join(REVIEW_DECISIONS)}")
        values = {
            "decision": decision,
            "pii_type": pii_type,
            "data_type": data_type,
            "reviewer": reviewer,
            "note": note,
        }
        statement = (
            pg_insert(PiiReview)
            .values(
                schema_id=schema_id,
                schema_name=schema_name,
                table_name=table_name,
                column_name=column_name,
                **values,
            )
            .on_conflict_do_update(
                index_elements=["schema_id", "schema_name", "table_name", "column_name"],
                set_={**values, "updated_at": func.now()},
            )
            .returning(PiiReview)
        )
        review = self.session.scalars(statement, execution_options={"populate_existing": True}).one()
        return review

    def reviews_for_schema(self, schema_id: uuid.UUID) -> Sequence[PiiReview]:
        """Every review of the schema, by schema, table and column."""
        return self.session.scalars(
            select(PiiReview)
            .where(PiiReview.schema_id == schema_id)
            .order_by(PiiReview.schema_name, PiiReview.table_name, PiiReview.column_name)
        ).all()
