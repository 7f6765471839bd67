"""Structural drift between two snapshots: what `GET /schema/{id}/diff` reports.

Only structure is compared (statistics, estimates and semantic labels change with the data and
are not drift). Tables are matched by qualified name, columns by name, foreign keys by their
child and parent columns (a renamed constraint with the same columns is a change, not a
removal plus an addition).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from tdm_metadata_store.snapshot import ColumnInfo, RelationshipInfo, SchemaSnapshot, TableInfo

# Column attributes whose change is drift; ordinal position alone is not (a dump/restore moves it).
COLUMN_FIELDS = (
    "data_type",
    "nullable",
    "default",
    "is_identity",
    "identity_generation",
    "is_generated",
    "generation_expression",
    "enum_values",
    "domain_name",
    "max_length",
    "numeric_precision",
    "numeric_scale",
)
RELATIONSHIP_FIELDS = ("name", "on_delete", "deferrable", "is_virtual")


class FieldChange(BaseModel):
    """One attribute that changed, with its old and new value."""

    field: str
    old: Any = None
    new: Any = None


class ColumnChange(BaseModel):
    """A column present in both snapshots whose definition changed."""

    column: str
    changes: list[FieldChange]


class TableChange(BaseModel):
    """A table present in both snapshots whose structure changed."""

    table: str = Field(description="Qualified name, schema.table")
    kind: FieldChange | None = None
    added_columns: list[str] = Field(default_factory=list)
    removed_columns: list[str] = Field(default_factory=list)
    changed_columns: list[ColumnChange] = Field(default_factory=list)
    primary_key: FieldChange | None = None
    added_unique: list[list[str]] = Field(default_factory=list)
    removed_unique: list[list[str]] = Field(default_factory=list)


class RelationshipChange(BaseModel):
    """A foreign key (same columns on both sides) whose name, action or deferrability changed."""

    relationship: RelationshipInfo
    changes: list[FieldChange]


class SchemaDiff(BaseModel):
    """Everything that differs in structure between `old` and `new`."""

    old_fingerprint: str
    new_fingerprint: str
    added_tables: list[str] = Field(default_factory=list)
    removed_tables: list[str] = Field(default_factory=list)
    changed_tables: list[TableChange] = Field(default_factory=list)
    added_relationships: list[RelationshipInfo] = Field(default_factory=list)
    removed_relationships: list[RelationshipInfo] = Field(default_factory=list)
    changed_relationships: list[RelationshipChange] = Field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        """True when any table, column, key or relationship differs."""
        return bool(
            self.added_tables
            or self.removed_tables
            or self.changed_tables
            or self.added_relationships
            or self.removed_relationships
            or self.changed_relationships
        )


def _field_changes(old: BaseModel, new: BaseModel, fields: tuple[str, ...]) -> list[FieldChange]:
    return [
        FieldChange(field=f, old=getattr(old, f), new=getattr(new, f))
        for f in fields
        if getattr(old, f) != getattr(new, f)
    ]


def _column_changes(
    old: list[ColumnInfo], new: list[ColumnInfo]
) -> tuple[list[str], list[str], list[ColumnChange]]:
    old_by, new_by = {c.name: c for c in old}, {c.name: c for c in new}
    added = [c.name for c in new if c.name not in old_by]
    removed = [c.name for c in old if c.name not in new_by]
    changed = []
    for name, column in new_by.items():
        if name in old_by and (changes := _field_changes(old_by[name], column, COLUMN_FIELDS)):
            changed.append(ColumnChange(column=name, changes=changes))
    return added, removed, changed


def _table_change(old: TableInfo, new: TableInfo) -> TableChange | None:
    added, removed, changed = _column_changes(old.columns, new.columns)
    old_unique = [u.columns for u in old.unique_constraints]
    new_unique = [u.columns for u in new.unique_constraints]
    change = TableChange(
        table=new.qualified_name,
        kind=FieldChange(field="kind", old=old.kind, new=new.kind) if old.kind != new.kind else None,
        added_columns=added,
        removed_columns=removed,
        changed_columns=changed,
        primary_key=(
            FieldChange(field="primary_key", old=old.primary_key, new=new.primary_key)
            if old.primary_key != new.primary_key
            else None
        ),
        added_unique=[u for u in new_unique if u not in old_unique],
        removed_unique=[u for u in old_unique if u not in new_unique],
    )
    empty = TableChange(table=new.qualified_name)
    return None if change == empty else change


def _relationship_key(rel: RelationshipInfo) -> tuple:
    return (
        rel.child_schema,
        rel.child_table,
        tuple(rel.child_columns),
        rel.parent_schema,
        rel.parent_table,
        tuple(rel.parent_columns),
    )


def _relationship_diff(old: SchemaSnapshot, new: SchemaSnapshot, diff: SchemaDiff) -> None:
    old_by = {_relationship_key(r): r for r in old.relationships}
    new_by = {_relationship_key(r): r for r in new.relationships}
    diff.added_relationships = [r for k, r in new_by.items() if k not in old_by]
    diff.removed_relationships = [r for k, r in old_by.items() if k not in new_by]
    for key, rel in new_by.items():
        if key in old_by and (changes := _field_changes(old_by[key], rel, RELATIONSHIP_FIELDS)):
            diff.changed_relationships.append(RelationshipChange(relationship=rel, changes=changes))


def diff_snapshots(old: SchemaSnapshot, new: SchemaSnapshot) -> SchemaDiff:
    """Compare two snapshots of the same source: tables, columns, keys, unique constraints, FKs."""
    diff = SchemaDiff(old_fingerprint=old.fingerprint(), new_fingerprint=new.fingerprint())
    old_tables = {t.qualified_name: t for t in old.tables}
    new_tables = {t.qualified_name: t for t in new.tables}
    diff.added_tables = sorted(k for k in new_tables if k not in old_tables)
    diff.removed_tables = sorted(k for k in old_tables if k not in new_tables)
    for name in sorted(new_tables.keys() & old_tables.keys()):
        change = _table_change(old_tables[name], new_tables[name])
        if change is not None:
            diff.changed_tables.append(change)
    _relationship_diff(old, new, diff)
    return diff
