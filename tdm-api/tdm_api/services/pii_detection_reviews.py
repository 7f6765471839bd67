"""Recording people's PII decisions: validated against the version, kept for the schema, applied now.

A decision is stored once per (schema, schema_name, table, column) with the column's data type,
so later versions inherit it until the type changes (the PII job applies stored reviews). It is
also laid over this version's stored classification at once, keeping what was detected before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from tdm_agents.pii_detection.models import PiiFinding
from tdm_agents.pii_detection.reviews import PiiReview, apply_reviews
from tdm_agents.pii_detection.stored import finding_of
from tdm_api.errors import Invalid
from tdm_api.models.pii_detection import ReviewItem
from tdm_api.services.pii_detection_map import Key
from tdm_metadata_store.models import PiiClassification, SchemaVersion
from tdm_metadata_store.repositories.pii import PiiFinding as StoredFinding
from tdm_metadata_store.repositories.pii import PiiRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import SchemaSnapshot


def _resolve(
    snapshot: SchemaSnapshot, items: Sequence[ReviewItem], current: dict[Key, PiiFinding], reviewer: str
) -> list[PiiReview]:
    """Reviews for the items; every unknown table or column, duplicate or empty confirm is a 422."""
    problems: list[dict[str, Any]] = []
    reviews: list[PiiReview] = []
    for i, item in enumerate(items):
        table = snapshot.table(item.table)
        column = table.column(item.column) if table is not None else None
        if table is None or column is None:
            what = "table" if table is None else "column"
            problems.append({"field": f"{i}.{what}", "message": f"no such {what} in this schema version"})
            continue
        key = (table.schema_name, table.name, column.name)
        pii_type = item.pii_type
        if item.decision == "confirm" and pii_type is None:
            pii_type = current[key].pii_type if key in current else None
            if pii_type is None:
                problems.append(
                    {
                        "field": f"{i}.pii_type",
                        "message": "the column is not flagged; give the pii_type you confirm",
                    }
                )
                continue
        if any(r.key == key for r in reviews):
            problems.append({"field": f"{i}.column", "message": "more than one decision for this column"})
            continue
        reviews.append(
            PiiReview(
                schema_name=key[0],
                table=key[1],
                column=key[2],
                data_type=column.data_type,
                action=item.decision,
                pii_type=pii_type,
                reviewer=reviewer,
                note=item.note,
            )
        )
    if problems:
        raise Invalid(f"{len(problems)} review(s) do not fit this schema version.", errors=problems)
    return reviews


def _detected(row: PiiClassification | None) -> dict[str, Any] | None:
    """What the rules found for a column, kept across any number of reviews."""
    if row is None:
        return None
    explanation = row.explanation or {}
    if explanation.get("detected"):
        return explanation["detected"]
    if row.technique == "review":
        return None
    return {
        "pii_type": row.pii_type,
        "subtype": explanation.get("subtype"),
        "confidence": float(row.confidence),
        "technique": row.technique,
        "summary": explanation.get("summary") or "",
    }


def _stored(finding: PiiFinding, previous: PiiClassification | None, reviewed: bool) -> StoredFinding:
    if not reviewed and previous is not None:
        explanation = dict(previous.explanation or {})
    else:
        explanation = {"summary": finding.explanation, "subtype": finding.subtype}
        detected = _detected(previous)
        if detected:
            explanation["detected"] = detected
    return StoredFinding(
        schema_name=finding.schema_name,
        table_name=finding.table,
        column_name=finding.column,
        pii_type=finding.pii_type,
        technique=finding.technique,
        confidence=finding.confidence,
        explanation=explanation,
    )


def record_reviews(
    session: Session, version: SchemaVersion, items: Sequence[ReviewItem], reviewer: str
) -> int:
    """Store the decisions for the schema and apply them to this version's map; returns how many."""
    snapshot = SchemaRepository(session).load_snapshot(version.id, include_virtual=False)
    repo = PiiRepository(session)
    rows = {(r.schema_name, r.table_name, r.column_name): r for r in repo.list_for_version(version.id)}
    current = {key: finding_of(row) for key, row in rows.items()}
    reviews = _resolve(snapshot, items, current, reviewer)
    for review in reviews:
        repo.upsert_review(
            version.schema_id,
            schema_name=review.schema_name,
            table_name=review.table,
            column_name=review.column,
            decision=review.action,
            pii_type=review.pii_type,
            data_type=review.data_type,
            reviewer=reviewer,
            note=review.note,
        )
    outcome = apply_reviews(list(current.values()), reviews, snapshot)
    reviewed = {r.key for r in reviews}
    repo.replace_for_version(
        version.id, [_stored(f, rows.get(f.key), f.key in reviewed) for f in outcome.findings]
    )
    return len(reviews)
