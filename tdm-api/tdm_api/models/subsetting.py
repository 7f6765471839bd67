"""Subset requests (the job and its dry run) and the plan's response."""

from __future__ import annotations

import uuid

from pydantic import ConfigDict, Field, model_validator
from pydantic.json_schema import JsonDict

from tdm_agents.subsetting import SubsetPlan, SubsetRequest
from tdm_api.models.common import NonNegInt64

_EXAMPLE: JsonDict = {
    "schema_version_id": "7d4c8f2e-1b9a-4c3e-8f6d-2a5b9c0e1d23",
    "connection_id": "0b0b5a8e-7a1c-4c55-9d36-3f1f0d8a9d10",
    "root_table": "customers",
    "filters": {"customers": [{"column": "region", "op": "in", "value": ["US", "EU"]}]},
    "sampling_pct": 10,
    "seed": 42,
    "max_rows_per_table": {"orders": 5000},
    "mode": {"currencies": "full"},
}


class SubsetJobRequest(SubsetRequest):
    """Body of `POST /subset` and `POST /subset/plan`.

    The source is `connection_id`, or `connection_string` (stored encrypted as a connection for a
    job, used only in memory for a plan), or neither: then the schema's own source connection.
    Filter values are bound parameters, never spliced into SQL.
    """

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    # Bounded to what the source's bigint parameters and the sampling hash can hold.
    max_rows_per_table: NonNegInt64 | dict[str, NonNegInt64] | None = Field(
        None, description="Cap on target and child rows, for every table (int) or per table; never on parents"
    )
    sampling_pct: float | None = Field(
        None, ge=0, le=100, allow_inf_nan=False, description="Percentage (0-100) of target rows kept"
    )
    seed: NonNegInt64 = Field(0, description="Seed of the sampling hash: the same seed gives the same subset")
    max_depth: int | None = Field(
        None, ge=0, le=10_000, description="Most foreign-key hops followed downstream"
    )

    @model_validator(mode="after")
    def _one_connection(self) -> SubsetJobRequest:
        # Replaces the engine's rule (exactly one): here the schema's source connection is the default.
        if self.connection_id is not None and self.connection_string is not None:
            raise ValueError("give at most one of connection_id and connection_string")
        return self


class SubsetPlanResponse(SubsetPlan):
    """The dry run: traversal order, estimates per table, caps that bite, cycles, missing indexes."""

    schema_version_id: uuid.UUID = Field(description="Schema version the plan was made against")
