"""mask.date_shift: move dates by a keyed number of days, the same for every row of one entity."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.keyed_hash import index_from_digests
from tdm_agents.masking.transformers.base import ColumnScope, Guarantees, RuleOptions, Transformer, one_way

_TICKS_PER_DAY = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}


class DateShiftOptions(RuleOptions):
    range_days: int = Field(30, ge=1, le=3650, description="Largest shift in either direction, in days")
    entity_column: str | None = Field(
        None,
        min_length=1,
        max_length=63,
        description="Column of the same table whose value picks the shift (e.g. customer_id); default: the value",
    )
    keep: Literal["none", "weekday", "month"] = Field(
        "none",
        description="Keep the weekday (shift by whole weeks) or the month (move within the same month)",
    )


class DateShiftTransformer(Transformer):
    name: ClassVar[str] = "mask.date_shift"
    description: ClassVar[str] = "Shift dates by a keyed, never-zero number of days, consistent per entity."
    categories: ClassVar[frozenset[str]] = frozenset({"date", "timestamp"})
    options_model: ClassVar[type[BaseModel]] = DateShiftOptions
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=True, leak_check="same_row")

    def per_distinct(self, options: BaseModel) -> bool:
        assert isinstance(options, DateShiftOptions)
        return options.entity_column is None

    def entity_columns(self, options: BaseModel) -> list[str]:
        assert isinstance(options, DateShiftOptions)
        return [options.entity_column] if options.entity_column else []

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, DateShiftOptions)
        source = values
        if options.entity_column is not None:
            if scope.batch is None:
                raise ValueError("mask.date_shift with entity_column needs the row batch")
            source = scope.batch.column(options.entity_column)
        digests = _digests_per_distinct(source, ctx.keyed_hash(self.name))
        days = pc.cast(values, pa.date32()).cast(pa.int32()).fill_null(0).to_numpy().astype(np.int64)
        shift = _shift_days(digests, days, options)
        return _apply_shift(values, shift)


def _digests_per_distinct(source: pa.Array, hasher) -> np.ndarray:  # noqa: ANN001
    encoded = source.dictionary_encode()
    digests = hasher.digest_array(encoded.dictionary)
    indices = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    # A NULL entity hashes like an empty value: still a stable shift.
    empty = hasher.digest_many([b""])
    return np.vstack([digests, empty])[indices]


def _shift_days(digests: np.ndarray, days: np.ndarray, options: DateShiftOptions) -> np.ndarray:
    r = options.range_days
    if options.keep == "weekday":
        weeks = max(1, r // 7)
        pick = index_from_digests(digests, 2 * weeks)
        return np.where(pick < weeks, pick - weeks, pick - weeks + 1) * 7
    if options.keep == "month":
        dates = days.astype("datetime64[D]")
        month_start = dates.astype("datetime64[M]")
        in_month = (dates - month_start.astype("datetime64[D]")).astype(np.int64)
        month_days = ((month_start + 1).astype("datetime64[D]") - month_start.astype("datetime64[D]")).astype(
            np.int64
        )
        step = 1 + index_from_digests(digests, 1 << 30) % (month_days - 1)
        return (in_month + step) % month_days - in_month
    pick = index_from_digests(digests, 2 * r)
    return np.where(pick < r, pick - r, pick - r + 1)


def _apply_shift(values: pa.Array, shift: np.ndarray) -> pa.Array:
    kind = values.type
    if pa.types.is_date(kind):
        base = pc.cast(values, pa.date32()).cast(pa.int32())
        shifted = pc.add(base, pa.array(shift.astype(np.int32)))
        return pc.cast(pc.cast(shifted, pa.date32()), kind)
    ticks = _TICKS_PER_DAY[kind.unit]
    base = values.cast(pa.int64())
    shifted = pc.add(base, pa.array(shift * ticks, pa.int64()))
    return shifted.cast(kind)
