"""Between a discovered `SchemaSnapshot` and the normalized schema, both ways.

`from_snapshot` turns a schema version into entities (types, constraints, simple CHECKs,
statistics) and relationships; observed ranges bound ordinary columns, never integer keys. `to_snapshot` describes a normalized schema as PostgreSQL tables,
so provisioning can create the tables of a synthetic dataset.
"""

from __future__ import annotations

from tdm_agents.synthetic.check_constraints import ColumnBounds, read_check_constraints
from tdm_agents.synthetic.schema_model import (
    Attribute,
    AttributeType,
    Entity,
    NormalizedSchema,
    Relationship,
    SchemaSource,
)
from tdm_agents.synthetic.semantics import KNOWN_SEMANTIC_TYPES, infer_semantic_type
from tdm_metadata_store.snapshot import (
    CheckConstraintInfo,
    ColumnInfo,
    ColumnStats,
    RelationshipInfo,
    SchemaSnapshot,
    TableInfo,
    TypeCategory,
    UniqueConstraintInfo,
)

_FROM_CATEGORY: dict[str, AttributeType] = {
    "integer": "integer",
    "decimal": "decimal",
    "float": "float",
    "boolean": "boolean",
    "date": "date",
    "timestamp": "datetime",
    "uuid": "uuid",
    "json": "json",
}
_TO_CATEGORY: dict[str, TypeCategory] = {
    "string": "string",
    "integer": "integer",
    "decimal": "decimal",
    "float": "float",
    "boolean": "boolean",
    "date": "date",
    "datetime": "timestamp",
    "uuid": "uuid",
    "json": "json",
}
_NUMERIC = ("integer", "decimal", "float")


def from_snapshot(snapshot: SchemaSnapshot, reference: str = "schema_version") -> NormalizedSchema:
    """Entities and relationships of every base table in a discovered schema.

    Observed min/max bound ordinary columns; integer keys and foreign keys stay unbounded unless a
    CHECK constraint declares their range (see `free_key_ranges`).
    """
    entities = [_entity(t) for t in snapshot.tables if t.is_subset_source]
    names = {e.name for e in entities}
    relationships = [
        Relationship(
            child_entity=r.child_key,
            child_attributes=list(r.child_columns),
            parent_entity=r.parent_key,
            parent_attributes=list(r.parent_columns),
            source="db",
        )
        for r in snapshot.relationships
        if r.child_key in names and r.parent_key in names
    ]
    schema = NormalizedSchema(
        entities=entities,
        relationships=relationships,
        sources=[SchemaSource(kind="db", reference=reference)],
    )
    free_key_ranges(schema, snapshot)
    return schema


def free_key_ranges(schema: NormalizedSchema, snapshot: SchemaSnapshot) -> None:
    """Drop observed min/max from integer keys and foreign keys whose bounds no CHECK constraint declares.

    Statistics describe the source's rows, not a rule: a key must be able to take as many distinct
    values as rows are planned, which may be more than the source held, and a foreign key takes
    whatever values its parent key was given.
    """
    for entity in schema.entities:
        table = snapshot.table(entity.name)
        expressions = [c.expression for c in table.check_constraints] if table else []
        checked = read_check_constraints(expressions).columns
        references = schema.fk_attributes(entity.name)
        for attribute in entity.attributes:
            is_key = attribute.unique or attribute.name in entity.primary_key or attribute.name in references
            if is_key and attribute.type == "integer" and attribute.name not in checked:
                attribute.min = attribute.max = None


def _entity(table: TableInfo) -> Entity:
    checks = read_check_constraints([c.expression for c in table.check_constraints]).columns
    unique_single = {uc.columns[0] for uc in table.unique_constraints if len(uc.columns) == 1}
    if len(table.primary_key) == 1:
        unique_single.add(table.primary_key[0])
    attributes = [
        _attribute(c, c.name in unique_single, checks.get(c.name))
        for c in table.columns
        if not c.is_generated
    ]
    return Entity(
        name=table.key,
        attributes=attributes,
        primary_key=list(table.identifying_columns()),
        default_rows=table.exact_row_count or table.row_estimate or None,
        source="db",
        description=table.comment,
    )


def _attribute(column: ColumnInfo, unique: bool, bounds: ColumnBounds | None) -> Attribute:
    kind: AttributeType = _FROM_CATEGORY.get(column.type_category, "string")
    stats = column.stats
    attribute = Attribute(
        name=column.name,
        type=kind,
        nullable=column.nullable,
        unique=unique,
        enum_values=column.enum_values,
        max_length=column.max_length,
        scale=column.numeric_scale if kind == "decimal" else None,
        null_fraction=stats.null_fraction if stats else None,
        source="db",
        description=column.comment,
    )
    if stats is not None:
        attribute.min, attribute.max = _stat_bound(kind, stats.min), _stat_bound(kind, stats.max)
    if bounds is not None:
        _apply_bounds(attribute, bounds)
    attribute.semantic_type = _semantic(column, kind)
    return attribute


