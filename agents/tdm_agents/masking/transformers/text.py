"""Text rules on Arrow compute kernels: partial masking and regular-expression replacement."""

from __future__ import annotations

from typing import ClassVar

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field, field_validator

from tdm_agents.common.user_regex import MAX_PATTERN_LENGTH, check_user_pattern
from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.transformers.base import (
    ColumnScope,
    Guarantees,
    RuleOptions,
    Transformer,
    as_text,
    one_way,
)


class PartialOptions(RuleOptions):
    keep_first: int = Field(0, ge=0, le=64, description="Characters kept at the start")
    keep_last: int = Field(4, ge=0, le=64, description="Characters kept at the end")
    mask_char: str = Field("*", min_length=1, max_length=1, description="Character replacing the rest")


class PartialTransformer(Transformer):
    name: ClassVar[str] = "mask.partial"
    description: ClassVar[str] = (
        "Keep the first/last N characters and mask the rest; values too short to hide anything are fully masked."
    )
    categories: ClassVar[frozenset[str]] = frozenset({"string", "other"})
    options_model: ClassVar[type[BaseModel]] = PartialOptions
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=True, leak_check="none")

    row_wise: ClassVar[bool] = True

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, PartialOptions)
        text = as_text(values)
        length = pc.utf8_length(text)
        kept = options.keep_first + options.keep_last
        hides_something = pc.greater(length, kept)
        head = pc.utf8_slice_codeunits(text, 0, options.keep_first)
        tail = (
            pc.utf8_slice_codeunits(text, -options.keep_last)
            if options.keep_last
            else pc.binary_repeat("", length)
        )
        middle = pc.binary_repeat(options.mask_char, pc.max_element_wise(pc.subtract(length, kept), 0))
        partial = pc.binary_join_element_wise(head, middle, tail, "")
        return pc.if_else(hides_something, partial, pc.binary_repeat(options.mask_char, length))


def check_regex_replace_pattern(pattern: str) -> str:
    """A user pattern RE2 compiles within the budget, and one Arrow's RE2 kernel accepts too."""
    check_user_pattern(pattern)
    try:
        pc.replace_substring_regex(pa.array([""]), pattern=pattern, replacement="")
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise ValueError(f"pattern is not a valid RE2 expression: {str(exc)[:200]}") from None
    return pattern


class RegexReplaceOptions(RuleOptions):
    pattern: str = Field(
        min_length=1,
        max_length=MAX_PATTERN_LENGTH,
        description="RE2 regular expression (linear-time: no backreferences or lookaround)",
    )
    replacement: str = Field("", max_length=1000, description=r"Replacement text; \1 .. \9 refer to groups")

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return check_regex_replace_pattern(value)


class RegexReplaceTransformer(Transformer):
    name: ClassVar[str] = "mask.regex_replace"
    description: ClassVar[str] = "Replace every match of an RE2 pattern (e.g. digits in free text)."
    categories: ClassVar[frozenset[str]] = frozenset({"string", "other"})
    options_model: ClassVar[type[BaseModel]] = RegexReplaceOptions
    guarantees: ClassVar[Guarantees] = one_way(format_preserving=False, leak_check="any")

    row_wise: ClassVar[bool] = True

    def transform(
        self, values: pa.Array, options: BaseModel, scope: ColumnScope, ctx: MaskContext
    ) -> pa.Array:
        assert isinstance(options, RegexReplaceOptions)
        return pc.replace_substring_regex(
            as_text(values), pattern=options.pattern, replacement=options.replacement
        )
