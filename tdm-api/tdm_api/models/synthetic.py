"""Synthetic data requests and responses: generation jobs, the preview and the domain pack catalogue."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tdm_api.models.common import Int64, NonNegInt64

MAX_PREVIEW_ROWS = 20
MAX_UI_URLS = 20
MAX_TEST_CASE_FILES = 50
_EXAMPLE: dict[str, Any] = {
    "domain_pack": "ecommerce",
    "row_counts": {"customer": 1000, "product": 200},
    "scenario_template": "default",
    "engine": "rules",
    "seed": 42,
    "locale": "en_US",
}


class SyntheticRequest(BaseModel):
    """Body of `POST /synthetic`: one or more schema sources, how many rows, and how to generate them.

    Sources merge with priority schema version > API spec > domain pack > UI > test-case files.
    URLs are fetched by the job (never by the API), through the private-address guard.
    """

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    ui_urls: list[str] = Field(
        default_factory=list, max_length=MAX_UI_URLS, description="Web pages whose forms and tables to crawl"
    )
    api_spec_url: str | None = Field(
        None, max_length=2000, description="URL of an OpenAPI 3.x / Swagger 2 spec"
    )
    api_spec: str | dict[str, Any] | None = Field(
        None, description="An OpenAPI 3.x / Swagger 2 spec inline: JSON or YAML text, or a JSON object"
    )
    test_case_files: dict[str, str] = Field(
        default_factory=dict,
        description="Test-case files inline, {filename: text}: Cucumber .feature, Playwright or Selenium "
        "scripts (a list of {name, content} is accepted too)",
    )
    schema_version_id: uuid.UUID | None = Field(
        None, description="A discovered schema version to generate for"
    )
    domain_pack: str | None = Field(
        None, max_length=100, description="A domain pack, see GET /synthetic/domain-packs"
    )
    row_counts: dict[str, Int64] = Field(
        default_factory=dict,
        description="Rows per entity; entities left out follow their parents' cardinalities or their defaults",
    )
    scenario_template: str | None = Field(
        None,
        max_length=100,
        description="Scenario of the domain pack (or built-in): default, edge_cases, ...",
    )
    training_dataset_version_id: uuid.UUID | None = Field(
        None, description="A ready dataset version (ideally masked) to learn from (sdv) or compare with"
    )
    engine: Literal["rules", "sdv"] = Field("rules", description="rules (no training data) or sdv (learned)")
    seed: NonNegInt64 | None = Field(None, description="The same seed gives the same data")
    locale: str | None = Field(None, max_length=20, description="Faker locale, e.g. en_US or de_DE")
    name: str | None = Field(None, max_length=200, description="Display name of the dataset version produced")

    @field_validator("test_case_files", mode="before")
    @classmethod
    def _files_as_mapping(cls, value: Any) -> Any:
        """The portal sends [{name, content}]; both forms become {filename: text}."""
        if isinstance(value, list):
            if not all(isinstance(f, dict) and {"name", "content"} <= set(f) for f in value):
                raise ValueError("each test-case file needs a name and a content")
            return {str(f["name"]): f["content"] for f in value}
        return value

    @field_validator("test_case_files")
    @classmethod
    def _few_files(cls, value: dict[str, str]) -> dict[str, str]:
        if len(value) > MAX_TEST_CASE_FILES:
            raise ValueError(f"at most {MAX_TEST_CASE_FILES} test-case files")
        return value


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
