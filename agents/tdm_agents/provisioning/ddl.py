"""DDL for the dataset's tables that do not exist in the target, and the shape check for those that do.

Tables are created without foreign keys; the loader adds them after the rows are in (a bulk load
into keyless tables is faster, and cycles need no special order). A plain new table (not partitioned,
not in an inheritance tree, not loaded by upsert) gets its primary key and unique constraints after
the load too: one sorted index build per key instead of an index insert per row. Sequence defaults (`nextval`)
become identity columns, so the target owns its sequences. Names come from the schema snapshot
(identifiers, quoted); types, defaults and expressions are the catalog's own text from discovery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from psycopg import sql

from tdm_agents.provisioning import partition_ddl
from tdm_agents.provisioning.catalog import TargetCatalog, TargetColumn
from tdm_agents.provisioning.comments import comment_statements
from tdm_agents.provisioning.composite_types import composite_statements
from tdm_agents.provisioning.errors import ProvisioningError, SchemaConflictError
from tdm_agents.provisioning.layout import TargetLayout, TargetTable
from tdm_agents.provisioning.sequences import is_serial, sequence_options, serial_default, serial_statements
from tdm_metadata_store.snapshot import ColumnInfo, DomainTypeInfo, EnumTypeInfo, RelationshipInfo

_NEXTVAL = re.compile(r"nextval\(", re.IGNORECASE)
# ' ON [ONLY] <name>[.<name>] USING ', each name plain or quoted (quoted ones may hold spaces).
_NAME = r'(?:"(?:[^"]|"")*"|[^\s."]+)'
_INDEX_TARGET = re.compile(rf" ON (ONLY )?{_NAME}(?:\.{_NAME})? USING ")
# Type families whose values load into each other through text (the staging path casts them).
_FAMILIES = {
    "int2": "integer",
    "int4": "integer",
    "int8": "integer",
    "numeric": "number",
    "float4": "number",
    "float8": "number",
    "text": "string",
    "varchar": "string",
    "bpchar": "string",
    "name": "string",
    "citext": "string",
    "json": "json",
    "jsonb": "json",
    "timestamp": "timestamp",
    "timestamptz": "timestamp",
}
_INT_WIDTH = {"int2": 2, "int4": 4, "int8": 8}


@dataclass
class ForeignKeyStep:
    """One foreign key to add after the load: it can be added once both tables are loaded and keyed."""

    child: str
    parent: str
    statement: sql.Composable


@dataclass
class SchemaPlan:
    """What apply_schema will do: statements before the load, and FKs and indexes after it.

    `after_load` holds, per table key, the keys, indexes and comments a table gets once loaded (a
    partitioned table's include its partitions'), so each can be built as soon as its table is in."""

    create_tables: list[str] = field(default_factory=list)
    before_load: list[sql.Composable] = field(default_factory=list)
    after_load: dict[str, list[sql.Composable]] = field(default_factory=dict)
    foreign_keys: list[ForeignKeyStep] = field(default_factory=list)


def plan_schema(
    layout: TargetLayout, catalog: TargetCatalog, *, recreate: bool = False, keys_after_load: bool = True
) -> SchemaPlan:
    """DDL for missing tables (or all tables when `recreate`), after checking existing ones fit.

    `keys_after_load=False` (upserts) keeps every key in CREATE TABLE: ON CONFLICT needs it during the load.
    """
    plan = SchemaPlan()
    missing = [t for t in layout.tables.values() if recreate or catalog.columns(t) is None]
    if not recreate:
        check_conflicts(layout, catalog)
    for schema in sorted({t.schema for t in missing} - catalog.schemas):
        plan.before_load.append(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
    plan.before_load.extend(_type_statements(layout, catalog, missing))
    if missing:
        plan.before_load.extend(composite_statements(layout, catalog))
    for table in partition_ddl.creation_order(missing, layout):
        plan.create_tables.append(table.key)
        sequences, owners = serial_statements(table, layout)
        deferred = keys_after_load and _plain(table, layout)
        plan.before_load.extend(sequences)
        plan.before_load.append(create_table_sql(table, layout, with_keys=not deferred))
        plan.before_load.extend(owners)
        plan.before_load.extend(partition_ddl.partition_statements(table, layout))
        steps = plan.after_load.setdefault(table.key, [])
        if deferred:
            steps.extend(key_statements(table))
        steps.extend(index_statements(table))
        steps.extend(comment_statements(table))
        for part in partition_ddl.partition_tables(table, layout):
            steps.extend(index_statements(part))
            steps.extend(comment_statements(part))
    created = {t.key for t in missing}
    for rel in layout.real_relationships():
        if rel.child_key in created:
            if partition_ddl.declared_on_root(rel):
                plan.foreign_keys.append(
                    ForeignKeyStep(rel.child_key, rel.parent_key, foreign_key_sql(rel, layout))
                )
            for partition, name in partition_ddl.partition_keys(rel, layout):
                keyed = rel.model_copy(update={"name": name})
                statement = foreign_key_sql(keyed, layout, on=partition)
                plan.foreign_keys.append(ForeignKeyStep(rel.child_key, rel.parent_key, statement))
    return plan


def analyze_join_columns(layout: TargetLayout, loaded: list[str]) -> sql.Composable | None:
    """ANALYZE of the loaded tables' columns that foreign keys join on, or None when there are none.

    Only those columns: statistics of whole tables cost several times more (TPC-H SF0.1, 8 tables:
    300 ms vs 55 ms), and the validations read no others; autovacuum analyzes the rest later."""
    columns: dict[str, list[str]] = {}
    for rel in layout.real_relationships():
        for key, names in ((rel.child_key, rel.child_columns), (rel.parent_key, rel.parent_columns)):
            if key in loaded:
                wanted = columns.setdefault(key, [])
                wanted.extend(name for name in names if name not in wanted)
    targets = [
        sql.SQL("{} ({})").format(layout.tables[key].ident, _idents(columns[key]))
        for key in loaded
        if key in columns
    ]
    return sql.SQL("ANALYZE {}").format(sql.SQL(", ").join(targets)) if targets else None


def check_conflicts(layout: TargetLayout, catalog: TargetCatalog) -> None:
    """Raise SchemaConflictError (before any change) when an existing table cannot take the dataset."""
    problems: list[str] = []
    for table in layout.tables.values():
        existing = catalog.columns(table)
        if existing is not None:
            problems.extend(_table_problems(table, {c.name: c for c in existing}))
    if problems:
        shown = "; ".join(problems[:10]) + ("; ..." if len(problems) > 10 else "")
        raise SchemaConflictError(f"Existing target tables have a conflicting shape: {shown}.")


def _table_problems(table: TargetTable, existing: dict[str, TargetColumn]) -> list[str]:
    problems = []
    wanted = {c.name for c in table.info.columns if not c.is_generated}
    for column in table.info.columns:
        if column.is_generated:
            continue
        target = existing.get(column.name)
        if target is None:
            problems.append(f"{table.qualified} has no column {column.name}")
        elif target.generated:
            problems.append(f"{table.qualified}.{column.name} is generated in the target")
        elif not compatible(column, target):
            problems.append(
                f"{table.qualified}.{column.name} is {target.data_type}, the dataset has {column.data_type}"
            )
    for name, target in existing.items():
        if name not in wanted and target.not_null and not target.has_default and not target.generated:
            problems.append(f"{table.qualified}.{name} is NOT NULL without default and not in the dataset")
    return problems


def compatible(column: ColumnInfo, target: TargetColumn) -> bool:
    """True when the dataset column's values load into the target column without loss of meaning."""
    source = (column.udt_name or column.data_type).lstrip("_") if column.udt_name else column.data_type
    wanted = (target.element_type or "") if target.wire_type.startswith("_") else target.wire_type
    if column.data_type == target.data_type or source == wanted:
        return True
    if column.enum_values is not None or column.domain_name:
        return target.is_enum or _FAMILIES.get(wanted) == "string" or target.data_type == column.data_type
    if source in _INT_WIDTH and wanted in _INT_WIDTH:
        return _INT_WIDTH[wanted] >= _INT_WIDTH[source]
    family = _FAMILIES.get(source)
    return family is not None and family == _FAMILIES.get(wanted) and family != "integer"


