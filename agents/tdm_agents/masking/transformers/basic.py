"""Rules that replace values wholesale: NULL, a constant, or a redaction marker."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field, model_validator

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.transformers.base import (
    NUMERIC,
    STRING_LIKE,
    TEMPORAL,
    ColumnScope,
    Guarantees,
    RuleOptions,
    Transformer,
    as_text,
    one_way,
    restore_nulls,
)

ANY_SCALAR = (
    STRING_LIKE | NUMERIC | TEMPORAL | {"boolean", "time", "interval", "binary", "array", "geometric"}
)


class NullTransformer(Transformer):
    name: ClassVar[str] = "mask.null"
    description: ClassVar[str] = "Replace every value with NULL (the column must be nullable)."
    categories: ClassVar[frozenset[str]] = frozenset(ANY_SCALAR)
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=False, leak_check="none")

    row_wise: ClassVar[bool] = True

    def column_problem(self, options: BaseModel, category: str, nullable: bool) -> str | None:
        if not nullable:
            return "mask.null cannot run on a NOT NULL column"
        return super().column_problem(options, category, nullable)

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        return pa.nulls(len(values), values.type)


class ConstantOptions(RuleOptions):
    value: Any = Field(description="The value every row gets; cast to the column's type")
    keep_nulls: bool = Field(True, description="Leave NULLs as NULL instead of filling them")


class ConstantTransformer(Transformer):
    name: ClassVar[str] = "mask.constant"
    description: ClassVar[str] = "Replace every value with one constant of the column's type."
    categories: ClassVar[frozenset[str]] = frozenset(ANY_SCALAR)
    options_model: ClassVar[type[BaseModel]] = ConstantOptions
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=False, leak_check="none")

    row_wise: ClassVar[bool] = True

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, ConstantOptions)
        constant = pa.scalar(options.value).cast(values.type) if options.value is not None else None
        if constant is None:
            return pa.nulls(len(values), values.type)
        filled = pa.repeat(constant, len(values))
        return restore_nulls(values, filled) if options.keep_nulls else filled


class RedactOptions(RuleOptions):
    mode: Literal["fixed", "keep_length"] = Field(
        "fixed", description="A fixed marker, or one mask character per character"
    )
    text: str = Field("REDACTED", description="The marker for mode=fixed")
    char: str = Field("X", min_length=1, max_length=1, description="The mask character for mode=keep_length")

    @model_validator(mode="after")
    def _text_not_empty(self) -> RedactOptions:
        if self.mode == "fixed" and not self.text:
            raise ValueError("text must not be empty for mode=fixed")
        return self


class RedactTransformer(Transformer):
    name: ClassVar[str] = "mask.redact"
    description: ClassVar[str] = "Replace text with a fixed marker, or with one mask character per character."
    categories: ClassVar[frozenset[str]] = frozenset(STRING_LIKE - {"uuid", "json", "enum", "network"})
    options_model: ClassVar[type[BaseModel]] = RedactOptions
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=False, leak_check="any")

    row_wise: ClassVar[bool] = True

    def effective_guarantees(self, options: BaseModel) -> Guarantees:
        assert isinstance(options, RedactOptions)
        if options.mode == "keep_length":
            return self.guarantees.model_copy(update={"format_preserving": True})
        return self.guarantees

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, RedactOptions)
        text = as_text(values)
        if options.mode == "keep_length":
            return pc.binary_repeat(options.char, pc.utf8_length(text))
        return restore_nulls(text, pa.repeat(pa.scalar(options.text, pa.string()), len(text)))
