"""Read a database's structure from pg_catalog into the `SchemaSnapshot` contract (no statistics).

Each `read_*` function runs one bulk query across all requested schemas and fills one part of a
snapshot, so the discovery stages can run them one at a time; `fetch_snapshot` runs them all
inside one repeatable-read transaction, so the parts describe the same moment.
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg
from psycopg.rows import dict_row

from tdm_agents.schema_discovery import catalog_sql
from tdm_agents.schema_discovery.connector import DiscoveryError, query_error
from tdm_agents.schema_discovery.partition_keys import fold_partition_keys
from tdm_agents.schema_discovery.type_categories import type_category
from tdm_metadata_store.snapshot import (
    CheckConstraintInfo,
    ColumnInfo,
    CompositeTypeInfo,
    DomainTypeInfo,
    EnumTypeInfo,
    ExtensionInfo,
    IndexInfo,
    RelationshipInfo,
    SchemaSnapshot,
    SequenceInfo,
    TableInfo,
    TableKind,
    UniqueConstraintInfo,
)

_KINDS: dict[str, TableKind] = {
    "r": "table",
    "p": "partitioned_table",
    "v": "view",
    "m": "materialized_view",
    "f": "foreign_table",
}
_ON_DELETE = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
_IDENTITY = {"a": "ALWAYS", "d": "BY DEFAULT"}


def _rows(conn: psycopg.Connection, query: str, schemas: Sequence[str], what: str) -> list[dict]:
    try:
        with conn.cursor(row_factory=dict_row) as cur:
            return cur.execute(query, {"schemas": list(schemas)}).fetchall()
    except psycopg.Error as exc:
        raise query_error(exc, what) from None


def check_schemas(conn: psycopg.Connection, schemas: Sequence[str]) -> None:
    """Fail with one sentence when a requested schema is missing or not usable by this user."""
    for row in _rows(conn, catalog_sql.SCHEMAS, schemas, "checking the requested schemas"):
        if not row["present"]:
            raise DiscoveryError(f'Schema "{row["name"]}" does not exist in this database.', "missing_schema")
        if not row["usable"]:
            raise DiscoveryError(f'The user lacks USAGE privilege on schema "{row["name"]}".', "privileges")


def read_server(conn: psycopg.Connection) -> tuple[str, str, str]:
    """Database name, server version and current user of the session."""
    try:
        database, version, user = conn.execute(catalog_sql.SERVER).fetchone() or ("", "", "")
    except psycopg.Error as exc:
        raise query_error(exc, "reading the server version") from None
    return database, version, user


def read_tables(conn: psycopg.Connection, schemas: Sequence[str]) -> list[TableInfo]:
    """Tables, views, materialized views, partitioned tables (with partitions) and foreign tables."""
    tables: dict[tuple[str, str], TableInfo] = {}
    parents: list[tuple[tuple[str, str], str]] = []
    for row in _rows(conn, catalog_sql.TABLES, schemas, "listing tables"):
        table = TableInfo(
            schema_name=row["nspname"],
            name=row["relname"],
            kind=_KINDS[row["relkind"]],
            row_estimate=row["reltuples"],
            size_bytes=row["size_bytes"],
            comment=row["comment"],
            partition_key=row["partition_key"],
            partition_bound=row["partition_bound"],
            inherits=list(row["inherits"]),
        )
        if row["parent_name"] is not None:
            table.partition_of = f"{row['parent_schema']}.{row['parent_name']}"
            parents.append(((row["parent_schema"], row["parent_name"]), table.qualified_name))
        tables[(table.schema_name, table.name)] = table
    for parent_key, partition in parents:
        if parent_key in tables:
            tables[parent_key].partitions.append(partition)
    for table in tables.values():
        for parent in table.inherits:
            if (found := tables.get(tuple(parent.split(".", 1)))) is not None:  # type: ignore[arg-type]
                found.inherited_by.append(table.qualified_name)
    _estimate_partitioned_parents(tables)
    return list(tables.values())


def _estimate_partitioned_parents(tables: dict[tuple[str, str], TableInfo]) -> None:
    """A partitioned parent holds no rows itself: its size and count are its partitions' sums."""
    for table in tables.values():
        if table.kind != "partitioned_table" or not table.partitions:
            continue
        parts = [tables.get(tuple(p.split(".", 1))) for p in table.partitions]  # type: ignore[arg-type]
        known = [p for p in parts if p is not None]
        if table.row_estimate is None and all(p.row_estimate is not None for p in known):
            table.row_estimate = sum(p.row_estimate or 0 for p in known)
        table.size_bytes = (table.size_bytes or 0) + sum(p.size_bytes or 0 for p in known)


