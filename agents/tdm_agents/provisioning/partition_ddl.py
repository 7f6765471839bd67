"""DDL for partition trees and inheritance children, as the source declared them.

A partitioned dataset table is created with its PARTITION BY clause, then every partition of the
source, level by level, with the same bounds (`PARTITION OF parent FOR VALUES ... | DEFAULT`), its
own sub-partitioning, and only the constraints and indexes it declared itself (those it inherits
come with PARTITION OF). Rows are loaded through the root, which routes them. Keys declared on
partitions are recreated on those partitions; a key of the root is recreated on the root.

An INHERITS child names its parents when they are in the dataset too, and then declares only its
own columns and checks (the inherited ones come with INHERITS, as in the source).
"""

from __future__ import annotations

from psycopg import sql

from tdm_agents.provisioning.layout import TargetLayout, TargetTable
from tdm_metadata_store.snapshot import RelationshipInfo, TableInfo


def target_ident(info: TableInfo, layout: TargetLayout) -> sql.Identifier:
    """Where a table that is not itself a dataset table (a partition) lands."""
    return sql.Identifier(layout.schema_for(info.schema_name), info.name)


def inheritance_parents(table: TargetTable, layout: TargetLayout) -> list[TargetTable]:
    """The INHERITS parents of `table` that the dataset also holds (others cannot be named)."""
    keys = {t.info.qualified_name: t for t in layout.tables.values()}
    return [keys[p] for p in table.info.inherits if p in keys]


def table_suffix(table: TargetTable, layout: TargetLayout) -> sql.Composable:
    """` INHERITS (...)` and ` PARTITION BY ...`, whichever apply, to follow CREATE TABLE (...)."""
    parts: list[sql.Composable] = []
    parents = inheritance_parents(table, layout)
    if parents:
        parts.append(sql.SQL(" INHERITS ({})").format(sql.SQL(", ").join(p.ident for p in parents)))
    if table.info.partition_key:
        parts.append(sql.SQL(" PARTITION BY {}").format(sql.SQL(table.info.partition_key)))
    return sql.Composed(parts)


def creation_order(tables: list[TargetTable], layout: TargetLayout) -> list[TargetTable]:
    """`tables` with every INHERITS parent before its children (otherwise in the given order)."""
    ordered: list[TargetTable] = []
    placed: set[str] = set()

    def place(table: TargetTable) -> None:
        if table.key in placed:
            return
        placed.add(table.key)
        for parent in inheritance_parents(table, layout):
            if parent in tables:
                place(parent)
        ordered.append(table)

    for table in tables:
        place(table)
    return ordered


def partition_statements(table: TargetTable, layout: TargetLayout) -> list[sql.Composable]:
    """CREATE TABLE ... PARTITION OF for every partition under `table`, parents before children."""
    out: list[sql.Composable] = []
    pending = [(table.info, table.ident)]
    while pending:
        parent, parent_ident = pending.pop(0)
        for name in parent.partitions:
            part = layout.snapshot.table(name)
            if part is None or part.partition_bound is None:
                continue
            out.append(_partition_sql(part, parent_ident, layout))
            pending.append((part, target_ident(part, layout)))
    return out


def _partition_sql(part: TableInfo, parent: sql.Composable, layout: TargetLayout) -> sql.Composable:
    inherited = set(part.inherited_objects)
    local: list[sql.Composable] = []
    primary = next((i for i in part.indexes if i.primary), None)
    if part.primary_key and primary is not None and primary.name not in inherited:
        local.append(
            sql.SQL("CONSTRAINT {} PRIMARY KEY ({})").format(
                sql.Identifier(primary.name), _idents(part.primary_key)
            )
        )
    for unique in part.unique_constraints:
        if unique.name not in inherited:
            local.append(
                sql.SQL("CONSTRAINT {} UNIQUE ({})").format(
                    sql.Identifier(unique.name), _idents(unique.columns)
                )
            )
    for check in part.check_constraints:
        if check.name not in inherited:
            clause = (
                check.expression
                if check.expression.upper().startswith("CHECK")
                else f"CHECK ({check.expression})"
            )
            local.append(sql.SQL("CONSTRAINT {} {}").format(sql.Identifier(check.name), sql.SQL(clause)))
    body = sql.SQL(" ({})").format(sql.SQL(", ").join(local)) if local else sql.SQL("")
    statement = sql.SQL("CREATE TABLE {} PARTITION OF {}{} {}").format(
        target_ident(part, layout), parent, body, sql.SQL(part.partition_bound or "DEFAULT")
    )
    if part.partition_key:
        statement += sql.SQL(" PARTITION BY {}").format(sql.SQL(part.partition_key))
    return statement


def partition_tables(table: TargetTable, layout: TargetLayout) -> list[TargetTable]:
    """Every partition under `table` as a TargetTable (for its own indexes), at every level."""
    found: list[TargetTable] = []
    pending = list(table.info.partitions)
    while pending:
        part = layout.snapshot.table(pending.pop(0))
        if part is None:
            continue
        found.append(TargetTable(part.qualified_name, layout.schema_for(part.schema_name), part.name, part))
        pending.extend(part.partitions)
    return found


def declared_on_root(rel: RelationshipInfo) -> bool:
    """False for a key declared only on partitions of its child (folded in by discovery)."""
    return rel.name is not None or not rel.partition_constraints


def partition_keys(rel: RelationshipInfo, layout: TargetLayout) -> list[tuple[sql.Identifier, str]]:
    """(partition, constraint name) for each partition that declared `rel` in the source."""
    out = []
    for qualified, name in sorted(rel.partition_constraints.items()):
        part = layout.snapshot.table(qualified)
        if part is not None:
            out.append((target_ident(part, layout), name))
    return out


def _idents(names: list[str]) -> sql.Composable:
    return sql.SQL(", ").join(sql.Identifier(n) for n in names)
