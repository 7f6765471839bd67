"""The staging table's cast into the target, with a failure that names the column.

A value that its target type cannot parse (text staged for a date, an out-of-range number) makes
the server refuse the whole INSERT without saying which column; the values stay unquoted, so only
on that error path is each cast column tried alone to find the first one that fails.
"""

from __future__ import annotations

import psycopg
from psycopg import sql
from psycopg.abc import Query

from tdm_agents.provisioning.errors import LoadError
from tdm_agents.provisioning.layout import TargetTable
from tdm_agents.provisioning.wire import TableWire


def insert_from_staging(
    conn: psycopg.Connection,
    statement: Query,
    table: TargetTable,
    wire: TableWire,
    staging: sql.Identifier,
) -> None:
    """Run the staging INSERT; a value the target refuses raises LoadError naming table and column."""
    try:
        with conn.transaction():
            conn.execute(statement)
    except psycopg.errors.DataError as exc:
        column = _failing_column(conn, wire, staging)
        where = f"column {table.qualified}.{column}" if column else f"table {table.qualified}"
        code = exc.sqlstate or "unknown"
        raise LoadError(
            f"A value of {where} does not fit its target type (SQLSTATE {code}); nothing was loaded."
        ) from None


def _failing_column(conn: psycopg.Connection, wire: TableWire, staging: sql.Identifier) -> str | None:
    for column in wire.columns:
        if column.direct:
            continue
        probe = sql.SQL("SELECT count({}::{}) FROM {}").format(
            sql.Identifier(column.name), sql.SQL(column.target_type), staging
        )
        try:
            with conn.transaction():
                conn.execute(probe)
        except psycopg.errors.DataError:
            return column.name
    return None
