"""Synthetic data requests and responses: generation jobs, the preview and the domain pack catalogue."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tdm_agents.synthetic.request_options import SyntheticOptions

MAX_PREVIEW_ROWS = 20
_EXAMPLE: dict[str, Any] = {
    "domain_pack": "ecommerce",
    "row_counts": {"customer": 1000, "product": 200},
    "scenario_template": "default",
    "engine": "rules",
    "seed": 42,
    "locale": "en_US",
}


class SyntheticRequest(SyntheticOptions):
    """Body of `POST /synthetic`: one or more schema sources, how many rows, and how to generate them.

    Sources merge with priority schema version > API spec > domain pack > UI > test-case files.
    URLs are fetched by the job (never by the API), through the private-address guard.
    """

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})


class SyntheticPreviewRequest(SyntheticRequest):
    """Body of `POST /synthetic/preview`: the same sources (no URLs: they are fetched by jobs only)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"domain_pack": "ecommerce"}]})

    rows: int = Field(MAX_PREVIEW_ROWS, ge=1, le=MAX_PREVIEW_ROWS, description="Rows per table")


class PreviewTable(BaseModel):
    """A few generated rows of one table."""

    columns: list[str]
    rows: list[dict[str, Any]]


class SyntheticPreview(BaseModel):
    """Generated rows per table (nothing is stored), with the merged schema's conflicts."""

    tables: dict[str, PreviewTable]
    seed: int
    scenario: str
    conflicts: list[dict[str, Any]] = Field(default_factory=list, description="Where the sources disagreed")


class DomainPackOut(BaseModel):
    """A bundled domain pack: the entities it generates and its scenario templates."""

    name: str
    description: str
    entities: list[str]
    scenarios: list[str]
