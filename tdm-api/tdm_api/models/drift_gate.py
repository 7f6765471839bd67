"""GET /schema/{id}/drift-gate: whether mask and provision jobs may run, and which columns block them."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field


class DriftGateBlocker(BaseModel):
    """A column of the newest version, new or changed since the baseline, without a rule or a review."""

    table: str = Field(description="Table key as datasets name it ('customers', 'sales.staff')")
    column: str
    change: Literal["added", "changed"]
    reason: str = Field(description="What changed and what would resolve it")


class DriftGateOut(BaseModel):
    """The drift gate of a schema: open when every drifted column is ruled or reviewed as not personal."""

    schema_id: uuid.UUID
    open: bool
    baseline: Literal["rule_set", "version", "newest_rule_set", "previous_version", "latest_version"] = Field(
        description="How the baseline was chosen: the given rule set's or version, the newest rule set "
        "saved for this schema, else the version before the newest"
    )
    rule_set_id: uuid.UUID | None = Field(
        None, description="The rule set whose schema version is the baseline"
    )
    baseline_version: int | None
    baseline_version_id: uuid.UUID | None
    latest_version: int | None
    latest_version_id: uuid.UUID | None
    drifted_columns: int = Field(description="Columns added or changed since the baseline")
    resolved_columns: int = Field(description="Drifted columns that are ruled or reviewed as not personal")
    blockers: list[DriftGateBlocker]