def _column_from_row(row: dict, enum_labels: dict[int, list[str]]) -> ColumnInfo:
    generated = bool(row["attgenerated"])
    category = type_category(row["base_name"], row["base_category"], row["base_kind"])
    return ColumnInfo(
        name=row["attname"],
        data_type=row["data_type"],
        udt_name=row["udt_name"],
        type_category=category,
        nullable=row["nullable"],
        ordinal_position=row["attnum"],
        default=None if generated else row["default_expr"],
        is_identity=bool(row["attidentity"]),
        identity_generation=_IDENTITY.get(row["attidentity"]),
        is_generated=generated,
        generation_expression=row["default_expr"] if generated else None,
        enum_values=enum_labels.get(row["base_oid"]) if category == "enum" else None,
        domain_name=row["domain_name"],
        element_type=row["element_type"],
        max_length=row["max_length"],
        numeric_precision=row["num_precision"],
        numeric_scale=row["num_scale"],
        comment=row["comment"],
        collation=row["collation"],
        is_local=row["attislocal"],
    )


def read_columns(conn: psycopg.Connection, snapshot: SchemaSnapshot) -> None:
    """Fill every table's columns, and the snapshot's enums and domains."""
    enum_rows = _rows(conn, catalog_sql.ENUMS, snapshot.schemas, "reading enum types")
    enum_labels = {row["oid"]: list(row["labels"]) for row in enum_rows}
    snapshot.enums = [
        EnumTypeInfo(schema_name=r["nspname"], name=r["typname"], values=list(r["labels"])) for r in enum_rows
    ]
    snapshot.domains = [
        DomainTypeInfo(
            schema_name=r["nspname"],
            name=r["typname"],
            base_type=r["base_type"],
            not_null=r["typnotnull"],
            default=r["typdefault"],
            checks=list(r["checks"]),
        )
        for r in _rows(conn, catalog_sql.DOMAINS, snapshot.schemas, "reading domain types")
    ]
    snapshot.extensions = [
        ExtensionInfo(name=r["extname"], schema_name=r["nspname"], types=list(r["types"]))
        for r in _rows(conn, catalog_sql.EXTENSIONS, snapshot.schemas, "reading extensions")
    ]
    snapshot.composites = [
        CompositeTypeInfo(
            schema_name=r["nspname"],
            name=r["typname"],
            attributes=list(r["attributes"]),
            attribute_types=list(r["attribute_types"]),
        )
        for r in _rows(conn, catalog_sql.COMPOSITES, snapshot.schemas, "reading composite types")
    ]
    by_key = {(t.schema_name, t.name): t for t in snapshot.tables}
    for known in by_key.values():
        known.columns = []
    for row in _rows(conn, catalog_sql.COLUMNS, snapshot.schemas, "reading columns"):
        table = by_key.get((row["nspname"], row["relname"]))
        if table is not None:
            table.columns.append(_column_from_row(row, enum_labels))
    _read_sequences(conn, snapshot, by_key)


def _read_sequences(
    conn: psycopg.Connection, snapshot: SchemaSnapshot, by_key: dict[tuple[str, str], TableInfo]
) -> None:
    """Attach each owned sequence (identity, serial) to its column, with its options."""
    for row in _rows(conn, catalog_sql.SEQUENCES, snapshot.schemas, "reading sequences"):
        table = by_key.get((row["nspname"], row["relname"]))
        column = table.column(row["attname"]) if table is not None else None
        if column is None:
            continue
        column.sequence = SequenceInfo(
            schema_name=row["seq_schema"],
            name=row["seq_name"],
            data_type=row["data_type"],
            start=row["seqstart"],
            increment=row["seqincrement"],
            min_value=row["seqmin"],
            max_value=row["seqmax"],
            cache=row["seqcache"],
            cycle=row["seqcycle"],
        )