def column_type_sql(column: ColumnInfo, layout: TargetLayout) -> sql.Composable:
    """The column's type in the target; enums and domains are re-qualified with their target schema."""
    udt = column.udt_name or ""
    array = udt.startswith("_")
    base = udt[1:] if array else udt
    domain = _domain_name(layout, column.domain_name) if column.domain_name else None
    named = domain or (base if column.enum_values is not None or _is_enum(layout, base) else None)
    if named:
        owner = _type_schema(layout, named)
        ident = sql.Identifier(owner, named) if owner else sql.Identifier(named)
        return sql.SQL("{}{}").format(ident, sql.SQL("[]" if array and not column.domain_name else ""))
    return sql.SQL(column.data_type)


def _domain_name(layout: TargetLayout, printed: str) -> str:
    """The bare name of a domain as format_type() printed it ('zoo.int_list', '"My Schema"."d"')."""
    for domain in layout.snapshot.domains:
        spelled = {domain.name, f"{domain.schema_name}.{domain.name}"}
        if printed in spelled or printed.replace('"', "") in spelled:
            return domain.name
    return printed


def _is_enum(layout: TargetLayout, name: str) -> bool:
    return any(e.name == name for e in layout.snapshot.enums)


def _type_schema(layout: TargetLayout, name: str) -> str | None:
    types: list[EnumTypeInfo | DomainTypeInfo] = [*layout.snapshot.enums, *layout.snapshot.domains]
    for item in types:
        if item.name == name:
            return layout.schema_for(item.schema_name)
    return None


