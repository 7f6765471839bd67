"""Versioned masking rule sets and the vault behind reversible tokenization."""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from tdm_metadata_store.models.base import Base, CreatedAt, JsonDict, UuidPk, in_values, name_column

# What a mask job does with a column that has no rule and looks personal.
UNKNOWN_COLUMN_MODES = ("fail", "mask_default")


class MaskingRuleSet(Base):
    """One version of a named rule set; a change is a new row with version + 1, old ones stay."""

    __tablename__ = "masking_rules"

    id: Mapped[UuidPk]
    name: Mapped[str] = name_column()
    version: Mapped[int] = mapped_column(Integer)
    schema_version_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("schema_versions.id", ondelete="SET NULL"), index=True
    )
    rules_json: Mapped[JsonDict]
    unknown_columns: Mapped[str] = mapped_column(String(20), server_default=text("'fail'"))
    description: Mapped[str | None]
    created_by: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[CreatedAt]

    __table_args__ = (
        UniqueConstraint("name", "version"),
        CheckConstraint(in_values("unknown_columns", UNKNOWN_COLUMN_MODES), name="unknown_columns"),
    )


class VaultToken(Base):
    """A token and its encrypted original, per tokenization key id."""

    __tablename__ = "token_vault"

    id: Mapped[UuidPk]
    key_id: Mapped[str] = name_column(100)
    token: Mapped[str]
    value_encrypted: Mapped[str]
    created_at: Mapped[CreatedAt]

    __table_args__ = (UniqueConstraint("key_id", "token"),)
