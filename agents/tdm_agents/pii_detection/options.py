"""A PII classification's options, as the API takes them and a workflow's `pii` section carries them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PiiOptions(BaseModel):
    """How to classify (the schema version is named by the caller's own model)."""

    model_config = ConfigDict(extra="forbid")

    use_llm: bool = Field(
        False,
        description="Also ask the configured LLM (names, types and value shapes "
        "only; skipped and logged when none is configured)",
    )
    sample_size_per_column: int = Field(
        100, ge=1, le=10_000, description="Non-null values sampled per column"
    )
