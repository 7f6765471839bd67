"""Record batches of one entity: own columns, then foreign keys, then date order.

A generated table keeps only what its children need: the columns they reference and its anchor
dates. Everything else goes to the sink batch by batch.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tdm_agents.synthetic.engines import dates, relations
from tdm_agents.synthetic.engines import values_numeric as num
from tdm_agents.synthetic.engines.arrow_types import arrow_schema
from tdm_agents.synthetic.engines.columns import ColumnContext, RowSpan, column_rng, generate_column
from tdm_agents.synthetic.schema_model import Entity, NormalizedSchema, Relationship

_CHILD_DELAY_DAYS = 20.0
_LATER_DELAY_DAYS = 7.0


@dataclass
class GeneratedTable:
    """What children of a generated table need from it."""

    rows: int
    referenced: dict[tuple[str, ...], list[list[pa.Array]]] = field(default_factory=dict)
    anchor: list[np.ndarray] = field(default_factory=list)

    def column(self, columns: tuple[str, ...], position: int) -> pa.ChunkedArray:
        """All generated values of one referenced column."""
        return pa.chunked_array([chunk[position] for chunk in self.referenced[columns]])

    def anchors(self) -> np.ndarray | None:
        """Anchor dates of every row (datetime64[us]), if the table has an anchor attribute."""
        return np.concatenate(self.anchor) if self.anchor else None


@dataclass
class TablePlan:
    """Everything fixed before the first batch of a table is generated."""

    entity: Entity
    rows: int
    relationships: list[Relationship]
    primary: Relationship | None
    deferred: list[Relationship]
    cumulative: np.ndarray | None
    referenced_by_children: list[tuple[str, ...]]


def plan_table(
    schema: NormalizedSchema,
    entity: Entity,
    rows: int,
    generated: dict[str, GeneratedTable],
    seed: int,
    observed_children: np.ndarray | None = None,
) -> TablePlan:
    """Fix a table's parent spread (children per parent) and what its children will reference.

    `observed_children` (children per parent seen in training data) replaces the relationship's
    declared distribution when given.
    """
    primary = relations.primary_parent(schema, entity.name)
    cumulative = None
    if primary is not None:
        rng = np.random.default_rng([seed, 7, zlib.crc32(entity.name.encode()), rows])
        parents = generated[primary.parent_entity].rows
        if observed_children is not None:
            counts = relations.learned_children_per_parent(observed_children, parents, rows, rng)
        else:
            counts = relations.children_per_parent(primary, parents, rows, rng)
        cumulative = np.cumsum(counts)
    referenced = list(dict.fromkeys(tuple(r.parent_attributes) for r in schema.children_of(entity.name)))
    return TablePlan(
        entity=entity,
        rows=rows,
        relationships=schema.parents_of(entity.name),
        primary=primary,
        deferred=relations.deferred_relationships(schema),
        cumulative=cumulative,
        referenced_by_children=referenced,
    )


LearnedColumns = Callable[[RowSpan, int], dict[str, pa.Array]]


def table_batches(
    plan: TablePlan,
    generated: dict[str, GeneratedTable],
    ctx: ColumnContext,
    batch_rows: int,
    on_batch: Callable[[pa.RecordBatch], None],
    learned: LearnedColumns | None = None,
) -> Iterator[pa.RecordBatch]:
    """Yield the table's batches and record what its children need in `generated`.

    `learned` (a learned engine's sampler) replaces the rules-drawn values of the columns it
    returns; keys, references and date order stay the rules engine's.
    """
    entity = plan.entity
    schema = arrow_schema(entity)
    own = GeneratedTable(rows=plan.rows, referenced={cols: [] for cols in plan.referenced_by_children})
    generated[entity.name] = own
    for number, start in enumerate(range(0, plan.rows, batch_rows)):
        span = RowSpan(start, min(start + batch_rows, plan.rows), plan.rows)
        columns = _own_columns(plan, span, ctx, number)
        if learned is not None:
            columns.update(learned(span, number))
        parent_rows = _assign_foreign_keys(plan, span, columns, generated, ctx, number)
        _order_dates(plan, span, columns, generated, parent_rows, ctx, number)
        batch = pa.RecordBatch.from_arrays([columns[f.name] for f in schema], schema=schema)
        for cols in plan.referenced_by_children:
            own.referenced[cols].append([batch.column(c) for c in cols])
        on_batch(batch)
        yield batch


def _own_columns(plan: TablePlan, span: RowSpan, ctx: ColumnContext, number: int) -> dict[str, pa.Array]:
    entity = plan.entity
    foreign = {a for r in plan.relationships for a in r.child_attributes}
    single_key = entity.primary_key if len(entity.primary_key) == 1 else []
    return {
        a.name: generate_column(
            a, span, column_rng(ctx.seed, entity.name, a.name, number), ctx, entity.name, a.name in single_key
        )
        for a in entity.attributes
        if a.name not in foreign
    }


def _assign_foreign_keys(
    plan: TablePlan,
    span: RowSpan,
    columns: dict[str, pa.Array],
    generated: dict[str, GeneratedTable],
    ctx: ColumnContext,
    number: int,
) -> np.ndarray | None:
    primary_rows = None
    for rel in plan.relationships:
        if rel.child_attributes[0] in columns:
            continue  # an attribute shared by two references takes the first one's value
        rng = column_rng(ctx.seed, plan.entity.name, "fk:" + ",".join(rel.child_attributes), number)
        if rel in plan.deferred:
            _fill_nulls(plan, rel, span, columns)
            continue
        rows, lookup = _parent_rows(plan, rel, span, columns, generated, rng)
        if rel is plan.primary:
            primary_rows = rows
        _take_parent_values(plan, rel, rows, lookup, columns, rng, ctx)
    return primary_rows


def _parent_rows(
    plan: TablePlan,
    rel: Relationship,
    span: RowSpan,
    columns: dict[str, pa.Array],
    generated: dict[str, GeneratedTable],
    rng: np.random.Generator,
) -> tuple[np.ndarray, list[pa.ChunkedArray]]:
    key = tuple(rel.parent_attributes)
    if rel.is_self_reference:
        # A row may point at any earlier row; row 0 points at itself unless nulls are allowed.
        earlier = generated[plan.entity.name]
        lookup = [
            pa.chunked_array([*earlier.column(key, i).chunks, columns[c]])
            if earlier.referenced[key]
            else pa.chunked_array([columns[c]])
            for i, c in enumerate(key)
        ]
        index = np.arange(span.start, span.stop)
        return np.floor(rng.random(span.size) * np.maximum(index, 1)).astype(np.int64), lookup
    parent = generated[rel.parent_entity]
    lookup = [parent.column(key, i) for i in range(len(key))]
    if rel is plan.primary and plan.cumulative is not None:
        return relations.parent_index(plan.cumulative, span.start, span.stop), lookup
    return rng.integers(0, parent.rows, size=span.size), lookup


def _take_parent_values(
    plan: TablePlan,
    rel: Relationship,
    rows: np.ndarray,
    lookup: list[pa.ChunkedArray],
    columns: dict[str, pa.Array],
    rng: np.random.Generator,
    ctx: ColumnContext,
) -> None:
    nulls = None
    attributes = [plan.entity.attribute(a) for a in rel.child_attributes]
    if all(a is not None and a.nullable for a in attributes) and (
        rel.is_self_reference or rel is not plan.primary
    ):
        share = 0.3 if rel.is_self_reference else ctx.scenario.null_fraction
        nulls = pa.array(rng.random(len(rows)) < share) if share > 0 else None
    for attribute, values in zip(attributes, lookup, strict=True):
        assert attribute is not None
        taken = values.take(pa.array(rows)).combine_chunks()
        if nulls is not None:
            taken = pc.if_else(nulls, pa.nulls(len(rows), taken.type), taken)
        columns[attribute.name] = taken


def _fill_nulls(plan: TablePlan, rel: Relationship, span: RowSpan, columns: dict[str, pa.Array]) -> None:
    schema = arrow_schema(plan.entity)
    for name in rel.child_attributes:
        columns[name] = pa.nulls(span.size, schema.field(name).type)


def _order_dates(
    plan: TablePlan,
    span: RowSpan,
    columns: dict[str, pa.Array],
    generated: dict[str, GeneratedTable],
    parent_rows: np.ndarray | None,
    ctx: ColumnContext,
    number: int,
) -> None:
    entity = plan.entity
    anchor = dates.anchor_attribute(entity)
    if anchor is None:
        return
    rng = column_rng(ctx.seed, entity.name, "dates", number)
    # Anchors are drawn whole (no nulls) so children of a row whose anchor is null still get a
    # realistic date; the column keeps its own null mask.
    values = num.timestamps(anchor, rng, span.size, ctx.reference)
    if plan.primary is not None and parent_rows is not None:
        parent_anchor = generated[plan.primary.parent_entity].anchors()
        if parent_anchor is not None:
            values = parent_anchor[parent_rows] + dates.offsets(rng, span.size, _CHILD_DELAY_DAYS)
    if anchor.type == "date":
        values = values.astype("datetime64[D]").astype("datetime64[us]")
    _set_time(columns, anchor.name, values)
    for later in dates.later_attributes(entity, anchor):
        _set_time(columns, later.name, values + dates.offsets(rng, span.size, _LATER_DELAY_DAYS))
    if plan.referenced_by_children:
        generated[entity.name].anchor.append(values)


def _set_time(columns: dict[str, pa.Array], name: str, values: np.ndarray) -> None:
    current = columns[name]
    if pa.types.is_date(current.type):
        # Flooring to the day keeps a child's date on or after its parent's day.
        replacement = pa.array(values.astype("datetime64[D]"), pa.date32())
    else:
        replacement = pa.array(values, pa.timestamp("us"))
    columns[name] = pc.if_else(pc.is_null(current), pa.nulls(len(current), current.type), replacement)
