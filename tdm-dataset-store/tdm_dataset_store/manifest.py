"""The per-version manifest: which tables a dataset version holds, their sizes and checksums.

Written last, after every table file, so its presence is what makes a version complete.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field


class ColumnSpec(BaseModel):
    """One Arrow field of a table, in a readable form (e.g. ``timestamp[us, tz=UTC]``)."""

    model_config = ConfigDict(frozen=True)

    name: str
    type: str = Field(description="Arrow type as printed by pyarrow, e.g. 'decimal128(12, 2)'")
    nullable: bool


class TableFileInfo(BaseModel):
    """What the store knows about one written table file."""

    model_config = ConfigDict(frozen=True)

    rows: int = Field(ge=0)
    bytes: int = Field(ge=0, description="Size of the Parquet file in bytes")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the Parquet file bytes")
    key: str = Field(description="Object key, e.g. 'datasets/<id>/<table>.parquet'")
    arrow_schema: list[ColumnSpec]


class Manifest(BaseModel):
    """The manifest of one complete dataset version."""

    model_config = ConfigDict(frozen=True)

    version_id: str
    created_at: datetime
    tables: dict[str, TableFileInfo]
    extra: dict[str, Any] = Field(default_factory=dict)

    def canonical_json(self) -> bytes:
        """UTF-8 JSON with sorted keys and no insignificant whitespace: equal manifests, equal bytes."""
        payload = self.model_dump(mode="json")
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, data: bytes | str) -> Manifest:
        """Parse a manifest previously produced by :meth:`canonical_json`."""
        return cls.model_validate_json(data)


def columns_of(schema: pa.Schema) -> list[ColumnSpec]:
    """Describe an Arrow schema as a list of column specs for the manifest."""
    return [ColumnSpec(name=field.name, type=str(field.type), nullable=field.nullable) for field in schema]


def utc_now() -> datetime:
    """Current time, timezone-aware UTC (manifests never carry naive timestamps)."""
    return datetime.now(UTC)
