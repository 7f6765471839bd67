"""Stream a table's record batches into the target with binary COPY, then move sequences past the rows.

A table whose every column travels binary-direct (see `wire`) is copied straight into the target.
Otherwise, and always for upserts, rows go into a temporary staging table first and one
`INSERT ... SELECT` casts them into the target (`ON CONFLICT (key) DO UPDATE` for upserts).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import psycopg
import pyarrow as pa
from psycopg import sql

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.provisioning.catalog import TargetColumn
from tdm_agents.provisioning.errors import LoadError
from tdm_agents.provisioning.layout import TargetTable
from tdm_agents.provisioning.staging_cast import insert_from_staging
from tdm_agents.provisioning.wire import BinaryCopyEncoder, TableWire, staging_type

_STAGING_NAMES = itertools.count(1)


def load_table(
    conn: psycopg.Connection,
    table: TargetTable,
    wire: TableWire,
    batches: Iterable[pa.RecordBatch],
    *,
    upsert_key: list[str] | None = None,
    hooks: JobHooks = NullHooks(),
) -> int:
    """Load every batch into `table`; returns the number of rows sent. `upsert_key` turns on upsert."""
    if wire.direct and upsert_key is None:
        return _copy(conn, table.ident, wire, batches, hooks, table.key)
    staging = sql.Identifier(f"tdm_stage_{next(_STAGING_NAMES)}")
    columns = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(staging_type(c))) for c in wire.columns
    )
    conn.execute(sql.SQL("CREATE TEMP TABLE {} ({}) ON COMMIT DROP").format(staging, columns))
    rows = _copy(conn, staging, wire, batches, hooks, table.key)
    insert_from_staging(conn, _insert_from_staging(table, wire, staging, upsert_key), table, wire, staging)
    conn.execute(sql.SQL("DROP TABLE {}").format(staging))
    return rows


def _copy(
    conn: psycopg.Connection,
    target: sql.Composable,
    wire: TableWire,
    batches: Iterable[pa.RecordBatch],
    hooks: JobHooks,
    key: str,
) -> int:
    encoder = BinaryCopyEncoder(wire)
    names = sql.SQL(", ").join(sql.Identifier(n) for n in wire.names)
    rows = 0
    with (
        conn.cursor() as cur,
        cur.copy(sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(target, names)) as copy,
    ):
        copy.write(encoder.header())
        for batch in batches:
            hooks.check_cancelled()
            copy.write(encoder.encode(batch))
            rows += batch.num_rows
            hooks.progress(f"load:{key}", rows)
        copy.write(encoder.trailer())
    return rows


def _insert_from_staging(
    table: TargetTable, wire: TableWire, staging: sql.Identifier, upsert_key: list[str] | None
) -> sql.Composable:
    names = sql.SQL(", ").join(sql.Identifier(n) for n in wire.names)
    values = sql.SQL(", ").join(
        sql.Identifier(c.name)
        if c.direct
        else sql.SQL("{}::{}").format(sql.Identifier(c.name), sql.SQL(c.target_type))
        for c in wire.columns
    )
    statement = sql.SQL("INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE SELECT {} FROM {}").format(
        table.ident, names, values, staging
    )
    if upsert_key is None:
        return statement
    if not upsert_key:
        raise LoadError(
            f"Table {table.qualified} has no primary key or unique key, so it cannot be upserted."
        )
    updates = [n for n in wire.names if n not in upsert_key]
    key = sql.SQL(", ").join(sql.Identifier(n) for n in upsert_key)
    if not updates:
        return sql.SQL("{} ON CONFLICT ({}) DO NOTHING").format(statement, key)
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = EXCLUDED.{}").format(sql.Identifier(n), sql.Identifier(n)) for n in updates
    )
    return sql.SQL("{} ON CONFLICT ({}) DO UPDATE SET {}").format(statement, key, assignments)


def advance_sequences(conn: psycopg.Connection, table: TargetTable, columns: list[TargetColumn]) -> int:
    """Set each identity/serial sequence of `table` past the column's maximum; returns how many were set."""
    count = 0
    for column in columns:
        if not (column.identity or column.has_default) or column.wire_type not in ("int2", "int4", "int8"):
            continue
        row = conn.execute(
            "SELECT pg_get_serial_sequence(%s, %s)", (table.ident.as_string(conn), column.name)
        ).fetchone()
        if row is None or row[0] is None:
            continue
        conn.execute(
            sql.SQL(
                "SELECT setval({seq}, coalesce(m, 1), m IS NOT NULL) FROM (SELECT max({col}) AS m FROM {tbl}) s"
            ).format(seq=sql.Literal(row[0]), col=sql.Identifier(column.name), tbl=table.ident)
        )
        count += 1
    return count
