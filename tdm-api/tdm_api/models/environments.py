"""Target environments (QA, SIT, UAT, Perf, Dev, custom)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from tdm_api.models.connections import check_connection_string

OperatingRole = Literal["admin", "operator"]
OPERATING_ROLES: tuple[OperatingRole, ...] = ("admin", "operator")


class SmokeQuery(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    sql: str = Field(min_length=1, max_length=10_000, description="A read-only query run on the target")
    expect: Literal["non_empty", "empty", "equals"] = "non_empty"
    expected_value: Any = None


class EnvironmentConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reset_mode: Literal["truncate", "append", "upsert", "drop_create"] = "truncate"
    target_schema: str = Field("public", pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
    smoke_queries: list[SmokeQuery] = Field(default_factory=list, max_length=50)
    allowed_roles: list[OperatingRole] = Field(default_factory=lambda: list(OPERATING_ROLES))
    protected: bool = False
    webhook_url: str | None = None
    tier: Literal["non_production", "production"] = Field(
        "non_production",
        description="Unmasked subsets go into non-production environments only with an audited override",
    )


class EnvironmentCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "QA",
                    "connection_string": "postgresql://loader:secret@qa-db:5432/shop",
                    "config": {"reset_mode": "truncate", "protected": False},
                }
            ]
        },
    )

    name: str = Field(min_length=1, max_length=50, pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
    description: str | None = Field(None, max_length=2000)
    connection_string: SecretStr | None = Field(
        None,
        description="The target database: a postgresql:// URL (socket directories included) or libpq "
        "key=value pairs; stored encrypted",
    )
    config: EnvironmentConfig = Field(default_factory=EnvironmentConfig)

    @field_validator("connection_string")
    @classmethod
    def _libpq_string(cls, value: SecretStr | None) -> SecretStr | None:
        return None if value is None else check_connection_string(value)


class EnvironmentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str | None = Field(None, max_length=2000)
    connection_string: SecretStr | None = None
    config: EnvironmentConfig | None = None

    @field_validator("connection_string")
    @classmethod
    def _libpq_string(cls, value: SecretStr | None) -> SecretStr | None:
        return None if value is None else check_connection_string(value)


class EnvironmentOut(BaseModel):
    id: uuid.UUID
    name: str
    description: str | None
    has_connection: bool
    display_url: str | None = None
    config: dict[str, Any]
    created_at: datetime | None = None
    updated_at: datetime | None = None
