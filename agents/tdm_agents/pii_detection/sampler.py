"""Bounded sampling of a source database for PII classification.

One query per table reads at most `rows_limit` rows (through TABLESAMPLE SYSTEM when the table
is large) and aggregates, per column, up to `sample_size_per_column` non-null values. Values are
returned as Arrow arrays and never logged; binary columns are cut to their first bytes, which is
all the photo check needs. Identifiers are quoted, the only parameters are numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg
import pyarrow as pa
from psycopg import sql

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.common.source_db import connect_readonly
from tdm_agents.pii_detection.models import ColumnSample
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo

STAGE = "pii_sampling"
BINARY_PREFIX_BYTES = 64
_NATIVE_CATEGORIES = frozenset({"integer", "float", "decimal", "date", "timestamp", "binary"})
_STATEMENT_TIMEOUT_MS = 60_000


class SourceUnavailable(Exception):
    """The source cannot be read (gone, unreachable, or a table dropped since discovery)."""


def rows_limit_for(sample_size_per_column: int) -> int:
    """Rows read per table: enough that sparse columns still yield values, never the whole table."""
    return max(1000, sample_size_per_column * 20)


def _value_expr(column: ColumnInfo) -> sql.Composable:
    ident = sql.Identifier(column.name)
    if column.type_category == "binary":
        return sql.SQL("substring({} from 1 for {})").format(ident, sql.Literal(BINARY_PREFIX_BYTES))
    if column.type_category in _NATIVE_CATEGORIES:
        return ident
    if column.udt_name == "inet":
        # inet's text form carries a /32 prefix that no address pattern expects.
        return sql.SQL("host({})").format(ident)
    return sql.SQL("{}::text").format(ident)


def sample_query(table: TableInfo, sample_size: int, rows_limit: int, use_tablesample: bool) -> sql.Composed:
    """The single bounded query that samples every column of one table."""
    aggregates = [
        sql.SQL("(array_agg({expr}) FILTER (WHERE {col} IS NOT NULL))[1:{n}]").format(
            expr=_value_expr(c), col=sql.Identifier(c.name), n=sql.Literal(sample_size)
        )
        for c in table.columns
    ]
    source: sql.Composable = sql.Identifier(table.schema_name, table.name)
    if use_tablesample:
        estimate = max(table.row_estimate or 1, 1)
        percent = min(100.0, 100.0 * rows_limit * 3 / estimate)
        source = sql.SQL("{} TABLESAMPLE SYSTEM ({})").format(source, sql.Literal(round(percent, 4)))
    return sql.SQL("SELECT count(*), {aggs} FROM (SELECT * FROM {src} LIMIT {limit}) AS sampled").format(
        aggs=sql.SQL(", ").join(aggregates), src=source, limit=sql.Literal(rows_limit)
    )


def _to_arrow(values: list | None, column: ColumnInfo) -> pa.Array:
    if not values:
        return pa.array([], type=pa.binary() if column.type_category == "binary" else pa.string())
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # Mixed numeric scales or exotic types: text is always a faithful fallback.
        return pa.array([str(v) for v in values], type=pa.string())


def sample_table(
    conn: psycopg.Connection, table: TableInfo, sample_size: int, rows_limit: int | None = None
) -> list[ColumnSample]:
    """Sample one table over an open connection; TABLESAMPLE first when the table is large."""
    rows_limit = rows_limit or rows_limit_for(sample_size)
    large = (table.row_estimate or 0) > rows_limit * 10
    row = conn.execute(sample_query(table, sample_size, rows_limit, large)).fetchone()
    if large and row is not None and row[0] == 0:
        # SYSTEM sampling can miss every page of a table with few, full pages: read the head instead.
        row = conn.execute(sample_query(table, sample_size, rows_limit, False)).fetchone()
    values = list(row[1:]) if row is not None else [None] * len(table.columns)
    siblings = tuple(c.name for c in table.columns)
    return [
        ColumnSample(
            schema_name=table.schema_name,
            table=table.name,
            column=c.name,
            data_type=c.data_type,
            values=_to_arrow(v, c),
            type_category=c.type_category,
            table_columns=siblings,
        )
        for c, v in zip(table.columns, values, strict=True)
    ]


def sample_snapshot(
    url: str, snapshot: SchemaSnapshot, sample_size: int = 100, hooks: JobHooks | None = None
) -> list[ColumnSample]:
    """Sample every base table of the snapshot (partitions are read through their parent)."""
    hooks = hooks or NullHooks()
    tables = [t for t in snapshot.tables if t.is_subset_source and t.columns]
    samples: list[ColumnSample] = []
    try:
        with connect_readonly(
            url, statement_timeout_ms=_STATEMENT_TIMEOUT_MS, application_name="tdm-pii-sampling"
        ) as conn:
            for done, table in enumerate(tables, start=1):
                hooks.check_cancelled()
                samples.extend(_sample_or_explain(conn, table, sample_size))
                hooks.progress(STAGE, done, len(tables), f"sampled {table.qualified_name}")
    except psycopg.OperationalError as exc:
        raise SourceUnavailable("the source database could not be reached for sampling") from exc
    return samples


def _sample_or_explain(
    conn: psycopg.Connection, table: TableInfo, sample_size: int
) -> Sequence[ColumnSample]:
    try:
        return sample_table(conn, table, sample_size)
    except (
        psycopg.errors.UndefinedTable,
        psycopg.errors.UndefinedColumn,
        psycopg.errors.InvalidSchemaName,
    ) as exc:
        raise SourceUnavailable(
            f"table {table.qualified_name} no longer matches the source; run schema discovery again"
        ) from exc
