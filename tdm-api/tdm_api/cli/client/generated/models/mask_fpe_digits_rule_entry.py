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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fpe_digits_options import FpeDigitsOptions


T = TypeVar("T", bound="MaskFpeDigitsRuleEntry")


@_attrs_define
class MaskFpeDigitsRuleEntry:
    """FF3-1 over the digits of any digit string; separators and other characters stay in place.

    Attributes:
        column (str): Column of that table
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        type_ (Literal['mask.fpe_digits']): The rule type
        options (FpeDigitsOptions | Unset):
    """

    column: str
    table: str
    type_: Literal["mask.fpe_digits"]
    options: FpeDigitsOptions | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        column = self.column

        table = self.table

        type_ = self.type_

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "column": column,
                "table": table,
                "type": type_,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.fpe_digits_options import FpeDigitsOptions

        d = dict(src_dict)
        column = d.pop("column")

        table = d.pop("table")

        type_ = cast(Literal["mask.fpe_digits"], d.pop("type"))
        if type_ != "mask.fpe_digits":
            raise ValueError(f"type must match const 'mask.fpe_digits', got '{type_}'")

        _options = d.pop("options", UNSET)
        options: FpeDigitsOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = FpeDigitsOptions.from_dict(_options)

        mask_fpe_digits_rule_entry = cls(
            column=column,
            table=table,
            type_=type_,
            options=options,
        )

        return mask_fpe_digits_rule_entry
