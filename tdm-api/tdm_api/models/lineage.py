"""The lineage graph of a dataset version."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class LineageNode(BaseModel):
    id: str
    type: str = Field(description="schema_version, dataset_version, environment, job or connection")
    label: str | None = None
    status: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class LineageEdge(BaseModel):
    source: str
    target: str
    operation: str = Field(description="discovered_from, derived_from or provisioned_to")
    job_id: uuid.UUID | None = None
    created_at: datetime | None = None


class ColumnLineageOut(BaseModel):
    dataset_version_id: uuid.UUID
    table_name: str
    column_name: str
    rule_type: str
    rule_set_id: uuid.UUID | None = None
    rule_set_version: int | None = None
    key_id: str | None = Field(None, description="Names the masking key, never holds it")


class LineageGraph(BaseModel):
    root: str
    nodes: list[LineageNode]
    edges: list[LineageEdge]
    columns: list[ColumnLineageOut] = Field(default_factory=list)
    truncated: bool = Field(False, description="True when the walk stopped at the node limit")
