"""mask.hash: HMAC-SHA-256 of the value under the masking key, in a chosen output shape."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pyarrow as pa
from pydantic import BaseModel, Field, model_validator

from tdm_agents.masking.arrow_text import fixed_width_strings, hex_chars
from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.transformers.base import (
    ColumnScope,
    Guarantees,
    RuleOptions,
    Transformer,
    one_way,
)

_B64 = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", dtype=np.uint8)


class HashOptions(RuleOptions):
    output: Literal["hex", "base64", "truncated", "uuid", "integer_range"] = Field(
        "hex",
        description="hex (64 chars), base64 (urlsafe, 40 chars), truncated (hex, `length` chars), "
        "uuid (RFC 4122 shape), integer_range (an integer in [min_value, max_value], for numeric columns)",
    )
    length: int = Field(16, ge=8, le=64, description="Hex characters kept when output=truncated")
    min_value: int = Field(
        1, ge=-(2**63), le=2**63 - 1, description="Lower bound for output=integer_range (a bigint)"
    )
    max_value: int = Field(
        2**31 - 1, ge=-(2**63), le=2**63 - 1, description="Upper bound for output=integer_range (a bigint)"
    )

    @model_validator(mode="after")
    def _bounds(self) -> HashOptions:
        if self.max_value <= self.min_value:
            raise ValueError("max_value must be greater than min_value")
        if self.max_value - self.min_value >= 2**63:
            raise ValueError("integer range must be narrower than 2**63")
        return self


def base64_chars(raw30: np.ndarray) -> np.ndarray:
    """Urlsafe base64 of a (rows, 30) byte matrix as a (rows, 40) ASCII matrix."""
    triples = raw30.reshape(raw30.shape[0], 10, 3).astype(np.uint32)
    packed = (triples[:, :, 0] << 16) | (triples[:, :, 1] << 8) | triples[:, :, 2]
    sextets = np.stack([(packed >> s) & 0x3F for s in (18, 12, 6, 0)], axis=2)
    return _B64[sextets.reshape(raw30.shape[0], 40)]


def uuid_chars(raw: np.ndarray) -> np.ndarray:
    """A version-8 (custom) RFC 4122 UUID string per row from the first 16 digest bytes."""
    raw = raw[:, :16].copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x80
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    hexed = hex_chars(raw)
    dash = np.full((raw.shape[0], 1), ord("-"), dtype=np.uint8)
    return np.hstack(
        [
            hexed[:, :8],
            dash,
            hexed[:, 8:12],
            dash,
            hexed[:, 12:16],
            dash,
            hexed[:, 16:20],
            dash,
            hexed[:, 20:],
        ]
    )


class HashTransformer(Transformer):
    name: ClassVar[str] = "mask.hash"
    description: ClassVar[str] = (
        "Keyed HMAC-SHA-256 of the value: hex, base64, truncated, uuid-shaped or an integer range."
    )
    # Not network, enum or json: a digest is no valid address, label or document.
    categories: ClassVar[frozenset[str]] = frozenset({"string", "other", "uuid", "integer", "decimal"})
    options_model: ClassVar[type[BaseModel]] = HashOptions
    remembers_outputs: ClassVar[bool] = True
    guarantees: ClassVar[Guarantees] = one_way(
        format_preserving=False, leak_check="any", unique_preserving=True
    )

    def effective_guarantees(self, options: BaseModel) -> Guarantees:
        assert isinstance(options, HashOptions)
        if options.output == "integer_range":
            # A range is far smaller than the digest space: collisions and overlaps with originals happen.
            return self.guarantees.model_copy(update={"unique_preserving": False, "leak_check": "same_row"})
        if options.output == "truncated" and options.length < 16:
            return self.guarantees.model_copy(update={"unique_preserving": False})
        return self.guarantees

    def column_problem(self, options: BaseModel, category: str, nullable: bool) -> str | None:
        assert isinstance(options, HashOptions)
        numeric = category in ("integer", "decimal")
        if numeric and options.output != "integer_range":
            return "mask.hash on a numeric column needs output=integer_range"
        if not numeric and options.output == "integer_range" and category in self.categories:
            return "output=integer_range needs an integer or decimal column"
        if category == "uuid" and options.output != "uuid":
            return "mask.hash on a uuid column needs output=uuid"
        return super().column_problem(options, category, nullable)

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, HashOptions)
        digests = ctx.keyed_hash(self.name).digest_array(values)
        if options.output == "integer_range":
            span = np.uint64(options.max_value - options.min_value + 1)
            words = np.ascontiguousarray(digests[:, :8]).view("<u8").ravel()
            ints = (words % span).astype(np.int64) + options.min_value
            return pa.array(ints).cast(values.type)
        if options.output == "base64":
            chars = base64_chars(digests[:, :30])
        elif options.output == "uuid":
            chars = uuid_chars(digests)
        else:
            chars = hex_chars(digests)
            if options.output == "truncated":
                chars = chars[:, : options.length]
        return fixed_width_strings(chars)
