"""PII findings per schema version, and people's reviews that outlive versions."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tdm_metadata_store.models.base import (
    Base,
    CreatedAt,
    JsonDict,
    UpdatedAt,
    UuidPk,
    in_values,
    name_column,
)

REVIEW_DECISIONS = ("confirm", "reject", "change")


class PiiClassification(Base):
    """The merged classification of one column of one schema version."""

    __tablename__ = "pii_classification"

    id: Mapped[UuidPk]
    schema_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("schema_versions.id", ondelete="CASCADE"))
    schema_name: Mapped[str] = name_column()
    table_name: Mapped[str] = name_column()
    column_name: Mapped[str] = name_column()
    pii_type: Mapped[str] = name_column(100)
    technique: Mapped[str] = name_column(50)
    confidence: Mapped[Decimal] = mapped_column(Numeric(4, 3))
    explanation: Mapped[JsonDict | None]
    created_at: Mapped[CreatedAt]

    __table_args__ = (
        UniqueConstraint("schema_version_id", "schema_name", "table_name", "column_name"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
    )


class PiiReview(Base):
    """A person's decision on a column, keyed by (schema, table, column) so later versions keep it."""

    __tablename__ = "pii_reviews"

    id: Mapped[UuidPk]
    schema_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("schemas.id", ondelete="CASCADE"))
    schema_name: Mapped[str] = name_column()
    table_name: Mapped[str] = name_column()
    column_name: Mapped[str] = name_column()
    # The type the column had when reviewed: a type change invalidates the review.
    data_type: Mapped[str | None]
    decision: Mapped[str] = name_column(20)
    pii_type: Mapped[str | None] = mapped_column(String(100))
    reviewer: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None]
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[UpdatedAt]

    __table_args__ = (
        UniqueConstraint("schema_id", "schema_name", "table_name", "column_name"),
        CheckConstraint(in_values("decision", REVIEW_DECISIONS), name="decision"),
    )