def _semantic(column: ColumnInfo, kind: AttributeType) -> str | None:
    discovered = column.inferred_type
    if discovered in KNOWN_SEMANTIC_TYPES and kind == "string":
        return discovered
    return infer_semantic_type(column.name, kind)


def _stat_bound(kind: AttributeType, value: str | None) -> float | str | None:
    if value is None:
        return None
    if kind in _NUMERIC:
        try:
            return float(value)
        except ValueError:
            return None
    return value if kind in ("date", "datetime") else None


def _apply_bounds(attribute: Attribute, bounds: ColumnBounds) -> None:
    step = 1.0 if attribute.type == "integer" else 10.0 ** -(attribute.scale or 2)
    if bounds.min is not None:
        low = bounds.min + step if bounds.min_exclusive else bounds.min
        attribute.min = max(low, attribute.min) if isinstance(attribute.min, float) else low
    if bounds.max is not None:
        high = bounds.max - step if bounds.max_exclusive else bounds.max
        attribute.max = min(high, attribute.max) if isinstance(attribute.max, float) else high
    if bounds.enum_values:
        attribute.enum_values = bounds.enum_values


def to_snapshot(schema: NormalizedSchema, schema_name: str = "public") -> SchemaSnapshot:
    """PostgreSQL tables for a normalized schema: types, keys, unique and enum CHECK constraints, FKs."""
    tables = [_table(e, schema, schema_name) for e in schema.entities]
    relationships = [
        RelationshipInfo(
            name=f"{r.child_entity}_{'_'.join(r.child_attributes)}_fkey",
            child_schema=schema_name,
            child_table=r.child_entity,
            child_columns=list(r.child_attributes),
            parent_schema=schema_name,
            parent_table=r.parent_entity,
            parent_columns=list(r.parent_attributes),
        )
        for r in schema.relationships
    ]
    return SchemaSnapshot(schemas=[schema_name], tables=tables, relationships=relationships)


def _table(entity: Entity, schema: NormalizedSchema, schema_name: str) -> TableInfo:
    referenced = {tuple(r.parent_attributes) for r in schema.relationships if r.parent_entity == entity.name}
    unique = [a.name for a in entity.attributes if a.unique and [a.name] != entity.primary_key]
    unique += [cols[0] for cols in referenced if len(cols) == 1 and list(cols) != entity.primary_key]
    checks = [
        CheckConstraintInfo(name=f"{entity.name}_{a.name}_check", expression=_enum_check(a))
        for a in entity.attributes
        if a.enum_values
    ]
    return TableInfo(
        schema_name=schema_name,
        name=entity.name,
        columns=[_column(a, i + 1, entity) for i, a in enumerate(entity.attributes)],
        primary_key=list(entity.primary_key),
        unique_constraints=[
            UniqueConstraintInfo(name=f"{entity.name}_{name}_key", columns=[name])
            for name in dict.fromkeys(unique)
        ],
        check_constraints=checks,
        comment=entity.description,
    )


def _column(attribute: Attribute, position: int, entity: Entity) -> ColumnInfo:
    return ColumnInfo(
        name=attribute.name,
        data_type=pg_type(attribute),
        type_category=_TO_CATEGORY[attribute.type],
        nullable=attribute.nullable and attribute.name not in entity.primary_key,
        ordinal_position=position,
        enum_values=attribute.enum_values,
        max_length=attribute.max_length if attribute.type == "string" else None,
        numeric_scale=decimal_scale(attribute) if attribute.type == "decimal" else None,
        inferred_type=attribute.semantic_type,
        comment=attribute.description,
        stats=ColumnStats(null_fraction=attribute.null_fraction) if attribute.null_fraction else None,
    )


def decimal_scale(attribute: Attribute) -> int:
    """Digits after the point of a decimal attribute (2 unless declared)."""
    return attribute.scale if attribute.scale is not None else 2


def pg_type(attribute: Attribute) -> str:
    """The PostgreSQL type a generated attribute is stored as."""
    if attribute.type == "string":
        return f"character varying({attribute.max_length})" if attribute.max_length else "text"
    if attribute.type == "integer":
        return "bigint"
    if attribute.type == "decimal":
        return f"numeric(18,{decimal_scale(attribute)})"
    return {
        "float": "double precision",
        "boolean": "boolean",
        "date": "date",
        "datetime": "timestamp without time zone",
        "uuid": "uuid",
        "json": "jsonb",
    }[attribute.type]


def _enum_check(attribute: Attribute) -> str:
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in attribute.enum_values or [])
    return f'CHECK (("{attribute.name}" IN ({quoted})))'
