"""Scenario templates: how ordinary or how hostile the generated values are.

`default` keeps values realistic; `edge_cases` mixes in boundary values, unicode names, nulls
where allowed and strings at their maximum length. Domain packs may define more.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Scenario(BaseModel):
    """Knobs the rules engine applies to every attribute."""

    model_config = ConfigDict(extra="forbid")
    name: str
    description: str = ""
    null_fraction: float = Field(
        default=0.0,
        ge=0,
        le=0.9,
        description="Share of nulls in nullable attributes without an observed share",
    )
    edge_fraction: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Share of rows whose value is a boundary, max-length or unicode value",
    )
    row_multiplier: float = Field(default=1.0, gt=0, le=100, description="Scales every requested row count")


BUILTIN_SCENARIOS: dict[str, Scenario] = {
    "default": Scenario(name="default", description="Realistic values and distributions"),
    "edge_cases": Scenario(
        name="edge_cases",
        description="Boundary values, unicode names, nulls where allowed, strings at max length",
        null_fraction=0.15,
        edge_fraction=0.25,
    ),
}
