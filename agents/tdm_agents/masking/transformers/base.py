"""What every transformer declares and the call the engine makes on it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict, Field, model_validator

from tdm_agents.masking.context import MaskContext

LeakCheck = Literal["any", "same_row", "none"]

STRING_LIKE = frozenset({"string", "uuid", "json", "enum", "network", "other"})
NUMERIC = frozenset({"integer", "decimal", "float"})
TEMPORAL = frozenset({"date", "timestamp"})


class RuleOptions(BaseModel):
    """Base of every rule's options: unknown option names are refused, not silently ignored."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _known_options(cls, data: Any) -> Any:
        # `extra="forbid"` alone says "extra inputs are not permitted"; this names the allowed ones.
        if isinstance(data, dict):
            unknown = sorted(str(name)[:64] for name in data if name not in cls.model_fields)
            if unknown:
                allowed = ", ".join(sorted(cls.model_fields)) or "none"
                raise ValueError(f"unknown option(s) {', '.join(unknown[:5])}; allowed options: {allowed}")
        return data


class NoOptions(RuleOptions):
    """The rule takes no options."""


class Guarantees(BaseModel):
    """Promises a transformer makes about its output."""

    deterministic: bool = Field(description="Same input + same key + same options -> same output")
    format_preserving: bool = Field(description="Output keeps the input's shape (length, character classes)")
    unique_preserving: bool = Field(description="Distinct inputs give distinct outputs")
    reversible: bool = Field(description="The original can be recovered with the key (or the vault)")
    leak_check: LeakCheck = Field(
        description=(
            "How the leak check compares output to input: `any` = no output may equal any original "
            "value; `same_row` = no output may equal its own original; `none` = equality is expected"
        )
    )


def one_way(*, format_preserving: bool, leak_check: LeakCheck, unique_preserving: bool = False) -> Guarantees:
    """The guarantees of a deterministic rule whose output cannot be turned back into its input."""
    return Guarantees(
        deterministic=True,
        format_preserving=format_preserving,
        unique_preserving=unique_preserving,
        reversible=False,
        leak_check=leak_check,
    )


@dataclass(frozen=True)
class ColumnScope:
    """Where a transform runs: the table, column, whether the column is unique, and the batch."""

    table: str
    column: str
    unique: bool
    batch: pa.RecordBatch | None = None


class Transformer(ABC):
    """A masking rule type. Subclasses set the class attributes and implement `transform`."""

    name: ClassVar[str]
    description: ClassVar[str]
    categories: ClassVar[frozenset[str]]
    options_model: ClassVar[type[BaseModel]] = NoOptions
    guarantees: ClassVar[Guarantees]
    needs_whole_column: ClassVar[bool] = False
    # Outputs are a pure function of (value, options, column uniqueness, key), with no side effect,
    # and cost more than a hash lookup: the engine may remember them across batches and tables.
    remembers_outputs: ClassVar[bool] = False
    # The rule runs on every row as given, never once per distinct value: its kernel is cheaper
    # than the deduplication, or rows matter (shuffling).
    row_wise: ClassVar[bool] = False

    def parse_options(self, options: dict | BaseModel | None) -> BaseModel:
        """Validate options into the transformer's model (raises pydantic.ValidationError)."""
        if isinstance(options, self.options_model):
            return options
        return self.options_model.model_validate(options or {})

    def resolve_options(self, options: BaseModel, column_unique: bool) -> BaseModel:
        """Fill option defaults that depend on the column (e.g. uniqueness) before the rule is stored."""
        return options

    def per_distinct(self, options: BaseModel) -> bool:
        """Whether the engine may compute once per distinct value (true unless rows matter)."""
        return not self.row_wise

    def entity_columns(self, options: BaseModel) -> list[str]:
        """Other columns of the same table this rule reads (validated against the schema)."""
        return []

    def accepts_arrow(self, kind: pa.DataType) -> bool:
        """Whether the rule can run on a column of this Arrow type."""
        return arrow_category(kind) in accepts_string_arrow(self.categories)

    def effective_guarantees(self, options: BaseModel) -> Guarantees:
        """The guarantees under these options (some options weaken them)."""
        return self.guarantees

    def column_problem(self, options: BaseModel, category: str, nullable: bool) -> str | None:
        """A reason the rule cannot run on a column of this category, or None when it fits."""
        if category not in self.categories:
            return f"{self.name} does not accept {category} columns (accepts: {', '.join(sorted(self.categories))})"
        return None

    @abstractmethod
    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        """Mask one column chunk; same length; NULL in, NULL out unless the rule says otherwise."""


def arrow_category(kind: pa.DataType) -> str:
    """The schema type category an Arrow type corresponds to."""
    checks = (
        (pa.types.is_integer, "integer"),
        (pa.types.is_floating, "float"),
        (pa.types.is_decimal, "decimal"),
        (pa.types.is_date, "date"),
        (pa.types.is_timestamp, "timestamp"),
        (pa.types.is_boolean, "boolean"),
        (pa.types.is_time, "time"),
        (pa.types.is_duration, "interval"),
        (lambda t: pa.types.is_binary(t) or pa.types.is_large_binary(t), "binary"),
        (lambda t: pa.types.is_list(t) or pa.types.is_large_list(t), "array"),
        (lambda t: pa.types.is_string(t) or pa.types.is_large_string(t), "string"),
        (pa.types.is_dictionary, "string"),
    )
    for check, category in checks:
        if check(kind):
            return category
    return "other"


def accepts_string_arrow(categories: frozenset[str]) -> frozenset[str]:
    """Arrow strings serve every string-like schema category (uuid, json, enum, ... arrive as text)."""
    return categories | ({"string"} if categories & STRING_LIKE else frozenset())


def restore_nulls(original: pa.Array, masked: pa.Array) -> pa.Array:
    """Put NULL back wherever the input was NULL."""
    if original.null_count == 0:
        return masked
    return pc.if_else(pc.is_valid(original), masked, pa.nulls(len(masked), masked.type))


def as_text(values: pa.Array) -> pa.Array:
    """Any string flavour (or dictionary of strings) as a plain `string` array."""
    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    return values if pa.types.is_string(values.type) else pc.cast(values, pa.string())
