"""Discovered schemas: a logical schema, its immutable versions, and their tables, columns and keys."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tdm_metadata_store.models.base import Base, CreatedAt, JsonDict, UuidPk, in_values, name_column

SCHEMA_VERSION_STATUSES = ("active", "superseded", "archived")
VIRTUAL_RELATIONSHIP_KINDS = ("foreign_key", "primary_key")


class Schema(Base):
    """A logical schema: one source connection seen under one name, across discovery runs."""

    __tablename__ = "schemas"

    id: Mapped[UuidPk]
    name: Mapped[str] = name_column()
    description: Mapped[str | None]
    source_connection_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("connections.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[CreatedAt]

    __table_args__ = (UniqueConstraint("name", "source_connection_id"),)


class SchemaVersion(Base):
    """One discovery run's immutable snapshot; version_number counts up per schema."""

    __tablename__ = "schema_versions"

    id: Mapped[UuidPk]
    schema_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("schemas.id", ondelete="CASCADE"))
    version_number: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(20), server_default=text("'active'"))
    discovered_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    job_id: Mapped[uuid.UUID | None]
    snapshot_json: Mapped[JsonDict]
    table_count: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    column_count: Mapped[int] = mapped_column(Integer, server_default=text("0"))

    tables: Mapped[list[Table]] = relationship(lazy="raise", order_by="Table.schema_name, Table.name")

    __table_args__ = (
        UniqueConstraint("schema_id", "version_number"),
        CheckConstraint(in_values("status", SCHEMA_VERSION_STATUSES), name="status"),
    )


class Table(Base):
    """A table (or view, partition, ...) of one schema version."""

    __tablename__ = "tables"

    id: Mapped[UuidPk]
    schema_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("schema_versions.id", ondelete="CASCADE"))
    schema_name: Mapped[str] = name_column()
    name: Mapped[str] = name_column()
    kind: Mapped[str] = mapped_column(String(30), server_default=text("'table'"))
    row_estimate: Mapped[int | None] = mapped_column(BigInteger)
    exact_row_count: Mapped[int | None] = mapped_column(BigInteger)
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    primary_key: Mapped[list[str]] = mapped_column(server_default=text("'{}'::text[]"))
    partition_of: Mapped[str | None] = mapped_column(String(511))

    columns: Mapped[list[Column]] = relationship(lazy="raise", order_by="Column.ordinal_position")

    __table_args__ = (UniqueConstraint("schema_version_id", "schema_name", "name"),)


class Column(Base):
    """A column of a discovered table, with its statistics from a bounded sample."""

    __tablename__ = "columns"

    id: Mapped[UuidPk]
    table_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tables.id", ondelete="CASCADE"))
    name: Mapped[str] = name_column()
    data_type: Mapped[str]
    udt_name: Mapped[str | None] = mapped_column(String(255))
    type_category: Mapped[str] = mapped_column(String(30), server_default=text("'other'"))
    inferred_type: Mapped[str | None] = mapped_column(String(100))
    nullable: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    ordinal_position: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    default: Mapped[str | None]
    stats_json: Mapped[JsonDict | None]

    __table_args__ = (UniqueConstraint("table_id", "name"),)


class Relationship(Base):
    """A foreign key between two tables of one schema version (real, or virtual and user-defined)."""

    __tablename__ = "relationships"

    id: Mapped[UuidPk]
    schema_version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("schema_versions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(255))
    child_table_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tables.id", ondelete="CASCADE"), index=True)
    parent_table_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tables.id", ondelete="CASCADE"), index=True
    )
    child_columns: Mapped[list[str]]
    parent_columns: Mapped[list[str]]
    on_delete: Mapped[str | None] = mapped_column(String(30))
    is_virtual: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))


class VirtualRelationship(Base):
    """A user-defined key (PK or FK) on a schema, carried into every later version of it."""

    __tablename__ = "virtual_relationships"

    id: Mapped[UuidPk]
    schema_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("schemas.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), server_default=text("'foreign_key'"))
    child_schema: Mapped[str] = name_column()
    child_table: Mapped[str] = name_column()
    child_columns: Mapped[list[str]]
    parent_schema: Mapped[str | None] = mapped_column(String(255))
    parent_table: Mapped[str | None] = mapped_column(String(255))
    parent_columns: Mapped[list[str]] = mapped_column(server_default=text("'{}'::text[]"))
    created_by: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[CreatedAt]

    __table_args__ = (CheckConstraint(in_values("kind", VIRTUAL_RELATIONSHIP_KINDS), name="kind"),)
