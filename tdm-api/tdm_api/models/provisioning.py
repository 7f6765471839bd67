"""POST /provision: load a dataset version into a target environment."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ProvisionRequest(BaseModel):
    """The plan's body (`dataset_version_id`, `target_env`, `reset_env`, `run_smoke_tests`) plus options."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "dataset_version_id": "0b6f5a9e-3c43-4a5e-9c1f-2b7e4bb0a111",
                    "target_env": "QA",
                    "reset_env": True,
                    "run_smoke_tests": True,
                }
            ]
        },
    )

    dataset_version_id: uuid.UUID
    target_env: str = Field(min_length=1, max_length=100, description="Environment name or id")
    reset_env: bool = Field(True, description="Reset the tables first (the environment's reset mode)")
    run_smoke_tests: bool = True
    mode: Literal["truncate", "append", "upsert", "drop_create"] | None = Field(
        None, description="Overrides reset_env and the environment's default reset mode"
    )
    target_schema: str | None = Field(
        None,
        pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,62}$",
        description="Load every table into this schema, created on demand",
    )
    ttl_hours: float | None = Field(
        None, gt=0, le=24 * 90, description="Drop the target schema this many hours after the load"
    )
    allow_unmasked: bool = Field(
        False,
        description="Load an unmasked subset into a non-production environment anyway (audited; "
        "needs override_reason)",
    )
    override_reason: str | None = Field(
        None,
        min_length=10,
        max_length=500,
        description="Why unmasked data may go there (kept in the audit log)",
    )

    @model_validator(mode="after")
    def _ttl_needs_schema(self) -> ProvisionRequest:
        if self.ttl_hours is not None and not self.target_schema:
            raise ValueError("ttl_hours needs a target_schema (only ephemeral schemas expire)")
        if self.target_schema == "public" and self.ttl_hours is not None:
            raise ValueError("the public schema cannot be ephemeral")
        if self.allow_unmasked and not self.override_reason:
            raise ValueError("allow_unmasked needs an override_reason (it is audited)")
        return self
