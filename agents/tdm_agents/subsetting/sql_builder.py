"""SQL fragments of the engine, composed with psycopg.sql so identifiers are always quoted.

Nothing a client sends is spliced into a statement: table and column names come from the schema
snapshot (and are quoted), values travel as bound parameters and are cast on the server.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from psycopg import sql

from tdm_agents.subsetting.validation import ResolvedCondition
from tdm_metadata_store.snapshot import TableInfo

_COMPARISONS = {
    "=": "=",
    "!=": "<>",
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
    "like": "LIKE",
    "ilike": "ILIKE",
}
# Sampling buckets: a key is kept when its hash falls in the first pct*100 of 10 000 buckets.
SAMPLING_BUCKETS = 10_000


class Params:
    """Collects bound values and hands out placeholders in the driver's style.

    ADBC (libpq) numbers its parameters (`$1`); psycopg uses `%s`.
    """

    def __init__(self, style: Literal["dollar", "pyformat"] = "dollar"):
        self.style = style
        self.values: list[str] = []

    def bind(self, value: str, cast: sql.Composable) -> sql.Composable:
        """A placeholder for `value`, cast on the server to `cast`."""
        self.values.append(value)
        placeholder = sql.SQL(f"${len(self.values)}") if self.style == "dollar" else sql.Placeholder()
        return sql.SQL("CAST({} AS {})").format(placeholder, cast)


def table_ident(table: TableInfo) -> sql.Composable:
    """The schema-qualified, quoted name of a source table, to read its own rows.

    A table that others INHERIT from is read with ONLY: a plain read includes its children's rows,
    which the subset reads (and writes) as tables of their own.
    """
    ident = sql.Identifier(table.schema_name, table.name)
    return sql.SQL("ONLY {}").format(ident) if table.inherited_by else ident


def column_refs(alias: str, columns: Iterable[str]) -> list[sql.Composable]:
    """`alias."col"` for each column."""
    return [sql.Identifier(alias, c) for c in columns]


def equalities(left: str, left_cols: list[str], right: str, right_cols: list[str]) -> sql.Composable:
    """`l.a = r.x AND l.b = r.y`: plain equalities so the planner can use indexes and hash joins."""
    parts = [
        sql.SQL("{} = {}").format(sql.Identifier(left, lc), sql.Identifier(right, rc))
        for lc, rc in zip(left_cols, right_cols, strict=True)
    ]
    return sql.SQL(" AND ").join(parts)


@dataclass(frozen=True)
class KeySpec:
    """How rows of one table are told apart: its identifying columns, or `ctid` when it has none.

    `ctid` is only stable within one snapshot, which is exactly the scope of an extraction. A
    partitioned table's rows live in several partitions whose ctids overlap, so there the row's
    partition (`tableoid`) is part of the key.
    """

    columns: tuple[str, ...]
    partitioned: bool = False

    @classmethod
    def of(cls, table: TableInfo) -> KeySpec:
        """The key of `table`: PK, else virtual key, else NOT NULL unique columns, else ctid."""
        return cls(tuple(table.identifying_columns()), table.kind == "partitioned_table")

    @property
    def uses_ctid(self) -> bool:
        return not self.columns

    @property
    def _system_columns(self) -> list[tuple[str, str]]:
        """(system column, key-set column) pairs of a ctid key."""
        return [("tableoid", "toid"), ("ctid", "tid")] if self.partitioned else [("ctid", "tid")]

    @property
    def set_columns(self) -> list[str]:
        """Column names inside a key-set table."""
        return list(self.columns) if self.columns else [name for _, name in self._system_columns]

    def select(self, alias: str) -> sql.Composable:
        """The key of `alias` as a select list, named like the key-set columns."""
        if self.uses_ctid:
            return sql.SQL(", ").join(
                sql.SQL("{} AS {}").format(sql.Identifier(alias, col), sql.Identifier(name))
                for col, name in self._system_columns
            )
        return sql.SQL(", ").join(column_refs(alias, self.columns))

    def join(self, table_alias: str, set_alias: str) -> sql.Composable:
        """Condition matching rows of `table_alias` to keys in the key set `set_alias`."""
        if self.uses_ctid:
            return sql.SQL(" AND ").join(
                sql.SQL("{} = {}").format(sql.Identifier(table_alias, col), sql.Identifier(set_alias, name))
                for col, name in self._system_columns
            )
        return equalities(table_alias, list(self.columns), set_alias, list(self.columns))

    def order_by(self, alias: str) -> sql.Composable:
        """A deterministic order, so that a LIMIT picks the same rows every run."""
        cols = [col for col, _ in self._system_columns] if self.uses_ctid else list(self.columns)
        return sql.SQL(", ").join(column_refs(alias, cols))

    def text(self, alias: str) -> sql.Composable:
        """The key rendered as text (works for every key type), input of the sampling hash."""
        if self.uses_ctid and not self.partitioned:
            return sql.SQL("{}::text").format(sql.Identifier(alias, "ctid"))
        cols = [col for col, _ in self._system_columns] if self.uses_ctid else list(self.columns)
        return sql.SQL("ROW({})::text").format(sql.SQL(", ").join(column_refs(alias, cols)))


def condition_sql(alias: str, cond: ResolvedCondition, params: Params) -> sql.Composable:
    """One filter condition on `alias`, its values bound through `params`."""
    col = sql.Identifier(alias, cond.column)
    if cond.op == "is_null":
        return sql.SQL("{} IS NULL").format(col)
    if cond.op == "not_null":
        return sql.SQL("{} IS NOT NULL").format(col)
    bound = [params.bind(v, cond.cast) for v in cond.values]
    if cond.op in ("in", "not_in"):
        keyword = sql.SQL("IN" if cond.op == "in" else "NOT IN")
        return sql.SQL("{} {} ({})").format(col, keyword, sql.SQL(", ").join(bound))
    if cond.op == "between":
        return sql.SQL("{} BETWEEN {} AND {}").format(col, bound[0], bound[1])
    return sql.SQL("{} {} {}").format(col, sql.SQL(_COMPARISONS[cond.op]), bound[0])


def sampling_sql(alias: str, key: KeySpec, pct: float, seed: int, params: Params) -> sql.Composable:
    """Keep a key when a seeded hash of its text falls below the percentage: same seed, same rows.

    `hashtextextended` takes the seed itself; masking the sign bit keeps the modulo non-negative.
    """
    threshold = round(pct * SAMPLING_BUCKETS / 100)
    int8 = sql.Identifier("int8")
    return sql.SQL("((hashtextextended({}, {}) & 9223372036854775807) % {}) < {}").format(
        key.text(alias),
        params.bind(str(seed), int8),
        sql.Literal(SAMPLING_BUCKETS),
        params.bind(str(threshold), int8),
    )


def where_all(parts: list[sql.Composable]) -> sql.Composable:
    """`WHERE a AND b`, or nothing when there are no conditions."""
    if not parts:
        return sql.SQL("")
    return sql.SQL(" WHERE ") + sql.SQL(" AND ").join(sql.SQL("({})").format(p) for p in parts)
