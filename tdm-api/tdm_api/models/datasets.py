"""The dataset catalog: versions, their manifest and a lineage summary."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class DatasetOut(BaseModel):
    id: uuid.UUID
    name: str | None = None
    source_type: str
    status: str
    schema_version_id: uuid.UUID | None = None
    job_id: uuid.UUID | None = None
    row_count: int | None = None
    byte_size: int | None = None
    created_by: str | None = None
    created_at: datetime | None = None
    ready_at: datetime | None = None
    deleted_at: datetime | None = None


class ManifestTable(BaseModel):
    name: str
    rows: int
    bytes: int
    sha256: str
    columns: list[dict[str, Any]] = Field(description="Arrow fields: name, type, nullable")


class LineageEdgeOut(BaseModel):
    source_type: str
    source_id: str
    target_type: str
    target_id: str
    operation: str
    job_id: uuid.UUID | None = None
    created_at: datetime | None = None


class DatasetDetail(DatasetOut):
    metadata: dict[str, Any] = Field(default_factory=dict)
    tables: list[ManifestTable] = Field(
        default_factory=list, description="From the manifest; empty while incomplete"
    )
    complete: bool = False
    upstream: list[LineageEdgeOut] = Field(default_factory=list, description="Edges into this version")
    downstream: list[LineageEdgeOut] = Field(default_factory=list, description="Edges out of this version")


class DownloadLink(BaseModel):
    table: str
    rows: int
    bytes: int
    url: str = Field(description="GET it: a redirect to a presigned URL, or the Parquet file itself")
