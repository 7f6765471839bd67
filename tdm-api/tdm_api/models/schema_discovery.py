"""Discovery requests and schema responses."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from tdm_agents.schema_discovery.options import DiscoveryOptions


class DiscoverRequest(DiscoveryOptions):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "connection_id": "0b0b5a8e-7a1c-4c55-9d36-3f1f0d8a9d10",
                    "schemas": ["public"],
                    "include_stats": True,
                    "sample_size": 10000,
                }
            ]
        },
    )

    connection_id: uuid.UUID | None = None
    connection_string: SecretStr | None = Field(
        None, description="Alternative to connection_id: stored encrypted as a new connection"
    )

    @model_validator(mode="after")
    def _one_source(self) -> DiscoverRequest:
        if (self.connection_id is None) == (self.connection_string is None):
            raise ValueError("give exactly one of connection_id or connection_string")
        return self


class SchemaSummary(BaseModel):
    id: uuid.UUID
    name: str
    description: str | None = None
    source_connection_id: uuid.UUID | None = None
    latest_version: int | None = None
    latest_version_id: uuid.UUID | None = None
    created_at: datetime | None = None


class SchemaVersionOut(BaseModel):
    id: uuid.UUID
    schema_id: uuid.UUID
    version_number: int
    fingerprint: str
    status: str
    discovered_at: datetime | None = None
    job_id: uuid.UUID | None = None
    table_count: int
    column_count: int


class SchemaDetail(BaseModel):
    schema_: SchemaSummary = Field(alias="schema", serialization_alias="schema")
    version: SchemaVersionOut
    snapshot: dict[str, Any] = Field(description="Tables, columns (with stats), keys, relationships")

    model_config = ConfigDict(populate_by_name=True)


class VirtualRelationshipCreate(BaseModel):
    """A user-defined key: a foreign key the database does not declare, or a primary key for a table
    that has none. Every later schema version keeps it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "foreign_key",
                    "child_table": "orders",
                    "child_columns": ["customer_ref"],
                    "parent_table": "customers",
                    "parent_columns": ["id"],
                }
            ]
        },
    )

    kind: Literal["foreign_key", "primary_key"] = "foreign_key"
    child_table: str = Field(
        min_length=1, max_length=200, description="Table key, e.g. 'orders' or 'sales.orders'"
    )
    child_columns: list[str] = Field(min_length=1, max_length=32)
    parent_table: str | None = Field(None, max_length=200)
    parent_columns: list[str] = Field(default_factory=list, max_length=32)

    @model_validator(mode="after")
    def _shape(self) -> VirtualRelationshipCreate:
        if self.kind == "foreign_key" and (
            not self.parent_table or len(self.parent_columns) != len(self.child_columns)
        ):
            raise ValueError("a foreign key needs parent_table and as many parent_columns as child_columns")
        return self


class VirtualRelationshipOut(BaseModel):
    id: uuid.UUID
    kind: str
    child_schema: str
    child_table: str
    child_columns: list[str]
    parent_schema: str | None
    parent_table: str | None
    parent_columns: list[str]
    created_by: str | None = None
    created_at: datetime | None = None
