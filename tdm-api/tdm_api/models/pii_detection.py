"""PII classification requests, the PII map of a schema version, reviews and suggested rules."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tdm_agents.pii_detection.models import PiiType
from tdm_agents.pii_detection.options import PiiOptions

ReviewDecision = Literal["confirm", "reject", "change"]
ReviewState = Literal["unreviewed", "confirmed", "rejected", "changed", "stale"]
MAX_REVIEWS_PER_REQUEST = 1000


class ClassifyRequest(PiiOptions):
    """Classify the columns of a discovered schema version (sampled from its source)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "schema_version_id": "3f0e8a4c-1d2b-4c5e-8f70-9a1b2c3d4e5f",
                    "use_llm": False,
                    "sample_size_per_column": 100,
                }
            ]
        },
    )

    schema_version_id: uuid.UUID


class ReviewItem(BaseModel):
    """One person's decision on one column; it lasts across schema versions until the column's type changes."""

    model_config = ConfigDict(extra="forbid")

    table: str = Field(
        min_length=1, max_length=200, description="Table key, e.g. 'customers' or 'sales.staff'"
    )
    column: str = Field(min_length=1, max_length=128)
    decision: ReviewDecision
    pii_type: PiiType | None = Field(
        None,
        description="The right type: required for 'change', optional for 'confirm', not allowed for 'reject'",
    )
    note: str | None = Field(None, max_length=2000)

    @model_validator(mode="after")
    def _type_fits_decision(self) -> ReviewItem:
        if self.decision == "change" and self.pii_type is None:
            raise ValueError("a 'change' decision needs pii_type")
        if self.decision == "reject" and self.pii_type is not None:
            raise ValueError("a 'reject' decision takes no pii_type")
        return self


class ReviewOut(BaseModel):
    """A stored decision as it stands for this version."""

    decision: ReviewDecision
    pii_type: str | None = None
    note: str | None = None
    reviewer: str | None = None
    reviewed_data_type: str | None = Field(None, description="The column's type when it was reviewed")
    applies: bool = Field(description="False when the column's type has changed since (the review is stale)")
    updated_at: datetime | None = None


class DetectedOut(BaseModel):
    """What the rules (or the LLM) found before a review overrode it."""

    pii_type: str
    subtype: str | None = None
    confidence: float
    technique: str
    explanation: str


class PiiColumnOut(BaseModel):
    """One column of the PII map: its classification (none when rejected) and its review state."""

    schema_name: str
    table: str = Field(description="Table key: bare in 'public', else 'schema.table'")
    column: str
    data_type: str | None = None
    pii_type: str | None = Field(None, description="None when a reviewer rejected the column as PII")
    subtype: str | None = None
    confidence: float | None = None
    technique: str | None = Field(None, description="name, regex, checksum, llm or review")
    explanation: str | None = Field(None, description="Which rules matched and what share of samples")
    detected: DetectedOut | None = None
    review_state: ReviewState
    review: ReviewOut | None = None


class PiiMapOut(BaseModel):
    """The PII map of a schema version: every flagged or reviewed column."""

    schema_version_id: uuid.UUID
    schema_id: uuid.UUID
    version_number: int
    columns_flagged: int
    by_type: dict[str, int]
    columns: list[PiiColumnOut]


class SuggestedRulesOut(BaseModel):
    """A masking rule set for the flagged columns, in the form `POST /mask` and `POST /rules/masking` take."""

    schema_version_id: uuid.UUID
    rules: dict[str, dict[str, Any]] = Field(
        description='{"<table>.<column>": {"type": "mask.…", "options": …}}'
    )
    columns: int
    adjusted: dict[str, str] = Field(
        default_factory=dict,
        description="Columns whose type the PII type's "
        "usual rule cannot mask, with the reason and the rule used instead",
    )
