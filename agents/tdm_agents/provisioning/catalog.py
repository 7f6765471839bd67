"""What already exists in the target: tables and their columns, types, foreign keys, sequences."""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg

from tdm_agents.provisioning.layout import TargetLayout, TargetTable


@dataclass(frozen=True)
class TargetColumn:
    """A column of an existing target table, with the type its values travel as."""

    name: str
    data_type: str
    not_null: bool
    has_default: bool
    generated: bool
    identity: bool
    wire_type: str = field(metadata={"doc": "type name after resolving domains, e.g. int4, text, _int4"})
    element_type: str | None = None
    is_enum: bool = False


@dataclass(frozen=True)
class ForeignKeyDef:
    """An existing FK constraint, with its definition so it can be dropped and recreated."""

    name: str
    schema: str
    table: str
    definition: str


_COLUMNS = """
SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       a.atthasdef, a.attgenerated <> '', a.attidentity <> '',
       coalesce(bt.typname, t.typname), coalesce(bel.typname, el.typname),
       coalesce(bt.typtype, t.typtype) = 'e'
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
LEFT JOIN pg_type el ON el.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_type bel ON bel.oid = bt.typelem AND bt.typcategory = 'A'
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(%(schemas)s)
ORDER BY n.nspname, c.relname, a.attnum
"""

# Clones of a key declared on a partitioned table (conparentid set) go and come back with it.
_FOREIGN_KEYS = """
SELECT con.conname, cn.nspname, cc.relname, pg_get_constraintdef(con.oid)
FROM pg_constraint con
JOIN pg_class cc ON cc.oid = con.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
JOIN pg_class fc ON fc.oid = con.confrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype = 'f' AND con.conparentid = 0
  AND ((cn.nspname || '.' || cc.relname) = ANY(%(names)s) OR (fn.nspname || '.' || fc.relname) = ANY(%(names)s))
ORDER BY cn.nspname, cc.relname, con.conname
"""


@dataclass
class TargetCatalog:
    """Existing tables (by `schema.name`) in the schemas the dataset lands in, and existing types."""

    tables: dict[str, list[TargetColumn]]
    types: set[str]
    schemas: set[str]

    def columns(self, table: TargetTable) -> list[TargetColumn] | None:
        """The columns of `table` in the target, or None when it does not exist."""
        return self.tables.get(table.qualified)


def read_catalog(conn: psycopg.Connection, layout: TargetLayout) -> TargetCatalog:
    """Read the target's tables and enum/domain types in the layout's schemas (and the source ones)."""
    schemas = sorted(set(layout.schemas) | {layout.schema_for(e.schema_name) for e in layout.snapshot.enums})
    tables: dict[str, list[TargetColumn]] = {}
    for row in conn.execute(_COLUMNS, {"schemas": schemas}).fetchall():
        column = TargetColumn(
            name=row[2],
            data_type=row[3],
            not_null=row[4],
            has_default=row[5],
            generated=row[6],
            identity=row[7],
            wire_type=row[8],
            element_type=row[9],
            is_enum=row[10],
        )
        tables.setdefault(f"{row[0]}.{row[1]}", []).append(column)
    type_rows = conn.execute(
        "SELECT n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
        "WHERE t.typtype IN ('e', 'd', 'c') AND n.nspname = ANY(%(schemas)s)",
        {"schemas": schemas},
    ).fetchall()
    schema_rows = conn.execute("SELECT nspname FROM pg_namespace").fetchall()
    return TargetCatalog(tables=tables, types={r[0] for r in type_rows}, schemas={r[0] for r in schema_rows})


def foreign_keys_touching(conn: psycopg.Connection, tables: list[TargetTable]) -> list[ForeignKeyDef]:
    """Every FK constraint whose child or parent is one of `tables` (each listed once)."""
    names = [t.qualified for t in tables]
    rows = conn.execute(_FOREIGN_KEYS, {"names": names}).fetchall()
    return [ForeignKeyDef(name=r[0], schema=r[1], table=r[2], definition=r[3]) for r in rows]
