"""mask.noise: add bounded, keyed noise to numbers (the same value always gets the same noise)."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.keyed_hash import uniform_from_digests
from tdm_agents.masking.transformers.base import (
    NUMERIC,
    ColumnScope,
    Guarantees,
    RuleOptions,
    Transformer,
    one_way,
)


class NoiseOptions(RuleOptions):
    mode: Literal["absolute", "relative"] = Field(
        "relative", description="Noise in units, or as a fraction of the value"
    )
    amount: float = Field(
        0.1,
        gt=0,
        le=1e15,
        allow_inf_nan=False,
        description="Largest change: units (absolute) or fraction of |value| (relative)",
    )


class NoiseTransformer(Transformer):
    name: ClassVar[str] = "mask.noise"
    description: ClassVar[str] = (
        "Add keyed noise within +/- amount (absolute or relative); integers stay integers."
    )
    categories: ClassVar[frozenset[str]] = frozenset(NUMERIC)
    options_model: ClassVar[type[BaseModel]] = NoiseOptions
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=True, leak_check="none")

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, NoiseOptions)
        digests = ctx.keyed_hash(self.name).digest_array(values)
        signed = uniform_from_digests(digests) * 2.0 - 1.0
        numbers = pc.cast(values, pa.float64()).fill_null(0).to_numpy()
        scale = options.amount if options.mode == "absolute" else options.amount * np.abs(numbers)
        noisy = numbers + signed * scale
        kind = values.type
        if pa.types.is_integer(kind):
            info = np.iinfo(kind.to_pandas_dtype())
            return pa.array(np.clip(np.rint(noisy), info.min, info.max).astype(np.int64)).cast(kind)
        if pa.types.is_decimal(kind):
            limit = 10.0 ** (kind.precision - kind.scale) - 10.0 ** (-kind.scale)
            rounded = np.clip(np.round(noisy, kind.scale), -limit, limit)
            return pc.cast(pa.array(rounded), kind, safe=False)
        return pa.array(noisy).cast(kind)