def create_table_sql(table: TargetTable, layout: TargetLayout, *, with_keys: bool = True) -> sql.Composable:
    """CREATE TABLE with columns, NOT NULL, safe defaults, identities, checks, and (`with_keys`) the
    PK and unique constraints."""
    info = table.info
    # An INHERITS child declares only its own columns and checks; the rest come from its parents.
    inherits = bool(partition_ddl.inheritance_parents(table, layout))
    inherited = set(info.inherited_objects) if inherits else set()
    parts: list[sql.Composable] = [_column_sql(c, layout) for c in info.columns if c.is_local or not inherits]
    if with_keys:
        parts.extend(_key_clauses(table))
    for check in info.check_constraints:
        if check.name in inherited:
            continue
        expression = (
            check.expression
            if check.expression.upper().startswith("CHECK")
            else f"CHECK ({check.expression})"
        )
        parts.append(sql.SQL("CONSTRAINT {} {}").format(sql.Identifier(check.name), sql.SQL(expression)))
    return sql.SQL("CREATE TABLE {} ({}){}").format(
        table.ident, sql.SQL(", ").join(parts), partition_ddl.table_suffix(table, layout)
    )


def _key_clauses(table: TargetTable) -> list[sql.Composable]:
    info = table.info
    parts: list[sql.Composable] = []
    if info.primary_key:
        parts.append(sql.SQL("PRIMARY KEY ({})").format(_idents(info.primary_key)))
    for unique in info.unique_constraints:
        parts.append(
            sql.SQL("CONSTRAINT {} UNIQUE ({})").format(sql.Identifier(unique.name), _idents(unique.columns))
        )
    return parts


def key_statements(table: TargetTable) -> list[sql.Composable]:
    """ALTER TABLE ... ADD the PK and unique constraints that CREATE TABLE left out (one statement:
    PostgreSQL then scans the table once for the NOT NULL checks of all of them)."""
    clauses = _key_clauses(table)
    if not clauses:
        return []
    adds = sql.SQL(", ").join(sql.SQL("ADD {}").format(c) for c in clauses)
    return [sql.SQL("ALTER TABLE {} {}").format(table.ident, adds)]


def _plain(table: TargetTable, layout: TargetLayout) -> bool:
    """Neither partitioned, a partition, nor in an inheritance tree: its keys can come after the load."""
    info = table.info
    return not (
        info.partition_key
        or info.partition_of
        or info.partitions
        or info.inherits
        or info.inherited_by
        or partition_ddl.inheritance_parents(table, layout)
    )


def _column_sql(column: ColumnInfo, layout: TargetLayout) -> sql.Composable:
    pieces: list[sql.Composable] = [sql.Identifier(column.name), column_type_sql(column, layout)]
    if column.collation:
        pieces.append(sql.SQL("COLLATE {}").format(sql.SQL(column.collation)))  # quoted by discovery
    if column.is_generated and column.generation_expression:
        pieces.append(
            sql.SQL("GENERATED ALWAYS AS ({}) STORED").format(sql.SQL(column.generation_expression))
        )
    elif column.is_identity:
        generation = "ALWAYS" if (column.identity_generation or "").upper() == "ALWAYS" else "BY DEFAULT"
        pieces.append(sql.SQL(f"GENERATED {generation} AS IDENTITY"))
        if column.sequence is not None:
            pieces.append(sql.SQL("({})").format(sequence_options(column.sequence)))
    elif column.sequence is not None and is_serial(column):
        pieces.append(sql.SQL("DEFAULT {}").format(serial_default(column.sequence, layout)))
    elif column.default and _NEXTVAL.search(column.default):
        # A serial's sequence does not exist in the target: an identity owns its own.
        pieces.append(sql.SQL("GENERATED BY DEFAULT AS IDENTITY"))
    elif column.default:
        pieces.append(sql.SQL("DEFAULT {}").format(sql.SQL(column.default)))
    if not column.nullable and not column.is_generated:
        pieces.append(sql.SQL("NOT NULL"))
    return sql.SQL(" ").join(pieces)


