"""One column of one batch: dispatch by attribute kind, then nulls and edge cases of the scenario."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tdm_agents.synthetic.engines import values_numeric as num
from tdm_agents.synthetic.engines import values_text as text
from tdm_agents.synthetic.engines.arrow_types import arrow_type
from tdm_agents.synthetic.engines.pools import UNICODE_NAMES, ValuePools
from tdm_agents.synthetic.scenarios import Scenario
from tdm_agents.synthetic.schema_model import Attribute, WeightedChoice

_NAME_SEMANTICS = frozenset({"first_name", "last_name", "full_name"})


@dataclass
class ColumnContext:
    """What every column of a run shares: pools, scenario, seed and the reference time."""

    pools: ValuePools
    scenario: Scenario
    seed: int
    reference: datetime
    pattern_pools: dict[tuple[str, int, bool], pa.Array] = field(default_factory=dict)


@dataclass(frozen=True)
class RowSpan:
    """Rows start..stop of a table of `total` rows."""

    start: int
    stop: int
    total: int

    @property
    def size(self) -> int:
        """Rows in the span."""
        return self.stop - self.start


def column_rng(seed: int, table: str, column: str, batch: int) -> np.random.Generator:
    """A generator of its own per (table, column, batch): adding a column changes no other column."""
    return np.random.default_rng([seed, zlib.crc32(table.encode()), zlib.crc32(column.encode()), batch])


def generate_column(
    attribute: Attribute,
    rows: RowSpan,
    rng: np.random.Generator,
    ctx: ColumnContext,
    table: str,
    is_key: bool,
) -> pa.Array:
    """Values of one attribute for one span of rows, with the scenario's nulls and edge cases."""
    unique = is_key or attribute.unique
    values = _base_values(attribute, rows, rng, ctx, table, unique, is_key)
    if ctx.scenario.edge_fraction > 0 and not unique:
        values = _with_edge_cases(attribute, values, rng, ctx)
    if attribute.type == "string" and attribute.max_length and not attribute.pattern:
        values = pc.utf8_slice_codeunits(values, 0, attribute.max_length)
    null_share = (
        attribute.null_fraction if attribute.null_fraction is not None else ctx.scenario.null_fraction
    )
    if attribute.nullable and not is_key and null_share > 0:
        mask = pa.array(rng.random(rows.size) < null_share)
        values = pc.if_else(mask, pa.nulls(rows.size, values.type), values)
    return values.cast(arrow_type(attribute))


def _base_values(
    attribute: Attribute,
    rows: RowSpan,
    rng: np.random.Generator,
    ctx: ColumnContext,
    table: str,
    unique: bool,
    is_key: bool,
) -> pa.Array:
    kind, size = attribute.type, rows.size
    if kind == "uuid" or (kind == "string" and attribute.semantic_type == "uuid"):
        prefix = hashlib.blake2b(f"{ctx.seed}:{table}:{attribute.name}".encode(), digest_size=8).digest()
        return text.uuids(int.from_bytes(prefix, "big"), rows.start, rows.stop)
    if kind == "integer":
        if unique:
            return pa.array(num.unique_integers(attribute, rows.start, rows.stop, rows.total, is_key))
        return pa.array(num.integers(attribute, rng, size))
    if kind in ("decimal", "float"):
        return pa.array(num.continuous(attribute, rng, size))
    if kind == "boolean":
        return pa.array(num.booleans(attribute, rng, size))
    if kind in ("date", "datetime"):
        return num.to_arrow_time(num.timestamps(attribute, rng, size, ctx.reference), attribute)
    if kind == "json":
        number = pc.cast(pa.array(rng.integers(0, 1000, size)), pa.string())
        return pc.binary_join_element_wise('{"value": ', number, "}", "")
    return _strings(attribute, rows, rng, ctx, unique)


def _strings(
    attribute: Attribute, rows: RowSpan, rng: np.random.Generator, ctx: ColumnContext, unique: bool
) -> pa.Array:
    if attribute.enum_values or isinstance(attribute.distribution, WeightedChoice):
        return text.choices(attribute, rng, rows.size)
    if attribute.pattern:
        pool = _pattern_pool(attribute, ctx, rows.total, unique)
        if unique:
            return pool.slice(rows.start, rows.size)
        return text.draw(pool, rng, rows.size)
    return text.semantic_strings(attribute, ctx.pools, rng, rows.start, rows.stop, unique)


def _pattern_pool(attribute: Attribute, ctx: ColumnContext, total: int, unique: bool) -> pa.Array:
    """Built once per run and pattern: filling it is the slow part (rstr works value by value)."""
    assert attribute.pattern is not None
    key = (attribute.pattern, total, unique)
    if key not in ctx.pattern_pools:
        if unique:
            ctx.pattern_pools[key] = text.pattern_pool(attribute.pattern, ctx.seed, total, total)
        else:
            ctx.pattern_pools[key] = text.pattern_pool(attribute.pattern, ctx.seed, min(total, 5_000), None)
    return ctx.pattern_pools[key]


def _with_edge_cases(
    attribute: Attribute, values: pa.Array, rng: np.random.Generator, ctx: ColumnContext
) -> pa.Array:
    size = len(values)
    edges = _edge_values(attribute, size, rng, ctx.reference)
    if edges is None:
        return values
    mask = pa.array(rng.random(size) < ctx.scenario.edge_fraction)
    return pc.if_else(mask, edges.cast(values.type), values)


def _edge_values(
    attribute: Attribute, size: int, rng: np.random.Generator, reference: datetime
) -> pa.Array | None:
    kind = attribute.type
    if kind in ("integer", "decimal", "float"):
        low, high = num.numeric_range(attribute)
        return pa.array(np.where(rng.random(size) < 0.5, low, high))
    if kind in ("date", "datetime"):
        first, last = num.time_range(attribute, reference)
        return num.to_arrow_time(np.where(rng.random(size) < 0.5, first, last), attribute)
    if (
        kind != "string"
        or attribute.enum_values
        or attribute.pattern
        or attribute.semantic_type in ("email", "phone")
    ):
        return None
    if attribute.semantic_type in _NAME_SEMANTICS:
        return text.draw(pa.array(UNICODE_NAMES), rng, size)
    if attribute.max_length:
        # The longest value the column accepts, with a non-ASCII character to catch byte/char mix-ups.
        return pa.array(["é" + "x" * (attribute.max_length - 1)] * size, pa.string())
    return None
