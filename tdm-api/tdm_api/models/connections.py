"""Source connections: secrets go in, never come out."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator


def check_connection_string(value: SecretStr) -> SecretStr:
    """Accept what libpq accepts, with a database name; the message names the part, never the value."""
    from tdm_agents.common.source_db import SourceUrlError, parse_source

    try:
        parse_source(value.get_secret_value())
    except SourceUrlError as exc:
        raise ValueError(str(exc)) from None
    return value


class ConnectionCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "prod-replica",
                    "connection_string": "postgresql://reader:secret@db.internal:5432/shop",
                }
            ]
        },
    )

    name: str = Field(min_length=1, max_length=255, pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.\-]*$")
    connection_string: SecretStr = Field(description="postgresql://user:password@host:port/database")
    type: str = Field("postgres", pattern="^postgres$")

    @field_validator("connection_string")
    @classmethod
    def _libpq_string(cls, value: SecretStr) -> SecretStr:
        return check_connection_string(value)


class ConnectionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    type: str
    host: str | None
    port: int | None
    database: str | None
    username: str | None
    display_url: str = Field(description="The URL without its password")
    created_by: str | None = None
    created_at: datetime | None = None


class ConnectionTestResult(BaseModel):
    ok: bool
    message: str
    server_version: str | None = None
