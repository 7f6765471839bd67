"""How each column leaves the source: in a form the driver decodes into plain Arrow, and that loads
back into the same PostgreSQL type without loss.

The ADBC driver hands some types over as PostgreSQL's binary form (inet, geometric, ranges, xml,
composites), as Arrow types Parquet cannot store (interval) or as extension types later stages
don't read (uuid): those are exported as their text form. So is numeric: the server's text costs
far less than the driver's decoding of the binary form into that same text; `numeric(p, s)` is
read back into a decimal. money's binary form is in cents, so it goes as numeric's text. Arrays become Arrow lists only when the element type decodes natively and every
value is one-dimensional with lower bound 1 (a list has no room for `[0:2]={...}` or `{{1,2}}`);
otherwise the whole array travels as its text literal, which the target parses back exactly.
Likewise a `numeric(p, s)` column becomes a decimal unless it holds NaN, and a date or timestamp
column stays one unless it holds ±infinity (or, for timestamps, a value after 294247-01-10, which
the driver's shift to the Unix epoch would wrap around).
"""

from __future__ import annotations

from psycopg import sql

from tdm_agents.subsetting.source_session import SourceSession
from tdm_metadata_store.snapshot import ColumnInfo, TableInfo

TEXT_CATEGORIES = frozenset({"uuid", "network", "geometric", "interval", "other"})
NATIVE_ARRAY_ELEMENTS = frozenset(
    {"int2", "int4", "int8", "float4", "float8", "bool", "text", "varchar", "bpchar", "date"}
    | {"timestamp", "timestamptz", "bytea"}
)


def value_checks(info: TableInfo, columns: frozenset[str] | None = None) -> dict[str, sql.Composable]:
    """Per column of `info` (among `columns`, if given) whose values may not fit its Arrow type,
    an aggregate over the rows that is true when some value does not."""
    checks = {c.name: _value_check(c) for c in info.columns if not c.is_generated}
    return {n: c for n, c in checks.items() if c is not None and (columns is None or n in columns)}


def text_exported(
    session: SourceSession, info: TableInfo, rows: sql.Composable, columns: frozenset[str] | None = None
) -> frozenset[str]:
    """Columns of `info` that must travel as text because of the values they hold: arrays a list
    cannot carry (several dimensions, a lower bound other than 1, ±infinity), `numeric(p, s)`
    holding NaN and dates or timestamps holding ±infinity. One aggregate over `rows` (the export
    query: only the subset's rows are read) finds them all."""
    checks = {c.name: _value_check(c) for c in info.columns if not c.is_generated}
    checks = {name: check for name, check in checks.items() if check is not None}
    if not checks:
        return frozenset()
    query = sql.SQL("SELECT {} FROM ({}) e").format(sql.SQL(", ").join(checks.values()), rows)
    row = session.execute(query, stage=f"value shape check of {info.key}")[0]
    return frozenset(name for name, found in zip(checks, row, strict=True) if found)


def _value_check(column: ColumnInfo) -> sql.Composable | None:
    ref = sql.Identifier(column.name)
    element = (column.udt_name or "").lstrip("_")
    if column.type_category == "array":
        check = "array_ndims({c}) > 1 OR array_lower({c}, 1) <> 1"
        parts: dict[str, sql.Composable] = {"c": ref}
        if element in _DATETIME_TYPES:
            check += " OR {c}::text LIKE '%infinity%'"
        if element in _LAST_SHIFTABLE:
            check += " OR EXISTS (SELECT 1 FROM unnest({c}) e WHERE e > {last})"
            parts["last"] = sql.Literal(_LAST_SHIFTABLE[element])
        return sql.SQL(f"coalesce(bool_or({check}), false)").format(**parts)
    if column.udt_name == "numeric" and column.numeric_precision is not None:
        return sql.SQL("coalesce(bool_or({} = 'NaN'), false)").format(ref)
    if column.udt_name in _LAST_SHIFTABLE:
        return sql.SQL("coalesce(bool_or(isfinite({c}) IS FALSE OR {c} > {last}), false)").format(
            c=ref, last=sql.Literal(_LAST_SHIFTABLE[column.udt_name])
        )
    if column.udt_name in _DATETIME_TYPES:
        return sql.SQL("coalesce(bool_or(isfinite({}) IS FALSE), false)").format(ref)
    return None


def _numeric_as_text(column: ColumnInfo) -> bool:
    """The driver decodes numeric's binary form into text, at two to three times the cost of the
    server's own text form; a numeric(p, s) is read back from that text as a decimal (see
    `export.decimal_columns`)."""
    return column.udt_name == "numeric"


# Their ±infinity has no Arrow date or timestamp value; columns holding it travel as text.
_DATETIME_TYPES = frozenset({"date", "timestamp", "timestamptz"})
# The last timestamp the driver can shift from PostgreSQL's epoch (2000) to Arrow's (1970) in 64
# bits of microseconds; a later one (PostgreSQL goes on to 294276 AD) would wrap around to a date
# before Christ, so columns holding one travel as text too.
_LAST_SHIFTABLE = {
    "timestamp": "294247-01-10 04:00:54.775807",
    "timestamptz": "294247-01-10 04:00:54.775807+00",
}


def portable(info: ColumnInfo | None, ref: sql.Composable, as_text: bool = False) -> sql.Composable:
    """`ref` cast to a type whose Arrow form is plain, when the driver's form is not."""
    if info is None:
        return ref
    if as_text or info.type_category in TEXT_CATEGORIES or _numeric_as_text(info):
        return sql.SQL("{}::text").format(ref)
    if info.udt_name == "money":
        return sql.SQL("{}::numeric::text").format(ref)
    if info.type_category == "array" and (info.udt_name or "").lstrip("_") not in NATIVE_ARRAY_ELEMENTS:
        return sql.SQL("{}::text[]").format(ref)
    return ref
