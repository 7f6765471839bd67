from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.regex_replace_options import RegexReplaceOptions


T = TypeVar("T", bound="MaskRegexReplaceRuleEntry")


@_attrs_define
class MaskRegexReplaceRuleEntry:
    """Replace every match of an RE2 pattern (e.g. digits in free text).

    Attributes:
        column (str): Column of that table
        options (RegexReplaceOptions):
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        type_ (Literal['mask.regex_replace']): The rule type
    """

    column: str
    options: RegexReplaceOptions
    table: str
    type_: Literal["mask.regex_replace"]

    def to_dict(self) -> dict[str, Any]:
        column = self.column

        options = self.options.to_dict()

        table = self.table

        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "column": column,
                "options": options,
                "table": table,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.regex_replace_options import RegexReplaceOptions

        d = dict(src_dict)
        column = d.pop("column")

        options = RegexReplaceOptions.from_dict(d.pop("options"))

        table = d.pop("table")

        type_ = cast(Literal["mask.regex_replace"], d.pop("type"))
        if type_ != "mask.regex_replace":
            raise ValueError(
                f"type must match const 'mask.regex_replace', got '{type_}'"
            )

        mask_regex_replace_rule_entry = cls(
            column=column,
            options=options,
            table=table,
            type_=type_,
        )

        return mask_regex_replace_rule_entry
