"""Dataset versions (Parquet in the dataset store), their metadata, and lineage between things."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from tdm_metadata_store.models.base import Base, CreatedAt, JsonDict, UuidPk, in_values, name_column

DATASET_SOURCE_TYPES = ("subset", "masked", "synthetic", "imported")
DATASET_STATUSES = ("pending", "writing", "ready", "failed", "deleted")


class DatasetVersion(Base):
    """One immutable dataset; its id is chosen before its files are written (idempotent retries)."""

    __tablename__ = "dataset_versions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(255))
    schema_version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("schema_versions.id", ondelete="SET NULL"), index=True
    )
    source_type: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20), server_default=text("'pending'"))
    path_prefix: Mapped[str] = mapped_column(String(500))
    job_id: Mapped[uuid.UUID | None]
    row_count: Mapped[int | None] = mapped_column(BigInteger)
    byte_size: Mapped[int | None] = mapped_column(BigInteger)
    created_by: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[CreatedAt]
    ready_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint(in_values("source_type", DATASET_SOURCE_TYPES), name="source_type"),
        CheckConstraint(in_values("status", DATASET_STATUSES), name="status"),
    )


class DatasetMetadata(Base):
    """A key/value fact about a dataset version: row counts, parameters, seed, quality report."""

    __tablename__ = "dataset_metadata"

    id: Mapped[UuidPk]
    dataset_version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset_versions.id", ondelete="CASCADE")
    )
    meta_key: Mapped[str] = name_column()
    # Any JSON value: a count, a list of tables, a whole quality report.
    meta_value: Mapped[Any] = mapped_column(JSONB, nullable=True)
    created_at: Mapped[CreatedAt]

    __table_args__ = (UniqueConstraint("dataset_version_id", "meta_key"),)


class Lineage(Base):
    """An edge between two nodes (schema_version, dataset_version, environment, job, source...)."""

    __tablename__ = "lineage"

    id: Mapped[UuidPk]
    source_type: Mapped[str] = name_column(50)
    source_id: Mapped[str] = name_column()
    target_type: Mapped[str] = name_column(50)
    target_id: Mapped[str] = name_column()
    operation: Mapped[str] = name_column(100)
    job_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    details: Mapped[JsonDict | None]
    created_at: Mapped[CreatedAt]

    __table_args__ = (
        Index("ix_lineage_source", "source_type", "source_id"),
        Index("ix_lineage_target", "target_type", "target_id"),
    )


class ColumnLineage(Base):
    """Which rule (set, version, key id - never the key) touched which column of a dataset version."""

    __tablename__ = "column_lineage"

    id: Mapped[UuidPk]
    dataset_version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dataset_versions.id", ondelete="CASCADE"), index=True
    )
    table_name: Mapped[str] = name_column()
    column_name: Mapped[str] = name_column()
    rule_type: Mapped[str] = name_column(100)
    rule_set_id: Mapped[uuid.UUID | None]
    rule_set_version: Mapped[int | None] = mapped_column(Integer)
    key_id: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[CreatedAt]