def index_statements(table: TargetTable) -> list[sql.Composable]:
    """Secondary indexes (not those behind the PK or unique constraints), re-pointed at the target table."""
    constraint_names = {u.name for u in table.info.unique_constraints}
    out: list[sql.Composable] = []
    for index in table.info.indexes:
        inherited = index.name in table.info.inherited_objects  # comes with PARTITION OF
        if index.primary or index.name in constraint_names or inherited or not index.definition:
            continue
        match = _INDEX_TARGET.search(index.definition)
        if match is None:  # never silently: a missing index would change the target's behaviour
            raise ProvisioningError(
                f"Index {index.name} of table {table.qualified} has a definition "
                "that could not be re-pointed at the target table."
            )
        head = index.definition[: match.start()]
        tail = index.definition[match.end() :]
        out.append(sql.SQL("{} ON {} USING {}").format(sql.SQL(head), table.ident, sql.SQL(tail)))
    return out


def foreign_key_sql(
    rel: RelationshipInfo, layout: TargetLayout, on: sql.Composable | None = None
) -> sql.Composable:
    """ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY, keeping MATCH, ON DELETE/UPDATE and deferrability."""
    child, parent = layout.tables[rel.child_key], layout.tables[rel.parent_key]
    target = on or child.ident  # `on`: a partition that declared the key itself
    name = rel.name or f"{child.name}_{'_'.join(rel.child_columns)}_fkey"
    on_delete = _ON_DELETE.get((rel.on_delete or "").upper().replace("_", " "), "")
    on_update = _ON_DELETE.get((rel.on_update or "").upper().replace("_", " "), "").replace(
        "DELETE", "UPDATE"
    )
    initially = "IMMEDIATE" if rel.initially_immediate else "DEFERRED"
    deferrable = f" DEFERRABLE INITIALLY {initially}" if rel.deferrable else ""
    match = " MATCH FULL" if rel.match_full else ""
    return sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}){}").format(
        target,
        sql.Identifier(name[:63]),
        _idents(rel.child_columns),
        parent.ident,
        _idents(rel.parent_columns),
        sql.SQL(match + on_delete + on_update + deferrable),
    )


_ON_DELETE = {
    "CASCADE": " ON DELETE CASCADE",
    "SET NULL": " ON DELETE SET NULL",
    "SET DEFAULT": " ON DELETE SET DEFAULT",
    "RESTRICT": " ON DELETE RESTRICT",
    "C": " ON DELETE CASCADE",
    "N": " ON DELETE SET NULL",
    "D": " ON DELETE SET DEFAULT",
    "R": " ON DELETE RESTRICT",
}


def _type_statements(
    layout: TargetLayout, catalog: TargetCatalog, tables: list[TargetTable]
) -> list[sql.Composable]:
    """CREATE TYPE / CREATE DOMAIN for the enums and domains the new tables use and the target lacks."""
    used = {c.domain_name for t in tables for c in t.info.columns if c.domain_name}
    used |= {(c.udt_name or "").lstrip("_") for t in tables for c in t.info.columns}
    out: list[sql.Composable] = []
    for enum in layout.snapshot.enums:
        schema = layout.schema_for(enum.schema_name)
        if enum.name in used and f"{schema}.{enum.name}" not in catalog.types:
            labels = sql.SQL(", ").join(sql.Literal(v) for v in enum.values)
            out.append(
                sql.SQL("CREATE TYPE {} AS ENUM ({})").format(sql.Identifier(schema, enum.name), labels)
            )
            catalog.types.add(f"{schema}.{enum.name}")
    for domain in layout.snapshot.domains:
        schema = layout.schema_for(domain.schema_name)
        if domain.name in used and f"{schema}.{domain.name}" not in catalog.types:
            out.append(_domain_sql(schema, domain))
            catalog.types.add(f"{schema}.{domain.name}")
    return out


def _domain_sql(schema: str, domain) -> sql.Composable:
    parts: list[sql.Composable] = [
        sql.SQL("CREATE DOMAIN {} AS {}").format(
            sql.Identifier(schema, domain.name), sql.SQL(domain.base_type)
        )
    ]
    if domain.default:
        parts.append(sql.SQL("DEFAULT {}").format(sql.SQL(domain.default)))
    if domain.not_null:
        parts.append(sql.SQL("NOT NULL"))
    for check in domain.checks:
        parts.append(sql.SQL(check if check.upper().startswith("CHECK") else f"CHECK ({check})"))
    return sql.SQL(" ").join(parts)


def _idents(names: list[str]) -> sql.Composable:
    return sql.SQL(", ").join(sql.Identifier(n) for n in names)
