"""Stream the rows selected by the key sets out of the source, as Arrow record batches, into a sink.

Each table is one `SELECT … FROM table JOIN key set` that the ADBC driver runs as COPY binary and
decodes in C. Foreign-key columns of cut relationships keep their value only when the referenced
row is in the subset; otherwise they become NULL, so the output has no dangling reference.

`numeric` columns leave the source as the server's text (see `portable`). Those with a declared
precision (`numeric(p, s)`, p <= 38) become `decimal128(p, s)` on the way out, so later stages
(masking, provisioning) see a real decimal; unconstrained `numeric` stays text, since it may hold
values no fixed-point type can carry. A numeric the driver still hands over (its opaque extension
type holding text, as for a domain over numeric) is treated the same way from its typmod.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc
from psycopg import sql

from tdm_agents.common.progress import JobHooks
from tdm_agents.common.read_ahead import read_ahead
from tdm_agents.subsetting.errors import SubsetExtractionError
from tdm_agents.subsetting.keysets import KeySetBuilder
from tdm_agents.subsetting.portable import portable, text_exported
from tdm_agents.subsetting.source_session import SourceSession
from tdm_agents.subsetting.sql_builder import equalities, table_ident
from tdm_agents.subsetting.validation import ResolvedRequest
from tdm_metadata_store.snapshot import RelationshipInfo, TableInfo


class TableSink(Protocol):
    """Where extracted rows go: the dataset store's `write_table`, bound to a dataset version."""

    def __call__(self, table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> Any: ...


# Sees an export's batches on their way to the sink (and hands them on).
Observer = Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]


def export_query(
    resolved: ResolvedRequest, keysets: KeySetBuilder, table: str, as_text: frozenset[str] = frozenset()
) -> sql.Composable:
    """The SELECT that produces exactly the subset's rows of `table`, with cut references nulled;
    columns in `as_text` are exported as their text form."""
    info = resolved.table(table)
    columns = sql.SQL(", ").join(
        _column_expr(resolved, keysets, table, c.name, c.name in as_text) for c in info.columns
    )
    source = table_ident(info)
    if resolved.modes[table] == "full":
        return sql.SQL("SELECT {} FROM {} t").format(columns, source)
    if (through_parent := keysets.derived_rows(table, "t")) is not None:
        return sql.SQL("SELECT {} FROM {} t WHERE {}").format(columns, source, through_parent)
    keyset = keysets.keyset_name(table)
    if keyset is None:
        return sql.SQL("SELECT {} FROM {} t WHERE false").format(columns, source)
    return sql.SQL("SELECT {} FROM {} t JOIN {} k ON {}").format(
        columns, source, sql.Identifier(keyset), keysets.keys[table].join("t", "k")
    )


def _column_expr(
    resolved: ResolvedRequest, keysets: KeySetBuilder, table: str, column: str, as_text: bool
) -> sql.Composable:
    plain = sql.Identifier("t", column)
    ref = portable(resolved.table(table).column(column), plain, as_text)
    guards = [
        _parent_present(resolved, keysets, rel)
        for i, rel in enumerate(resolved.graph.relationships)
        if i in resolved.cut_relationships and rel.child_key == table and column in rel.child_columns
    ]
    if not guards:
        return ref if ref is plain else sql.SQL("{} AS {}").format(ref, sql.Identifier(column))
    # CASE without ELSE yields NULL of the column's own type, so no type name is needed.
    return sql.SQL("CASE WHEN {} THEN {} END AS {}").format(
        sql.SQL(" AND ").join(guards), ref, sql.Identifier(column)
    )


def _parent_present(
    resolved: ResolvedRequest, keysets: KeySetBuilder, rel: RelationshipInfo
) -> sql.Composable:
    """True when the row referenced through `rel` is part of the subset."""
    mode = resolved.modes[rel.parent_key]
    keyset = keysets.keyset_name(rel.parent_key)
    if mode == "skip" or keyset is None:
        return sql.SQL("false")
    parent = table_ident(resolved.table(rel.parent_key))
    match = equalities("p", rel.parent_columns, "t", rel.child_columns)
    if mode == "full":
        return sql.SQL("EXISTS (SELECT 1 FROM {} p WHERE {})").format(parent, match)
    return sql.SQL("EXISTS (SELECT 1 FROM {} p JOIN {} k ON {} WHERE {})").format(
        parent, sql.Identifier(keyset), keysets.keys[rel.parent_key].join("p", "k"), match
    )


def export_table(
    session: SourceSession,
    resolved: ResolvedRequest,
    keysets: KeySetBuilder,
    table: str,
    sink: TableSink,
    hooks: JobHooks,
    suspects: frozenset[str] | None = None,
    observe: Observer | None = None,
) -> int:
    """Stream `table`'s subset rows from `session` (which holds the key sets the query joins) into
    `sink`; returns the rows written. Only the `suspects` columns (all, if None) are checked for
    values that must travel as text. `observe` sees the batches on their way to the sink."""
    hooks.check_cancelled()
    query = export_query(resolved, keysets, table)
    as_text = (
        frozenset()
        if suspects == frozenset()
        else text_exported(session, resolved.table(table), query, suspects)
    )
    if as_text:
        query = export_query(resolved, keysets, table, as_text)
    schema, batches = session.stream(query, stage=f"export of {table}")
    decimals = decimal_columns(resolved.table(table), as_text)
    schema, batches = normalize_numeric(schema, batches, table, decimals)
    counter = _RowCounter()
    rows = _watched(read_ahead(batches, name=f"tdm-export-{table}"), hooks, counter)
    sink(table, observe(rows) if observe is not None else rows, schema)
    return counter.rows


