"""Build the one statement that profiles a table: all columns' aggregates over one bounded sample.

The sample's columns are renamed c0, c1, ... so that no source column name can collide with
the helper row number; identifiers are quoted by psycopg, never spliced as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql

from tdm_agents.schema_discovery.sampling import SamplingPlan
from tdm_agents.schema_discovery.type_categories import (
    NATIVE_DISTINCT_CATEGORIES,
    ORDERED_CATEGORIES,
    TEXT_ORDERED_CATEGORIES,
)
from tdm_metadata_store.snapshot import ColumnInfo, TableInfo

# Min/max may be long (free text): they are kept short because they are shown, not analysed.
MINMAX_CHARS = 64
# Sampled values handed to semantic inference are cut: a prefix is enough to recognise a shape.
SAMPLE_VALUE_CHARS = 256
ROW_NUMBER = "__tdm_rn"


@dataclass(frozen=True)
class ColumnAggregates:
    """Which aggregates a column gets, and where they land in the result row."""

    column: ColumnInfo
    has_minmax: bool
    has_avg_length: bool
    wants_values: bool


def plan_columns(table: TableInfo) -> list[ColumnAggregates]:
    """Decide per column which aggregates make sense for its type."""
    return [
        ColumnAggregates(
            column=c,
            has_minmax=c.type_category in ORDERED_CATEGORIES | TEXT_ORDERED_CATEGORIES,
            has_avg_length=c.type_category in ("string", "binary", "json", "array", "other"),
            wants_values=c.type_category == "string",
        )
        for c in table.columns
    ]


def _distinct(ref: sql.Composable, category: str) -> sql.Composable:
    if category in NATIVE_DISTINCT_CATEGORIES:
        return sql.SQL("count(DISTINCT {})").format(ref)
    # json, arrays, geometric types: not all have equality/btree; hashing the text form always works.
    if category == "binary":
        return sql.SQL("count(DISTINCT md5({}))").format(ref)
    return sql.SQL("count(DISTINCT md5({}::text))").format(ref)


def _minmax(ref: sql.Composable, category: str, fn: str) -> sql.Composable:
    value = sql.SQL("{}::text").format(ref) if category in TEXT_ORDERED_CATEGORIES else ref
    return sql.SQL("left({}({})::text, {})").format(sql.SQL(fn), value, sql.Literal(MINMAX_CHARS))


def _avg_length(ref: sql.Composable, category: str) -> sql.Composable:
    if category == "string":
        return sql.SQL("avg(char_length({}::text))::float8").format(ref)
    if category == "binary":
        return sql.SQL("avg(octet_length({}))::float8").format(ref)
    return sql.SQL("avg(octet_length({}::text))::float8").format(ref)


def _column_aggregates(index: int, spec: ColumnAggregates, value_sample_size: int) -> list[sql.Composable]:
    ref = sql.Identifier(f"c{index}")
    category = spec.column.type_category
    parts: list[sql.Composable] = [sql.SQL("count({})").format(ref), _distinct(ref, category)]
    if spec.has_minmax:
        parts += [_minmax(ref, category, "min"), _minmax(ref, category, "max")]
    if spec.has_avg_length:
        parts.append(_avg_length(ref, category))
    if spec.wants_values:
        parts.append(
            sql.SQL("(array_agg(left({}::text, {})) FILTER (WHERE {} IS NOT NULL AND {} <= {}))").format(
                ref,
                sql.Literal(SAMPLE_VALUE_CHARS),
                ref,
                sql.Identifier(ROW_NUMBER),
                sql.Literal(value_sample_size),
            )
        )
    return parts


def build_profile_query(
    table: TableInfo, specs: list[ColumnAggregates], plan: SamplingPlan, value_sample_size: int
) -> sql.Composed:
    """SELECT count(*), then per column: count, distinct, [min, max], [avg length], [values]."""
    relation: sql.Composable = sql.Identifier(table.schema_name, table.name)
    if table.inherited_by:  # its own rows only: children are profiled as tables of their own
        relation = sql.SQL("ONLY {}").format(relation)
    picked = (
        sql.SQL(", ").join(
            sql.SQL("{} AS {}").format(sql.Identifier(s.column.name), sql.Identifier(f"c{i}"))
            for i, s in enumerate(specs)
        )
        if specs
        else sql.SQL("1")
    )  # a table may have no columns at all
    aggregates: list[sql.Composable] = [sql.SQL("count(*)")]
    for i, spec in enumerate(specs):
        aggregates += _column_aggregates(i, spec, value_sample_size)
    return sql.SQL(
        "SELECT {aggs} FROM (SELECT s0.*, row_number() OVER () AS {rn} "
        "FROM (SELECT {picked} FROM {source} LIMIT {limit}) AS s0) AS s"
    ).format(
        aggs=sql.SQL(", ").join(aggregates),
        rn=sql.Identifier(ROW_NUMBER),
        picked=picked,
        source=plan.from_clause(relation),
        limit=sql.Literal(plan.limit),
    )
