"""A synthetic generation's options, as the API takes them and a workflow's `synthetic` section carries them.

Sources merge with priority schema version > API spec > domain pack > UI > test-case files. URLs are
fetched by the job (never by the API), through the private-address guard.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_UI_URLS = 20
MAX_TEST_CASE_FILES = 50
# PostgreSQL's bigint: counts and seeds outside it could not be stored or reproduced.
_Int64 = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
_NonNegInt64 = Annotated[int, Field(ge=0, le=2**63 - 1)]


class SyntheticOptions(BaseModel):
    """One or more schema sources, how many rows, and how to generate them."""

    model_config = ConfigDict(extra="forbid")

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
    row_counts: dict[str, _Int64] = Field(
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
    seed: _NonNegInt64 | None = Field(None, description="The same seed gives the same data")
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
