"""What the round trip compares, read the same way from the source and the target.

Each reader returns a dict keyed by object (table, column, constraint, index) so a difference
names what differs. Tables are named `schema.table` with identifiers as the catalog spells them.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

_USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"


def _rows(url: str, query: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchall()  # type: ignore[arg-type]


def tables(url: str) -> list[tuple[str, str]]:
    """Every ordinary and partitioned table outside the system schemas."""
    return [
        (r[0], r[1])
        for r in _rows(
            url,
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            f"WHERE c.relkind IN ('r', 'p') AND {_USER_SCHEMAS} ORDER BY 1, 2",
        )
    ]


def row_digests(url: str) -> dict[str, tuple[int, str]]:
    """Per table: row count and md5 of its rows' text, ordered by that text (byte order)."""
    out: dict[str, tuple[int, str]] = {}
    with psycopg.connect(url) as conn:
        for schema, name in tables(url):
            query = sql.SQL(
                "SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE \"C\")), '') "
                "FROM ONLY {} t"
            ).format(sql.Identifier(schema, name))
            row = conn.execute(query).fetchone()
            assert row is not None
            out[f"{schema}.{name}"] = (row[0], row[1])
    return out


def columns(url: str) -> dict[str, tuple]:
    """Per column: type, NOT NULL, identity kind, generated kind, collation, default expression."""
    rows = _rows(
        url,
        "SELECT n.nspname || '.' || c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod), "
        "a.attnotnull, a.attidentity, a.attgenerated, "
        "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, pg_get_expr(d.adbin, d.adrelid) "
        "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
        "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
        "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        f"WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND {_USER_SCHEMAS}",
    )
    return {r[0]: tuple(r[1:]) for r in rows}


def constraints(url: str) -> dict[str, tuple[str, str]]:
    """Per constraint (`table.name`): its kind and definition (NOT NULL ones are in `columns`)."""
    rows = _rows(
        url,
        "SELECT n.nspname || '.' || c.relname || '.' || k.conname, k.contype::text, pg_get_constraintdef(k.oid) "
        "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        f"WHERE k.contype <> 'n' AND {_USER_SCHEMAS}",
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def indexes(url: str) -> dict[str, str]:
    """Per index (`schema.index`): its definition."""
    rows = _rows(
        url,
        "SELECT n.nspname || '.' || ic.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
        "JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace "
        f"WHERE {_USER_SCHEMAS}",
    )
    return {r[0]: r[1] for r in rows}


def comments(url: str) -> dict[str, str]:
    """Comments on tables (`schema.table`) and columns (`schema.table.column`)."""
    rows = _rows(
        url,
        "SELECT n.nspname || '.' || c.relname || coalesce('.' || a.attname, ''), d.description "
        "FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0 "
        f"WHERE c.relkind IN ('r', 'p') AND {_USER_SCHEMAS}",
    )
    return {r[0]: r[1] for r in rows}


def next_sequence_values(url: str) -> dict[str, int]:
    """Per column backed by a sequence (identity or serial-style default): the value it hands out next.

    Calls nextval(), so it changes the database: run it last.
    """
    out: dict[str, int] = {}
    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute(
            "SELECT n.nspname || '.' || c.relname || '.' || a.attname, "
            "pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) "
            "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            f"WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND {_USER_SCHEMAS}"
        ).fetchall()
        for column, sequence in found:
            if sequence is not None:
                row = conn.execute("SELECT nextval(%s::regclass)", (sequence,)).fetchone()
                assert row is not None
                out[column] = row[0]
    return out


def types(url: str) -> dict[str, tuple[str, str]]:
    """Enums (labels), domains (base, default, NOT NULL, checks), composites (attributes) and
    extensions (schema), by qualified name."""
    rows = _rows(
        url,
        "SELECT n.nspname || '.' || t.typname, t.typtype::text, CASE t.typtype "
        "WHEN 'e' THEN (SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum "
        "  WHERE enumtypid = t.oid) "
        "WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) || coalesce(' DEFAULT ' || t.typdefault, '') "
        "  || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END || coalesce((SELECT ' ' || "
        "  string_agg(pg_get_constraintdef(k.oid), ' ' ORDER BY k.conname) FROM pg_constraint k "
        "  WHERE k.contypid = t.oid), '') "
        "ELSE (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' "
        "  ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 "
        "  AND NOT a.attisdropped) END "
        "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
        "WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND "
        "  (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass "
        "  AND d.objid = t.oid AND d.deptype = 'e') "
        f"AND {_USER_SCHEMAS} "
        "UNION ALL SELECT 'extension ' || e.extname, 'x', n.nspname FROM pg_extension e "
        "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'",
    )
    return {r[0]: (r[1], r[2]) for r in rows}
