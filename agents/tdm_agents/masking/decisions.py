"""People's PII decisions and the stored classification of a schema version, keyed as datasets name columns."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tdm_agents.masking.coverage import ColumnKey, PrivacyDecisions
from tdm_metadata_store.repositories.pii import PiiRepository
from tdm_metadata_store.repositories.schemas import SchemaRepository
from tdm_metadata_store.snapshot import SchemaSnapshot, table_key


def valid_reviews(session: Session, schema_id: uuid.UUID, snapshot: SchemaSnapshot) -> dict[ColumnKey, str]:
    """(table key, column) -> decision, for reviews still valid for the column's current type."""
    types = {(t.schema_name, t.name, c.name): c.data_type for t in snapshot.tables for c in t.columns}
    out = {}
    for review in PiiRepository(session).reviews_for_schema(schema_id):
        key = (review.schema_name, review.table_name, review.column_name)
        if key in types and types[key] == review.data_type:
            out[(table_key(key[0], key[1]), key[2])] = review.decision
    return out


def privacy_decisions(
    session: Session, schema_version_id: uuid.UUID, snapshot: SchemaSnapshot
) -> PrivacyDecisions:
    """Columns reviewed as not personal, and columns reviewed or classified as personal (with the type)."""
    version = SchemaRepository(session).get_version(schema_version_id)
    if version is None:
        return PrivacyDecisions()
    repo = PiiRepository(session)
    personal = {
        (table_key(row.schema_name, row.table_name), row.column_name): row.pii_type
        for row in repo.list_for_version(schema_version_id)
    }
    not_personal = set()
    for key, decision in valid_reviews(session, version.schema_id, snapshot).items():
        if decision == "reject":
            not_personal.add(key)
            personal.pop(key, None)
    return PrivacyDecisions(not_personal=frozenset(not_personal), personal=personal)
