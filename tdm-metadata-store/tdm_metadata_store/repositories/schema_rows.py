"""Writes a snapshot's tables, columns and relationships as rows, in three bulk statements."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from tdm_metadata_store.models import Column, Relationship, Table
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo


def _table_row(version_id: uuid.UUID, table: TableInfo) -> dict[str, Any]:
    return {
        "schema_version_id": version_id,
        "schema_name": table.schema_name,
        "name": table.name,
        "kind": table.kind,
        "row_estimate": table.row_estimate,
        "exact_row_count": table.exact_row_count,
        "size_bytes": table.size_bytes,
        "primary_key": list(table.primary_key),
        "partition_of": table.partition_of,
    }


def _column_row(table_id: uuid.UUID, column: ColumnInfo) -> dict[str, Any]:
    return {
        "table_id": table_id,
        "name": column.name,
        "data_type": column.data_type,
        "udt_name": column.udt_name,
        "type_category": column.type_category,
        "inferred_type": column.inferred_type,
        "nullable": column.nullable,
        "ordinal_position": column.ordinal_position,
        "default": column.default,
        "stats_json": column.stats.model_dump(mode="json") if column.stats else None,
    }


def write_snapshot_rows(session: Session, version_id: uuid.UUID, snapshot: SchemaSnapshot) -> None:
    """Insert one row per table, column and relationship of the snapshot under `version_id`.

    Relationships whose tables are outside the snapshot (another schema, not discovered) stay
    in snapshot_json only: a relationship row needs both table ids.
    """
    if not snapshot.tables:
        return
    inserted = session.execute(
        insert(Table).returning(Table.id, Table.schema_name, Table.name, sort_by_parameter_order=True),
        [_table_row(version_id, t) for t in snapshot.tables],
    ).all()
    table_ids = {(schema_name, name): table_id for table_id, schema_name, name in inserted}
    column_rows = [
        _column_row(table_ids[(t.schema_name, t.name)], c) for t in snapshot.tables for c in t.columns
    ]
    if column_rows:
        session.execute(insert(Column), column_rows)
    relationship_rows = []
    for rel in snapshot.relationships:
        child = table_ids.get((rel.child_schema, rel.child_table))
        parent = table_ids.get((rel.parent_schema, rel.parent_table))
        if child is None or parent is None:
            continue
        relationship_rows.append(
            {
                "schema_version_id": version_id,
                "name": rel.name,
                "child_table_id": child,
                "parent_table_id": parent,
                "child_columns": list(rel.child_columns),
                "parent_columns": list(rel.parent_columns),
                "on_delete": rel.on_delete,
                "is_virtual": rel.is_virtual,
            }
        )
    if relationship_rows:
        session.execute(insert(Relationship), relationship_rows)
