"""A provisioning request's options, as the API takes them and a workflow's `provision` section carries
them (the engine's own `ProvisionOptions` are resolved from these and the environment's settings)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Mode = Literal["truncate", "append", "upsert", "drop_create"]


class ProvisionRequestOptions(BaseModel):
    """How to load (the dataset version and the environment are named by the caller's own model)."""

    model_config = ConfigDict(extra="forbid")

    reset_env: bool = Field(True, description="Reset the tables first (the environment's reset mode)")
    run_smoke_tests: bool = True
    mode: Mode | None = Field(
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
    def _consistent(self) -> ProvisionRequestOptions:
        if self.ttl_hours is not None and not self.target_schema:
            raise ValueError("ttl_hours needs a target_schema (only ephemeral schemas expire)")
        if self.target_schema == "public" and self.ttl_hours is not None:
            raise ValueError("the public schema cannot be ephemeral")
        if self.allow_unmasked and not self.override_reason:
            raise ValueError("allow_unmasked needs an override_reason (it is audited)")
        return self
