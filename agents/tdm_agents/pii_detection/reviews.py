"""People's decisions about PII, applied over fresh findings.

A review is keyed by (schema, table, column) and remembers the column's data type when it was
made; it carries into later schema versions until the column changes type, at which point it is
dropped (the column may now hold something else). A review beats every technique.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, model_validator

from tdm_agents.pii_detection.models import PiiFinding, PiiType
from tdm_metadata_store.snapshot import SchemaSnapshot

ReviewAction = Literal["confirm", "reject", "change"]


class PiiReview(BaseModel):
    """One person's decision about one column."""

    schema_name: str
    table: str
    column: str
    data_type: str
    action: ReviewAction
    pii_type: PiiType | None = None
    subtype: str | None = None
    reviewer: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _type_given_when_needed(self) -> PiiReview:
        if self.action == "change" and self.pii_type is None:
            raise ValueError("a 'change' review needs the new pii_type")
        return self

    @property
    def key(self) -> tuple[str, str, str]:
        """(schema, table, column) the review applies to."""
        return (self.schema_name, self.table, self.column)


@dataclass
class ReviewOutcome:
    """Findings after reviews, and which reviews were applied or dropped (column gone or retyped)."""

    findings: list[PiiFinding]
    applied: list[PiiReview] = field(default_factory=list)
    dropped: list[PiiReview] = field(default_factory=list)


def column_types(snapshot: SchemaSnapshot) -> dict[tuple[str, str, str], str]:
    """(schema, table, column) -> data type, for every column of the snapshot."""
    return {(t.schema_name, t.name, c.name): c.data_type for t in snapshot.tables for c in t.columns}


def apply_reviews(
    findings: list[PiiFinding], reviews: list[PiiReview], snapshot: SchemaSnapshot
) -> ReviewOutcome:
    """Apply still-valid reviews over findings: confirm, reject (removes) or change the type."""
    types = column_types(snapshot)
    by_key = {f.key: f for f in findings}
    outcome = ReviewOutcome(findings=[])
    for review in reviews:
        if types.get(review.key) != review.data_type:
            outcome.dropped.append(review)
            continue
        outcome.applied.append(review)
        by_key[review.key] = _reviewed(by_key.get(review.key), review)  # type: ignore[assignment]
    outcome.findings = [f for f in by_key.values() if f is not None]
    return outcome


def _reviewed(finding: PiiFinding | None, review: PiiReview) -> PiiFinding | None:
    if review.action == "reject":
        return None
    pii_type = review.pii_type or (finding.pii_type if finding else None)
    if pii_type is None:
        return finding  # confirming nothing, with no type given, changes nothing
    keep_subtype = finding is not None and finding.pii_type == pii_type
    subtype = review.subtype or (finding.subtype if keep_subtype and finding else None)
    who = f" by {review.reviewer}" if review.reviewer else ""
    return PiiFinding(
        schema_name=review.schema_name,
        table=review.table,
        column=review.column,
        pii_type=pii_type,
        subtype=subtype,
        confidence=1.0,
        technique="review",
        explanation=f"{review.action}ed{who}" if review.action != "change" else f"changed to {pii_type}{who}",
    )
