"""Rules that replace values wholesale: NULL, a constant, or a redaction marker."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import (
    BaseModel,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)

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


# One JSON scalar: objects and arrays have no column type to be cast to.
ConstantValue = (
    StrictBool
    | Annotated[StrictInt, Field(ge=-(2**63), le=2**63 - 1)]
    | Annotated[StrictFloat, Field(allow_inf_nan=False)]
    | Annotated[str, Field(max_length=1000)]
    | None
)

# The Arrow type a constant must cast to for a column of each category (others take only null).
_CONSTANT_TARGETS = {
    "integer": pa.int64(),
    "float": pa.float64(),
    "decimal": pa.float64(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
    "time": pa.time64("us"),
    "boolean": pa.bool_(),
    "binary": pa.binary(),
} | {category: pa.string() for category in STRING_LIKE}


class ConstantOptions(RuleOptions):
    value: ConstantValue = Field(
        description="The value every row gets (a string, number, boolean or null); cast to the column's type"
    )
    keep_nulls: bool = Field(True, description="Leave NULLs as NULL instead of filling them")

    @field_validator("value", mode="wrap")
    @classmethod
    def _one_scalar(cls, value: object, handler: ValidatorFunctionWrapHandler) -> object:
        # One clear message instead of one per member of the union; a too large integer is refused,
        # not turned into an inexact float.
        out_of_range = isinstance(value, int) and not -(2**63) <= value < 2**63
        try:
            if out_of_range:
                raise ValidationError.from_exception_data("ConstantValue", [])
            return handler(value)
        except ValidationError:
            raise ValueError(
                "value must be a string (at most 1000 characters), an integer within bigint range, "
                "a finite number, a boolean or null"
            ) from None


def constant_problem(value: object, category: str) -> str | None:
    """Why `value` cannot be a constant of a column of this category, or None."""
    if value is None:
        return None
    target = _CONSTANT_TARGETS.get(category)
    if target is None:
        return f"mask.constant on a {category} column takes only value=null"
    if isinstance(value, bool) != (category == "boolean"):
        return f"value does not fit a {category} column"
    try:
        pa.scalar(value).cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return f"value does not fit a {category} column"
    return None


class ConstantTransformer(Transformer):
    name: ClassVar[str] = "mask.constant"
    description: ClassVar[str] = "Replace every value with one constant of the column's type."
    categories: ClassVar[frozenset[str]] = frozenset(ANY_SCALAR)
    options_model: ClassVar[type[BaseModel]] = ConstantOptions
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=False, leak_check="none")

    row_wise: ClassVar[bool] = True

    def column_problem(self, options: BaseModel, category: str, nullable: bool) -> str | None:
        assert isinstance(options, ConstantOptions)
        if options.value is None and not nullable:
            return "mask.constant with value=null cannot run on a NOT NULL column"
        return super().column_problem(options, category, nullable) or constant_problem(
            options.value, category
        )

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, ConstantOptions)
        if options.value is None:
            return pa.nulls(len(values), values.type)
        try:
            constant = pa.scalar(options.value).cast(values.type)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            raise ValueError(
                f"mask.constant: the value does not fit {scope.table}.{scope.column} ({values.type})"
            ) from None
        filled = pa.repeat(constant, len(values))
        return restore_nulls(values, filled) if options.keep_nulls else filled


class RedactOptions(RuleOptions):
    mode: Literal["fixed", "keep_length"] = Field(
        "fixed", description="A fixed marker, or one mask character per character"
    )
    text: str = Field("REDACTED", max_length=1000, description="The marker for mode=fixed")
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
