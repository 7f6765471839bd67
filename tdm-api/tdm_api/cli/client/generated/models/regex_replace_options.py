from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegexReplaceOptions")


@_attrs_define
class RegexReplaceOptions:
    """
    Attributes:
        pattern (str): RE2 regular expression (linear-time: no backreferences or lookaround)
        replacement (str | Unset): Replacement text; \\1 .. \\9 refer to groups Default: ''.
    """

    pattern: str
    replacement: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        pattern = self.pattern

        replacement = self.replacement

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pattern": pattern,
            }
        )
        if replacement is not UNSET:
            field_dict["replacement"] = replacement

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pattern = d.pop("pattern")

        replacement = d.pop("replacement", UNSET)

        regex_replace_options = cls(
            pattern=pattern,
            replacement=replacement,
        )

        return regex_replace_options