def read_keys(conn: psycopg.Connection, snapshot: SchemaSnapshot) -> None:
    """Fill primary keys, unique constraints, check constraints and indexes of every table."""
    by_key = {(t.schema_name, t.name): t for t in snapshot.tables}
    for known in by_key.values():
        known.primary_key, known.unique_constraints, known.check_constraints = [], [], []
        known.indexes = []
    for row in _rows(conn, catalog_sql.CONSTRAINTS, snapshot.schemas, "reading constraints"):
        table = by_key.get((row["nspname"], row["relname"]))
        if table is None:
            continue
        if row["inherited"]:
            table.inherited_objects.append(row["conname"])
        if row["contype"] == "p":
            table.primary_key = list(row["columns"])
        elif row["contype"] == "u":
            table.unique_constraints.append(
                UniqueConstraintInfo(name=row["conname"], columns=list(row["columns"]))
            )
        else:
            table.check_constraints.append(
                CheckConstraintInfo(name=row["conname"], expression=row["expression"])
            )
    for row in _rows(conn, catalog_sql.INDEXES, snapshot.schemas, "reading indexes"):
        table = by_key.get((row["nspname"], row["relname"]))
        if table is not None:
            if row["inherited"] and row["index_name"] not in table.inherited_objects:
                table.inherited_objects.append(row["index_name"])
            table.indexes.append(
                IndexInfo(
                    name=row["index_name"],
                    columns=list(row["columns"]),
                    unique=row["indisunique"],
                    primary=row["indisprimary"],
                    partial=row["partial"],
                    definition=row["definition"],
                )
            )


def read_foreign_keys(conn: psycopg.Connection, snapshot: SchemaSnapshot) -> None:
    """Fill the snapshot's relationships: composite keys keep their column pairing in order.

    Self-references and cycles are reported as they are; parents may live in schemas that were
    not requested (the child is what was discovered). Keys declared on partitions become keys of
    the partitioned parent (see `fold_partition_keys`).
    """
    rows = _rows(conn, catalog_sql.FOREIGN_KEYS, snapshot.schemas, "reading foreign keys")
    snapshot.relationships = fold_partition_keys(snapshot, [_relationship(row) for row in rows])


def _relationship(row: dict) -> RelationshipInfo:
    return RelationshipInfo(
        name=row["conname"],
        child_schema=row["nspname"],
        child_table=row["relname"],
        child_columns=list(row["child_columns"]),
        parent_schema=row["parent_schema"],
        parent_table=row["parent_name"],
        parent_columns=list(row["parent_columns"]),
        on_delete=_ON_DELETE.get(row["confdeltype"]),
        deferrable=row["condeferrable"],
        initially_immediate=row["condeferrable"] and not row["condeferred"],
        on_update=None if row["confupdtype"] == "a" else _ON_DELETE.get(row["confupdtype"]),
        match_full=row["confmatchtype"] == "f",
    )


def start_snapshot(conn: psycopg.Connection, schemas: Sequence[str]) -> SchemaSnapshot:
    """Check the schemas and list their tables: the first, structure-only snapshot."""
    check_schemas(conn, schemas)
    database, version, _user = read_server(conn)
    return SchemaSnapshot(
        database=database,
        server_version=version,
        schemas=list(schemas),
        tables=read_tables(conn, schemas),
    )


def fetch_snapshot(conn: psycopg.Connection, schemas: Sequence[str]) -> SchemaSnapshot:
    """The whole structure of `schemas` (tables, columns, keys, indexes, FKs, enums, domains)."""
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = start_snapshot(conn, schemas)
        read_columns(conn, snapshot)
        read_keys(conn, snapshot)
        read_foreign_keys(conn, snapshot)
    return snapshot
