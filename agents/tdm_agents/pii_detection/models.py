"""The vocabulary of PII classification: types, techniques, column samples, evidence and findings.

A `ColumnSample` is what the engine looks at (names, types and an Arrow array of sampled non-null
values); `Evidence` is one technique's opinion about one column; a `PiiFinding` is the merged
answer that is stored, shown to reviewers and turned into masking rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pyarrow as pa
from pydantic import BaseModel, Field

PiiType = Literal[
    "email",
    "phone",
    "person_name",
    "street_address",
    "postcode",
    "city",
    "date_of_birth",
    "national_id",
    "credit_card",
    "iban",
    "bank_account",
    "ip_address",
    "mac_address",
    "username",
    "password_hash",
    "geolocation",
    "free_text_pii",
    "photo",
]
PII_TYPES: tuple[str, ...] = PiiType.__args__  # type: ignore[attr-defined]

Technique = Literal["name", "regex", "checksum", "llm", "review"]

# When two techniques disagree, the stronger one wins (a review is applied after merging).
TECHNIQUE_STRENGTH: dict[str, int] = {"name": 1, "llm": 2, "regex": 3, "checksum": 4, "review": 5}


@dataclass(frozen=True)
class ColumnSample:
    """One column as the classifier sees it: its identity, declared type and sampled values.

    `values` holds non-null sampled values (strings, numbers, dates or bytes); it may be empty
    when the table is empty, in which case only names can speak. `table_columns` lists the
    sibling column names, which give context (a `lat` next to a `lon`).
    """

    schema_name: str
    table: str
    column: str
    data_type: str
    values: pa.Array = field(default_factory=lambda: pa.array([], type=pa.string()))
    type_category: str = "other"
    table_columns: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        """(schema, table, column): how findings and reviews are matched."""
        return (self.schema_name, self.table, self.column)


@dataclass(frozen=True)
class Evidence:
    """One technique's opinion about one column.

    `pii_type` None means the technique positively believes the column is not PII (a `sku`
    column, an LLM answer of "none"); such evidence can veto weaker positive evidence.
    """

    pii_type: str | None
    technique: Technique
    confidence: float
    explanation: str
    subtype: str | None = None
    match_fraction: float | None = None
    # True when the value evidence rests on digits alone (cards, ids, phones without a "+"):
    # those are the detections that a non-PII column name such as `sku` may veto.
    digits_only: bool = False


class PiiFinding(BaseModel):
    """The merged classification of one column that holds PII."""

    schema_name: str
    table: str
    column: str
    pii_type: PiiType
    subtype: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    technique: Technique
    explanation: str

    @property
    def key(self) -> tuple[str, str, str]:
        """(schema, table, column): how findings and reviews are matched."""
        return (self.schema_name, self.table, self.column)
