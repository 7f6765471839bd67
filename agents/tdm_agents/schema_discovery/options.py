"""A discovery's options, as the API takes them and a workflow's `discover` section carries them."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]{0,62}$")


class DiscoveryOptions(BaseModel):
    """What to read from the source (the connection is named by the caller's own model)."""

    model_config = ConfigDict(extra="forbid")

    schemas: list[str] = Field(default_factory=lambda: ["public"], min_length=1, max_length=100)
    include_stats: bool = True
    sample_size: int = Field(10000, ge=10, le=1_000_000)
    exact_counts: bool = False
    schema_name: str | None = Field(
        None,
        min_length=1,
        max_length=255,
        description="Name of the logical schema (defaults to the connection's name)",
    )

    @field_validator("schemas")
    @classmethod
    def _identifiers(cls, schemas: list[str]) -> list[str]:
        for name in schemas:
            if not IDENTIFIER.match(name):
                raise ValueError(f"schema name {name[:64]!r} is not a valid identifier")
        return schemas
