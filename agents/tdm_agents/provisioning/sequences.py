"""The sequences of identity and serial columns, recreated with the source's options.

An identity column gets its sequence's options (START, INCREMENT, MINVALUE, MAXVALUE, CACHE,
CYCLE). A serial column (a `nextval` default on a sequence it owns) gets the same sequence, in
the schema its table lands in, owned by the column, so the target's defaults read as the
source's. Snapshots without sequence options fall back to a plain identity (see ddl).
"""

from __future__ import annotations

from psycopg import sql

from tdm_agents.provisioning.layout import TargetLayout, TargetTable
from tdm_metadata_store.snapshot import ColumnInfo, SequenceInfo


def sequence_options(sequence: SequenceInfo) -> sql.Composable:
    """`START WITH ... [NO] CYCLE`, the options shared by CREATE SEQUENCE and identity columns."""
    parts = [
        sql.SQL("START WITH {}").format(sql.Literal(sequence.start)),
        sql.SQL("INCREMENT BY {}").format(sql.Literal(sequence.increment)),
        sql.SQL("MINVALUE {}").format(sql.Literal(sequence.min_value))
        if sequence.min_value is not None
        else sql.SQL("NO MINVALUE"),
        sql.SQL("MAXVALUE {}").format(sql.Literal(sequence.max_value))
        if sequence.max_value is not None
        else sql.SQL("NO MAXVALUE"),
        sql.SQL("CACHE {}").format(sql.Literal(sequence.cache)),
        sql.SQL("CYCLE" if sequence.cycle else "NO CYCLE"),
    ]
    return sql.SQL(" ").join(parts)


def serial_ident(sequence: SequenceInfo, layout: TargetLayout) -> sql.Identifier:
    """The sequence's qualified name in the target."""
    return sql.Identifier(layout.schema_for(sequence.schema_name), sequence.name)


def serial_default(sequence: SequenceInfo, layout: TargetLayout) -> sql.Composable:
    """`nextval('schema.name'::regclass)` on the target's copy of the sequence."""
    return sql.SQL("nextval({}::regclass)").format(
        sql.Literal(serial_ident(sequence, layout).as_string(None))
    )


def is_serial(column: ColumnInfo) -> bool:
    """A column whose default draws from a sequence it owns (serial, or OWNED BY)."""
    return (
        column.sequence is not None
        and not column.is_identity
        and column.default is not None
        and "nextval(" in column.default.lower()
    )


def serial_statements(
    table: TargetTable, layout: TargetLayout
) -> tuple[list[sql.Composable], list[sql.Composable]]:
    """CREATE SEQUENCE statements to run before the table, and OWNED BY statements after it."""
    before: list[sql.Composable] = []
    after: list[sql.Composable] = []
    for column in table.info.columns:
        if not is_serial(column) or column.sequence is None:
            continue
        ident = serial_ident(column.sequence, layout)
        before.append(
            sql.SQL("CREATE SEQUENCE IF NOT EXISTS {} AS {} {}").format(
                ident, sql.SQL(column.sequence.data_type), sequence_options(column.sequence)
            )
        )
        after.append(
            sql.SQL("ALTER SEQUENCE {} OWNED BY {}.{}").format(
                ident, table.ident, sql.Identifier(column.name)
            )
        )
    return before, after
