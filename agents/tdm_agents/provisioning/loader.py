"""Stream a table's record batches into the target with binary COPY, then move sequences past the rows.

A table whose every column travels binary-direct (see `wire`) is copied straight into the target.
Otherwise, and always for upserts, rows go into a temporary staging table first and one
`INSERT ... SELECT` casts them into the target (`ON CONFLICT (key) DO UPDATE` for upserts).
"""

from __future__ import annotations

import contextlib
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
    with TableLoad(conn, table, wire, upsert_key=upsert_key, hooks=hooks) as load:
        for batch in batches:
            load.write(batch)
    return load.rows


class TableLoad:
    """One table's COPY, fed batch by batch (push), so a caller can feed it from a stream it also
    hands elsewhere. Leaving the `with` block on an exception aborts the COPY; the caller's
    transaction is then failed and must be rolled back."""

    def __init__(
        self,
        conn: psycopg.Connection,
        table: TargetTable,
        wire: TableWire,
        *,
        upsert_key: list[str] | None = None,
        hooks: JobHooks = NullHooks(),
    ) -> None:
        self.conn, self.table, self.wire, self.upsert_key, self.hooks = conn, table, wire, upsert_key, hooks
        self.rows = 0
        self._staging = (
            None
            if wire.direct and upsert_key is None
            else sql.Identifier(f"tdm_stage_{next(_STAGING_NAMES)}")
        )
        self._encoder = BinaryCopyEncoder(wire)
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> TableLoad:
        if self._staging is not None:
            columns = sql.SQL(", ").join(
                sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(staging_type(c)))
                for c in self.wire.columns
            )
            self.conn.execute(
                sql.SQL("CREATE TEMP TABLE {} ({}) ON COMMIT DROP").format(self._staging, columns)
            )
        names = sql.SQL(", ").join(sql.Identifier(n) for n in self.wire.names)
        statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
            self._staging or self.table.ident, names
        )
        with contextlib.ExitStack() as stack:
            cursor = stack.enter_context(self.conn.cursor())
            self._copy = stack.enter_context(cursor.copy(statement))
            self._copy.write(self._encoder.header())
            self._stack = stack.pop_all()
        return self

    def write(self, batch: pa.RecordBatch) -> None:
        """Encode and send one batch."""
        self.hooks.check_cancelled()
        self._copy.write(self._encoder.encode(batch))
        self.rows += batch.num_rows
        self.hooks.progress(f"load:{self.table.key}", self.rows)

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self._copy.write(self._encoder.trailer())
            self._stack.__exit__(None, None, None)
        else:
            # Aborting the COPY can raise the server's "COPY failed" reply: the cause is `error`.
            with contextlib.suppress(psycopg.Error):
                self._stack.__exit__(kind, error, trace)
        if kind is None and self._staging is not None:
            statement = _insert_from_staging(self.table, self.wire, self._staging, self.upsert_key)
            insert_from_staging(self.conn, statement, self.table, self.wire, self._staging)
            self.conn.execute(sql.SQL("DROP TABLE {}").format(self._staging))


def _insert_from_staging(
    table: TargetTable, wire: TableWire, staging: sql.Identifier, upsert_key: list[str] | None
) -> sql.Composed:
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