def keysets_read(resolved: ResolvedRequest, keysets: KeySetBuilder, table: str) -> list[str]:
    """Names of the key-set tables `export_query(table)` joins: the table's own and those of the
    parents its cut references are checked against."""
    names = []
    if resolved.modes[table] != "full" and (own := keysets.keyset_name(table)) is not None:
        names.append(own)
    if (index := keysets.derived.get(table)) is not None:  # read through its parent's key set
        names.append(keysets.keyset_table(resolved.graph.relationships[index].parent_key))
    for i, rel in enumerate(resolved.graph.relationships):
        if i not in resolved.cut_relationships or rel.child_key != table:
            continue
        parent = keysets.keyset_name(rel.parent_key)
        if resolved.modes[rel.parent_key] == "subset" and parent is not None and parent not in names:
            names.append(parent)
    return names


class _RowCounter:
    def __init__(self) -> None:
        self.rows = 0


def _watched(
    batches: Iterator[pa.RecordBatch], hooks: JobHooks, counter: _RowCounter
) -> Iterator[pa.RecordBatch]:
    """Count rows and honour cancellation between batches, as the sink pulls them."""
    for batch in batches:
        hooks.check_cancelled()
        counter.rows += batch.num_rows
        yield batch


_DECIMAL128_MAX_PRECISION = 38
_NUMERIC_TYPMOD_OFFSET = 4  # PostgreSQL's VARHDRSZ: typmod = ((precision << 16) | scale) + 4


def decimal_type(field: pa.Field) -> pa.DataType | None:
    """The decimal128 type for a `numeric(p, s)` field from the driver, or None to keep it as is."""
    ext = field.type
    if not isinstance(ext, pa.OpaqueType) or ext.type_name != "numeric":
        return None
    typmod = int((field.metadata or {}).get(b"POSTGRESQL:typmod", b"-1"))
    if typmod < _NUMERIC_TYPMOD_OFFSET:
        return None
    precision, scale = divmod(typmod - _NUMERIC_TYPMOD_OFFSET, 1 << 16)
    if not 0 < precision <= _DECIMAL128_MAX_PRECISION or scale > precision:
        return None
    return pa.decimal128(precision, scale)


def _target_type(field: pa.Field) -> pa.DataType | None:
    """decimal128 for constrained numeric; the storage type for other extension types (json, numeric)."""
    decimal = decimal_type(field)
    if decimal is not None:
        return decimal
    if isinstance(field.type, pa.ExtensionType):
        return field.type.storage_type
    return None


def decimal_columns(info: TableInfo, as_text: frozenset[str]) -> dict[str, pa.DataType]:
    """The decimal128 type of each `numeric(p, s)` column of `info` (p <= 38) that leaves the
    source as its text (see `portable`) to be read back as a decimal; not those in `as_text`,
    which hold a value (NaN) no decimal carries."""
    decimals = {}
    for column in info.columns:
        precision, scale = column.numeric_precision or 0, column.numeric_scale or 0
        fits = 0 < precision <= _DECIMAL128_MAX_PRECISION and 0 <= scale <= precision
        if column.udt_name == "numeric" and column.name not in as_text and fits:
            decimals[column.name] = pa.decimal128(precision, scale)
    return decimals


def normalize_numeric(
    schema: pa.Schema,
    batches: Iterable[pa.RecordBatch],
    table: str,
    decimals: Mapping[str, pa.DataType] | None = None,
) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
    """Cast the `decimals` columns (text) and the driver's constrained `numeric` columns to
    decimal128, and other driver extension types (json, unconstrained numeric) to their plain
    storage type; other columns pass through untouched."""
    decimals = decimals or {}
    targets = {
        i: t for i, f in enumerate(schema) if (t := decimals.get(f.name) or _target_type(f)) is not None
    }
    if not targets:
        return schema, iter(batches)
    out_schema = schema
    for i, decimal in targets.items():
        out_schema = out_schema.set(i, schema.field(i).with_type(decimal))
    return out_schema, _cast_batches(batches, targets, out_schema, table)


def _cast_batches(
    batches: Iterable[pa.RecordBatch], targets: dict[int, pa.DataType], schema: pa.Schema, table: str
) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        columns = list(batch.columns)
        for i, decimal in targets.items():
            try:
                column = columns[i]
                storage = column.storage if isinstance(column, pa.ExtensionArray) else column
                columns[i] = pc.cast(storage, decimal)
            except pa.ArrowInvalid:
                # Only 'NaN' fits numeric(p, s) but not a decimal; the value itself is not repeated.
                name = schema.field(i).name
                raise SubsetExtractionError(
                    f"column {table}.{name} holds a value (NaN) that a decimal column cannot carry"
                ) from None
        yield pa.RecordBatch.from_arrays(columns, schema=schema)
