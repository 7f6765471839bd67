"""The discovered shape of a source database, as plain Pydantic models.

This is the contract between schema discovery (which produces it), the metadata store (which
persists it as an immutable schema version) and every agent that reads a schema version
(PII, subsetting, masking, synthetic, provisioning). It carries structure and statistics only,
never row data.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, Field

TableKind = Literal["table", "partitioned_table", "view", "materialized_view", "foreign_table"]
TypeCategory = Literal[
    "integer",
    "decimal",
    "float",
    "string",
    "boolean",
    "date",
    "timestamp",
    "time",
    "interval",
    "uuid",
    "json",
    "array",
    "enum",
    "binary",
    "network",
    "geometric",
    "other",
]


def table_key(schema_name: str, name: str) -> str:
    """The name a table goes by in datasets, rules and filters: bare in `public`, else qualified."""
    return name if schema_name == "public" else f"{schema_name}.{name}"


class ColumnStats(BaseModel):
    """Statistics from a bounded sample (TABLESAMPLE), so their cost does not grow with the table."""

    sample_rows: int = 0
    null_fraction: float | None = None
    distinct_count: int | None = None
    distinct_fraction: float | None = None
    min: str | None = None
    max: str | None = None
    avg_length: float | None = None


class ColumnInfo(BaseModel):
    name: str
    data_type: str = Field(
        description="PostgreSQL type as format_type() prints it, e.g. 'character varying(80)'"
    )
    udt_name: str | None = Field(
        None, description="Underlying type name, e.g. 'int4', '_text', an enum's name"
    )
    type_category: TypeCategory = "other"
    nullable: bool = True
    ordinal_position: int = 0
    default: str | None = None
    is_identity: bool = False
    identity_generation: str | None = None
    is_generated: bool = False
    generation_expression: str | None = None
    enum_values: list[str] | None = None
    domain_name: str | None = None
    element_type: str | None = Field(None, description="Element type of an array column")
    max_length: int | None = None
    numeric_precision: int | None = None
    numeric_scale: int | None = None
    comment: str | None = None
    collation: str | None = Field(default=None, description="Collation when not the type's default, e.g. 'C'")
    sequence: SequenceInfo | None = Field(
        default=None, description="The sequence the column owns (identity, serial)"
    )
    is_local: bool = Field(
        True,
        description="False when the column comes only from an inheritance parent or the partitioned parent",
    )
    inferred_type: str | None = Field(None, description="Semantic type: email, phone, uuid, url, ip, ...")
    stats: ColumnStats | None = None


class SequenceInfo(BaseModel):
    """The sequence behind an identity or serial column: its name and options (not its position)."""

    schema_name: str
    name: str
    data_type: str = "bigint"
    start: int = 1
    increment: int = 1
    min_value: int | None = None
    max_value: int | None = None
    cache: int = 1
    cycle: bool = False


class UniqueConstraintInfo(BaseModel):
    name: str
    columns: list[str]


class IndexInfo(BaseModel):
    name: str
    columns: list[str] = Field(description="Plain column names; empty for expression-only indexes")
    unique: bool = False
    primary: bool = False
    partial: bool = False
    definition: str = ""


class CheckConstraintInfo(BaseModel):
    name: str
    expression: str


class TableInfo(BaseModel):
    schema_name: str
    name: str
    kind: TableKind = "table"
    row_estimate: int | None = None
    exact_row_count: int | None = None
    size_bytes: int | None = None
    columns: list[ColumnInfo] = Field(default_factory=list)
    primary_key: list[str] = Field(default_factory=list)
    unique_constraints: list[UniqueConstraintInfo] = Field(default_factory=list)
    indexes: list[IndexInfo] = Field(default_factory=list)
    check_constraints: list[CheckConstraintInfo] = Field(default_factory=list)
    partition_of: str | None = Field(None, description="Qualified parent name when this is a partition")
    partitions: list[str] = Field(default_factory=list)
    partition_key: str | None = Field(
        None, description="PARTITION BY clause of a partitioned table, e.g. 'RANGE (payment_date)'"
    )
    partition_bound: str | None = Field(
        None, description="Bound of a partition, e.g. \"FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')\""
    )
    inherits: list[str] = Field(
        default_factory=list, description="Qualified INHERITS parents (table inheritance, not partitions)"
    )
    inherited_by: list[str] = Field(
        default_factory=list, description="Qualified tables that INHERIT from this one"
    )
    inherited_objects: list[str] = Field(
        default_factory=list,
        description="Names of this table's constraints and indexes that come from its parent table",
    )
    comment: str | None = None
    virtual_primary_key: list[str] | None = Field(
        None, description="User-defined key for tables without a PK"
    )

    @property
    def key(self) -> str:
        return table_key(self.schema_name, self.name)

    @property
    def qualified_name(self) -> str:
        return f"{self.schema_name}.{self.name}"

    @property
    def is_subset_source(self) -> bool:
        """Views and partitions are not extracted on their own (the partitioned parent is)."""
        return self.kind in ("table", "partitioned_table") and self.partition_of is None

    def column(self, name: str) -> ColumnInfo | None:
        return next((c for c in self.columns if c.name == name), None)

    def identifying_columns(self) -> list[str]:
        """PK, else the user-defined key, else the first unique constraint whose columns are NOT NULL."""
        if self.primary_key:
            return list(self.primary_key)
        if self.virtual_primary_key:
            return list(self.virtual_primary_key)
        for uc in self.unique_constraints:
            cols = [self.column(c) for c in uc.columns]
            if all(c is not None and not c.nullable for c in cols):
                return list(uc.columns)
        return []


class RelationshipInfo(BaseModel):
    """A foreign key (real or user-defined): child columns reference parent columns, in order."""

    name: str | None = None
    child_schema: str
    child_table: str
    child_columns: list[str]
    parent_schema: str
    parent_table: str
    parent_columns: list[str]
    on_delete: str | None = None
    deferrable: bool = False
    initially_immediate: bool = Field(
        default=False,
        description="A deferrable key checked at each statement unless deferred (INITIALLY IMMEDIATE)",
    )
    on_update: str | None = Field(
        default=None, description="ON UPDATE action other than NO ACTION, e.g. CASCADE"
    )
    match_full: bool = False
    is_virtual: bool = False
    partition_constraints: dict[str, str] = Field(
        default_factory=dict,
        description="Qualified partition -> constraint name, for a key declared on partitions of the "
        "child table (folded into this relationship of the partitioned parent)",
    )

    @property
    def child_key(self) -> str:
        return table_key(self.child_schema, self.child_table)

    @property
    def parent_key(self) -> str:
        return table_key(self.parent_schema, self.parent_table)

    @property
    def is_self_reference(self) -> bool:
        return self.child_key == self.parent_key


class EnumTypeInfo(BaseModel):
    schema_name: str
    name: str
    values: list[str]


class DomainTypeInfo(BaseModel):
    schema_name: str
    name: str
    base_type: str
    not_null: bool = False
    default: str | None = None
    checks: list[str] = Field(default_factory=list)


class CompositeTypeInfo(BaseModel):
    """A composite type (CREATE TYPE ... AS (...)): its attributes' names and types, in order."""

    schema_name: str
    name: str
    attributes: list[str] = Field(description="Attribute names, in order")
    attribute_types: list[str] = Field(description="Their types as format_type() prints them")


