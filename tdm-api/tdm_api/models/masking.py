"""Masking requests and responses: mask jobs, rule sets, the transformer catalogue, preview, detokenize."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, SkipValidation, model_validator
from pydantic.json_schema import JsonDict

from tdm_agents.masking.transformers import rules_body_type
from tdm_api.models.common import INTEGER_MAX
from tdm_api.models.privacy import UnknownColumns

# Rules as users write them: {"table.column": "mask.x"}, {"table.column": {"type", "options"}},
# or a list of {"table", "column", "type", "options"} (see docs/masking.md). The schema is the
# catalogue's tagged union (one shape per rule type); the body is checked by the masking agent's
# own parser, which reports every problem per rule at once (`services.masking_inputs`).
if TYPE_CHECKING:
    # Built from the catalogue at import time, so no static type describes it.
    RulesBody = Any
else:
    RulesBody = Annotated[rules_body_type(), SkipValidation]
MAX_PREVIEW_ROWS = 20
_RULES_EXAMPLE: JsonDict = {
    "customers.email": "mask.email_deterministic",
    "customers.first_name": "mask.fake_first_name",
    "customers.phone": {"type": "mask.fpe_digits", "options": {"tweak_label": "phone"}},
}


class RuleSource(BaseModel):
    """Where the rules come from: a stored rule set (optionally a given version) or inline rules."""

    model_config = ConfigDict(extra="forbid")

    rule_set_id: uuid.UUID | None = Field(None, description="A stored rule set (any of its versions' ids)")
    rule_set_version: int | None = Field(
        None,
        ge=1,
        le=INTEGER_MAX,
        description="Version of that rule set's name to use (default: the id's own version)",
    )
    rules: RulesBody | None = Field(None, description="Inline rules, instead of rule_set_id")
    use_suggested_rules: bool = Field(
        False, description="Use the rules suggested by the schema version's (reviewed) PII classification"
    )

    @model_validator(mode="after")
    def _one_source(self) -> RuleSource:
        sources = (self.rule_set_id is not None) + (self.rules is not None) + bool(self.use_suggested_rules)
        if sources != 1:
            raise ValueError("give exactly one of rule_set_id, rules or use_suggested_rules")
        if self.rule_set_version is not None and self.rule_set_id is None:
            raise ValueError("rule_set_version needs rule_set_id")
        return self


class MaskRequest(RuleSource):
    """Mask a dataset version into a new one; the input is never modified."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"dataset_version_id": "3f0e8a4c-1d2b-4c5e-8f70-9a1b2c3d4e5f", "rules": _RULES_EXAMPLE},
                {
                    "dataset_version_id": "3f0e8a4c-1d2b-4c5e-8f70-9a1b2c3d4e5f",
                    "rule_set_id": "0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f",
                    "rule_set_version": 2,
                },
            ]
        },
    )

    dataset_version_id: uuid.UUID
    name: str | None = Field(None, min_length=1, max_length=255, description="Name of the masked version")
    unknown_columns: UnknownColumns | None = Field(
        None, description="Overrides the rule set's setting (default: the rule set's, else fail)"
    )


class PreviewRequest(RuleSource):
    """A few rows before and after masking: sample rows of a dataset version, rows you give, or (with
    only a schema version) a few rows read from the schema's source database."""

    model_config = ConfigDict(extra="forbid")

    dataset_version_id: uuid.UUID | None = Field(
        None, description="Sample rows (and the schema to check rules against) come from this version"
    )
    schema_version_id: uuid.UUID | None = Field(
        None, description="Without a dataset version: the schema version the rules and rows belong to"
    )
    table: str = Field(
        min_length=1, max_length=200, description="Table key, e.g. 'customers' or 'sales.staff'"
    )
    rows: list[dict[str, Any]] | None = Field(
        None, max_length=MAX_PREVIEW_ROWS, description="Rows to mask instead of sample rows"
    )
    limit: int = Field(
        5, ge=1, le=MAX_PREVIEW_ROWS, description="Sample rows to take from the dataset (or the source)"
    )

    @model_validator(mode="after")
    def _data_source(self) -> PreviewRequest:
        if self.dataset_version_id is None and self.schema_version_id is None:
            raise ValueError("give dataset_version_id or schema_version_id")
        return self


class PreviewResponse(BaseModel):
    table: str
    key_id: str = Field(description="The masking key id the preview used (the key itself is never shown)")
    columns: list[str]
    rules: list[dict[str, Any]] = Field(
        description="The rules applied to this table, inherited ones included"
    )
    before: list[dict[str, Any]]
    after: list[dict[str, Any]]


class RuleSetCreate(BaseModel):
    """Save a rule set; saving a name that exists makes its next version (earlier ones stay readable)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "shop-default", "rules": _RULES_EXAMPLE}]},
    )

    name: str = Field(min_length=1, max_length=255, pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.:-]*$")
    rules: RulesBody
    description: str | None = Field(None, max_length=2000)
    schema_version_id: uuid.UUID | None = Field(
        None, description="When given, rules are checked against this schema version before saving"
    )
    unknown_columns: UnknownColumns = Field(
        "fail",
        description="A column without a rule that looks personal at mask time: fail the job, "
        "or mask it with the rule suggested for its PII type",
    )


class RuleSetOut(BaseModel):
    id: uuid.UUID
    name: str
    version: int
    rules: list[dict[str, Any]] = Field(description="Rules in the list form: table, column, type, options")
    description: str | None = None
    schema_version_id: uuid.UUID | None = None
    unknown_columns: UnknownColumns = "fail"
    created_by: str | None = None
    created_at: datetime | None = None


class TransformerOut(BaseModel):
    """One rule type, for the portal's rule builder."""

    name: str
    description: str
    categories: list[str] = Field(description="Schema type categories the rule accepts")
    arrow_types: list[str] = Field(description="Arrow types the rule accepts in dataset files")
    options_schema: dict[str, Any] = Field(description="JSON schema of the rule's options")
    guarantees: dict[str, Any]


class DetokenizeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key_id: str = Field(
        min_length=1, max_length=100, description="The masking key id the tokens were made with"
    )
    tokens: list[str] = Field(min_length=1, max_length=1000)


class DetokenizedValue(BaseModel):
    token: str
    value: str | None = Field(description="The original value, or null when the vault has no such token")


class DetokenizeResponse(BaseModel):
    key_id: str
    found: int
    values: list[DetokenizedValue]
