"""Apply validated rules to a table's record batches, and to a whole dataset version.

Column-at-a-time over Arrow arrays: each rule reads the original batch and replaces one column.
Rules marked per-distinct run once per distinct value of the batch (dictionary-encode, transform
the dictionary, take); those that declare `remembers_outputs` also keep their outputs across
batches and tables in a per-run memo (`distinct_memo`), so a recurring value is masked once.
Rules that need the whole column (`mask.shuffle`) get it first: from `column_reader` when given
(a second read of just those columns: memory = those columns), else by buffering the table's
batches (memory = the whole table).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import pyarrow as pa
from pydantic import BaseModel

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.distinct_memo import DistinctMemo, transform_distinct
from tdm_agents.masking.rules import ResolvedRule
from tdm_agents.masking.transformers.base import ColumnScope, Transformer

ColumnReader = Callable[[list[str]], Iterable[pa.RecordBatch]]


class MaskingError(RuntimeError):
    """Masking could not run on the data (a rule's column is missing, a rule failed on a column)."""


@dataclass(frozen=True)
class _Step:
    rule: ResolvedRule
    transformer: Transformer
    options: BaseModel

    def scope(self, batch: pa.RecordBatch | None) -> ColumnScope:
        return ColumnScope(self.rule.table, self.rule.column, self.rule.unique, batch)

    @cached_property
    def memo_key(self) -> tuple:
        """What a remembered output depends on besides the value and the run's key."""
        return ("distinct-memo", self.rule.type, self.options.model_dump_json(), self.rule.unique)


def _plan(table: str, rules: Sequence[ResolvedRule]) -> list[_Step]:
    return [_Step(r, r.transformer(), r.parsed_options()) for r in rules if r.table == table]


def _conform(original: pa.Array, masked: pa.Array, step: _Step) -> pa.Array:
    if isinstance(masked, pa.ChunkedArray):
        masked = masked.combine_chunks()
    if len(masked) != len(original):
        raise MaskingError(f"{step.rule.type} changed the row count of {step.rule.target}")
    target = original.type.value_type if pa.types.is_dictionary(original.type) else original.type
    return masked if masked.type == target else masked.cast(target)


def mask_column(values: pa.Array, step: _Step, batch: pa.RecordBatch | None, ctx: MaskContext) -> pa.Array:
    """One rule on one column chunk; per distinct value where the rule allows it."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not step.transformer.accepts_arrow(values.type):
        raise MaskingError(f"{step.rule.type} cannot run on {step.rule.target} of Arrow type {values.type}")
    if step.transformer.per_distinct(step.options):
        masked = _mask_distinct(values, step, batch, ctx)
    else:
        masked = step.transformer.transform(values, step.options, step.scope(batch), ctx)
    return _conform(values, masked, step)


def _mask_distinct(values: pa.Array, step: _Step, batch: pa.RecordBatch | None, ctx: MaskContext) -> pa.Array:
    """Transform each distinct value once (once per run when the rule's outputs can be remembered)."""

    def transform(distinct: pa.Array) -> pa.Array:
        masked = step.transformer.transform(distinct, step.options, step.scope(batch), ctx)
        return _conform(distinct, masked, step)

    if pa.types.is_dictionary(values.type):
        memo = _memo(step, values.dictionary.type, ctx)
        masked = transform(values.dictionary) if memo is None else memo.apply(values.dictionary, transform)
        return masked.take(values.indices)
    memo = _memo(step, values.type, ctx)
    return transform_distinct(values, transform) if memo is None else memo.apply(values, transform)


def _memo(step: _Step, kind: pa.DataType, ctx: MaskContext) -> DistinctMemo | None:
    if not step.transformer.remembers_outputs or ctx.distinct_memo_bytes <= 0:
        return None
    memo = ctx.cached((*step.memo_key, str(kind)), lambda: DistinctMemo(ctx.distinct_memo_bytes))
    return memo if memo.enabled else None


def _whole_columns(
    steps: list[_Step],
    batches: Iterable[pa.RecordBatch],
    column_reader: ColumnReader | None,
    ctx: MaskContext,
) -> tuple[Iterable[pa.RecordBatch], dict[str, pa.Array]]:
    """Mask the whole-column rules up front; returns the batches to stream and the masked columns."""
    whole = [s for s in steps if s.transformer.needs_whole_column]
    if not whole:
        return batches, {}
    names = [s.rule.column for s in whole]
    if column_reader is None:
        batches = list(batches)
        source: Iterable[pa.RecordBatch] = batches
    else:
        source = column_reader(names)
    columns: dict[str, list[pa.Array]] = {n: [] for n in names}
    for batch in source:
        for name in names:
            columns[name].append(batch.column(name))
    masked = {}
    for step in whole:
        chunks = columns[step.rule.column]
        full = pa.chunked_array(chunks, type=chunks[0].type).combine_chunks() if chunks else pa.array([])
        masked[step.rule.column] = mask_column(full, step, None, ctx) if chunks else full
    return batches, masked


def mask_table(
    table: str,
    batches: Iterable[pa.RecordBatch],
    rules: Sequence[ResolvedRule],
    ctx: MaskContext,
    column_reader: ColumnReader | None = None,
) -> Iterator[pa.RecordBatch]:
    """Mask one table's batches with the rules that target it; same schema, same row count, same order."""
    steps = _plan(table, rules)
    if not steps:
        yield from batches
        return
    batches, whole = _whole_columns(steps, batches, column_reader, ctx)
    offset = 0
    for batch in batches:
        columns = list(batch.columns)
        for step in steps:
            index = batch.schema.get_field_index(step.rule.column)
            if index < 0:
                raise MaskingError(f"column {step.rule.column!r} is not in the data of table {table!r}")
            if step.rule.column in whole:
                columns[index] = whole[step.rule.column].slice(offset, batch.num_rows)
            else:
                columns[index] = mask_column(batch.column(index), step, batch, ctx)
        offset += batch.num_rows
        yield pa.RecordBatch.from_arrays(columns, schema=batch.schema)


@dataclass
class TableMaskResult:
    """What happened to one table: rows in/out and which rule touched which column."""

    table: str
    rows_in: int = 0
    rows_out: int = 0
    columns: list[dict[str, str | None]] = field(default_factory=list)


@dataclass
class MaskingResult:
    """Summary of a dataset masking run: safe to persist (ids, counts, rule names; never values)."""

    key_id: str
    tables: list[TableMaskResult]

    @property
    def column_rules(self) -> list[dict[str, str | None]]:
        """The column-level record for lineage: table, column, rule type, source, derived_from."""
        return [c for t in self.tables for c in t.columns]


def _counted(
    batches: Iterable[pa.RecordBatch], hooks: JobHooks, counter: list[int]
) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        hooks.check_cancelled()
        counter[0] += batch.num_rows
        yield batch


def mask_dataset(
    read_table: Callable[..., Iterable[pa.RecordBatch]],
    write_table: Callable[[str, Iterable[pa.RecordBatch], pa.Schema | None], object],
    tables: Sequence[str],
    rules: Sequence[ResolvedRule],
    ctx: MaskContext,
    hooks: JobHooks | None = None,
) -> MaskingResult:
    """Mask every table of a dataset: `read_table(table, columns=None)` -> batches, `write_table(table,
    batches, schema)` stores the masked batches (schema is None only for a table without batches).

    Tables without rules are copied through unchanged. Checks the cancel flag between batches.
    """
    hooks = hooks or NullHooks()
    results = []
    for done, table in enumerate(tables):
        hooks.check_cancelled()
        rows_in, rows_out = [0], [0]
        source = _counted(read_table(table), hooks, rows_in)

        def reader(cols: list[str], t: str = table) -> Iterable[pa.RecordBatch]:
            return read_table(t, columns=cols)

        masked = _counted(mask_table(table, source, rules, ctx, column_reader=reader), NullHooks(), rows_out)
        first = next(masked, None)
        schema = first.schema if first is not None else None
        write_table(table, itertools.chain([first] if first is not None else [], masked), schema)
        if rows_in[0] != rows_out[0]:
            raise MaskingError(f"row count of {table!r} changed from {rows_in[0]} to {rows_out[0]}")
        columns = [
            {"column": r.column, "rule": r.type, "source": r.source, "derived_from": r.derived_from}
            for r in rules
            if r.table == table
        ]
        results.append(TableMaskResult(table, rows_in[0], rows_out[0], columns))
        hooks.progress("mask", done + 1, len(tables), message=f"{table}: {rows_out[0]} rows")
        hooks.log(f"masked {table}: {rows_out[0]} rows, {len(columns)} column rule(s)", stage="mask")
    return MaskingResult(key_id=ctx.key_id, tables=results)
