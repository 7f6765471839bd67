"""Reading a schema version's PII map: stored classifications joined with people's reviews.

Classifications are stored per version by the PII job (and rewritten by reviews); the explanation
JSON holds the finding's `summary`, its `subtype` and, for a reviewed column, what was `detected`
before the review.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence

from sqlalchemy.orm import Session

from tdm_agents.pii_detection.stored import finding_of
from tdm_api.errors import NotFound
from tdm_api.models.pii_detection import DetectedOut, PiiColumnOut, PiiMapOut, ReviewOut, ReviewState
from tdm_metadata_store.models import PiiClassification, PiiReview, SchemaVersion
from tdm_metadata_store.repositories.pii import PiiRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import SchemaSnapshot, table_key

Key = tuple[str, str, str]
_STATES: dict[str, ReviewState] = {"confirm": "confirmed", "reject": "rejected", "change": "changed"}


def version_or_404(session: Session, schema_version_id: uuid.UUID) -> SchemaVersion:
    """The schema version, or a 404 problem."""
    version = SchemaRepository(session).get_version(schema_version_id)
    if version is None:
        raise NotFound("No schema version with this id.", field="schema_version_id")
    return version


def column_types(snapshot: SchemaSnapshot) -> dict[Key, str]:
    """(schema, table, column) -> data type for every column of the snapshot."""
    return {(t.schema_name, t.name, c.name): c.data_type for t in snapshot.tables for c in t.columns}


def _review_out(review: PiiReview, current_type: str | None) -> ReviewOut:
    return ReviewOut(
        decision=review.decision,
        pii_type=review.pii_type,
        note=review.note,  # type: ignore[arg-type]
        reviewer=review.reviewer,
        reviewed_data_type=review.data_type,
        applies=review.data_type == current_type,
        updated_at=review.updated_at,
    )


def _state(review: ReviewOut | None) -> ReviewState:
    if review is None:
        return "unreviewed"
    return _STATES[review.decision] if review.applies else "stale"


def _column(
    key: Key, data_type: str | None, row: PiiClassification | None, review: ReviewOut | None
) -> PiiColumnOut:
    column = PiiColumnOut(
        schema_name=key[0],
        table=table_key(key[0], key[1]),
        column=key[2],
        data_type=data_type,
        review_state=_state(review),
        review=review,
    )
    if row is not None:
        finding, detected = finding_of(row), (row.explanation or {}).get("detected")
        column.pii_type, column.subtype, column.confidence = (
            finding.pii_type,
            finding.subtype,
            finding.confidence,
        )
        column.technique, column.explanation = finding.technique, finding.explanation
        if detected:
            column.detected = DetectedOut(
                pii_type=detected["pii_type"],
                subtype=detected.get("subtype"),
                confidence=detected["confidence"],
                technique=detected["technique"],
                explanation=detected.get("summary") or "",
            )
    return column


def build_pii_map(
    version: SchemaVersion,
    snapshot: SchemaSnapshot,
    rows: Sequence[PiiClassification],
    reviews: Sequence[PiiReview],
) -> PiiMapOut:
    """Flagged columns plus reviewed columns of this version (a rejected column shows its review)."""
    types = column_types(snapshot)
    by_key = {(r.schema_name, r.table_name, r.column_name): r for r in rows}
    review_by_key = {(r.schema_name, r.table_name, r.column_name): r for r in reviews}
    keys = sorted(set(by_key) | {k for k in review_by_key if k in types})
    columns = [
        _column(
            key,
            types.get(key),
            by_key.get(key),
            _review_out(review_by_key[key], types.get(key)) if key in review_by_key else None,
        )
        for key in keys
    ]
    counts = Counter(r.pii_type for r in rows)
    return PiiMapOut(
        schema_version_id=version.id,
        schema_id=version.schema_id,
        version_number=version.version_number,
        columns_flagged=len(rows),
        by_type=dict(sorted(counts.items())),
        columns=columns,
    )


def load_pii_map(session: Session, schema_version_id: uuid.UUID) -> PiiMapOut:
    """The PII map of a version (404 when the version is unknown)."""
    version = version_or_404(session, schema_version_id)
    snapshot = SchemaRepository(session).load_snapshot(version.id, include_virtual=False)
    repo = PiiRepository(session)
    return build_pii_map(
        version, snapshot, repo.list_for_version(version.id), repo.reviews_for_schema(version.schema_id)
    )
