"""mask.generalize: coarser values: dates to month or year, numbers to buckets, codes to a prefix."""

from __future__ import annotations

from typing import ClassVar, Literal

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.transformers.base import (
    NUMERIC,
    ColumnScope,
    Guarantees,
    RuleOptions,
    Transformer,
    as_text,
    one_way,
)

_MODE_CATEGORIES = {
    "month": frozenset({"date", "timestamp"}),
    "year": frozenset({"date", "timestamp"}),
    "bucket": NUMERIC,
    "prefix": frozenset({"string", "other"}),
}


class GeneralizeOptions(RuleOptions):
    mode: Literal["month", "year", "bucket", "prefix"] = Field(
        description="month/year: truncate dates; bucket: numbers to the lower bound of their bucket; prefix: keep a prefix"
    )
    bucket_width: float = Field(
        10, gt=0, le=1e15, allow_inf_nan=False, description="Bucket width for mode=bucket"
    )
    prefix_length: int = Field(3, ge=0, le=64, description="Characters kept for mode=prefix")
    fill_char: str | None = Field(
        None, max_length=1, description="For mode=prefix: pad back to the original length with this character"
    )


class GeneralizeTransformer(Transformer):
    name: ClassVar[str] = "mask.generalize"
    description: ClassVar[str] = (
        "Generalize: dates to month/year, numbers to bucket lower bounds, postcodes to a prefix."
    )
    categories: ClassVar[frozenset[str]] = frozenset().union(*_MODE_CATEGORIES.values())
    options_model: ClassVar[type[BaseModel]] = GeneralizeOptions
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=True, leak_check="none")

    row_wise: ClassVar[bool] = True

    def column_problem(self, options: BaseModel, category: str, nullable: bool) -> str | None:
        assert isinstance(options, GeneralizeOptions)
        if category not in _MODE_CATEGORIES[options.mode]:
            return f"mask.generalize mode={options.mode} does not fit a {category} column"
        return None

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, GeneralizeOptions)
        if options.mode in ("month", "year"):
            return pc.floor_temporal(values, unit=options.mode)
        if options.mode == "bucket":
            width = options.bucket_width
            numbers = pc.cast(values, pa.float64())
            lower = pc.multiply(pc.floor(pc.divide(numbers, width)), width)
            return pc.cast(lower, values.type, safe=False)
        text = as_text(values)
        head = pc.utf8_slice_codeunits(text, 0, options.prefix_length)
        if options.fill_char is None:
            return head
        return _pad_to(text, head, options.fill_char)


def _pad_to(original: pa.Array, head: pa.Array, fill: str) -> pa.Array:
    missing = pc.max_element_wise(pc.subtract(pc.utf8_length(original), pc.utf8_length(head)), 0)
    return pc.binary_join_element_wise(head, pc.binary_repeat(fill, missing), "")
