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
    from ..models.date_shift_options import DateShiftOptions


T = TypeVar("T", bound="MaskDateShiftRuleEntry")


@_attrs_define
class MaskDateShiftRuleEntry:
    """Shift dates by a keyed, never-zero number of days, consistent per entity.

    Attributes:
        column (str): Column of that table
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        type_ (Literal['mask.date_shift']): The rule type
        options (DateShiftOptions | Unset):
    """

    column: str
    table: str
    type_: Literal["mask.date_shift"]
    options: DateShiftOptions | Unset = UNSET

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
        from ..models.date_shift_options import DateShiftOptions

        d = dict(src_dict)
        column = d.pop("column")

        table = d.pop("table")

        type_ = cast(Literal["mask.date_shift"], d.pop("type"))
        if type_ != "mask.date_shift":
            raise ValueError(f"type must match const 'mask.date_shift', got '{type_}'")

        _options = d.pop("options", UNSET)
        options: DateShiftOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = DateShiftOptions.from_dict(_options)

        mask_date_shift_rule_entry = cls(
            column=column,
            table=table,
            type_=type_,
            options=options,
        )

        return mask_date_shift_rule_entry