class ExtensionInfo(BaseModel):
    """An extension whose types the discovered columns use (the target must have it too)."""

    name: str
    schema_name: str = Field(description="Schema the extension's objects live in")
    types: list[str] = Field(default_factory=list, description="Its types that columns use")


# Fields added after snapshots were first stored: left out of the fingerprint while at their
# default, so a structure discovered before and after they existed keeps the same fingerprint.
_TABLE_DEFAULTS: dict[str, object] = {
    "partition_key": None,
    "partition_bound": None,
    "inherits": [],
    "inherited_by": [],
    "inherited_objects": [],
}
_COLUMN_DEFAULTS: dict[str, object] = {"is_local": True, "collation": None, "sequence": None}
_SNAPSHOT_DEFAULTS: dict[str, object] = {"extensions": [], "composites": []}
_RELATIONSHIP_DEFAULTS: dict[str, object] = {
    "partition_constraints": {},
    "initially_immediate": False,
    "on_update": None,
    "match_full": False,
}


def _drop_defaults(item: dict, defaults: dict[str, object]) -> None:
    for key, default in defaults.items():
        if key in item and item[key] == default:
            del item[key]


class SchemaSnapshot(BaseModel):
    """Everything discovery learned about one database, at one moment."""

    database: str | None = None
    server_version: str | None = None
    schemas: list[str] = Field(default_factory=lambda: ["public"])
    tables: list[TableInfo] = Field(default_factory=list)
    relationships: list[RelationshipInfo] = Field(default_factory=list)
    enums: list[EnumTypeInfo] = Field(default_factory=list)
    domains: list[DomainTypeInfo] = Field(default_factory=list)
    extensions: list[ExtensionInfo] = Field(default_factory=list)
    composites: list[CompositeTypeInfo] = Field(default_factory=list)

    def table(self, ref: str) -> TableInfo | None:
        """Find a table by key ('orders', 'sales.orders') or by bare name when that is unambiguous."""
        for t in self.tables:
            if ref in (t.key, t.qualified_name):
                return t
        matches = [t for t in self.tables if t.name == ref]
        return matches[0] if len(matches) == 1 else None

    def partition_root(self, table: TableInfo) -> TableInfo:
        """The top of `table`'s partition tree (the table itself when it is not a partition)."""
        seen = {table.qualified_name}
        while table.partition_of is not None and table.partition_of not in seen:
            parent = self.table(table.partition_of)
            if parent is None:
                break
            seen.add(parent.qualified_name)
            table = parent
        return table

    def structure_dict(self) -> dict:
        """The structure without statistics or estimates: what the fingerprint is computed over."""
        data = self.model_dump(mode="json")
        for t in data["tables"]:
            for k in ("row_estimate", "exact_row_count", "size_bytes"):
                t.pop(k, None)
            _drop_defaults(t, _TABLE_DEFAULTS)
            for c in t["columns"]:
                c.pop("stats", None)
                c.pop("inferred_type", None)
                _drop_defaults(c, _COLUMN_DEFAULTS)
        for r in data["relationships"]:
            _drop_defaults(r, _RELATIONSHIP_DEFAULTS)
        data.pop("server_version", None)
        _drop_defaults(data, _SNAPSHOT_DEFAULTS)
        data["tables"].sort(key=lambda t: (t["schema_name"], t["name"]))
        data["relationships"].sort(key=lambda r: json.dumps(r, sort_keys=True))
        return data

    def fingerprint(self) -> str:
        """SHA-256 over the canonical structure: equal fingerprints mean no drift."""
        blob = json.dumps(self.structure_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()
