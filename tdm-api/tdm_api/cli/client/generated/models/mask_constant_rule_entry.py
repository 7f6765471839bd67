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
    from ..models.constant_options import ConstantOptions


T = TypeVar("T", bound="MaskConstantRuleEntry")


@_attrs_define
class MaskConstantRuleEntry:
    """Replace every value with one constant of the column's type.

    Attributes:
        column (str): Column of that table
        options (ConstantOptions):
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        type_ (Literal['mask.constant']): The rule type
    """

    column: str
    options: ConstantOptions
    table: str
    type_: Literal["mask.constant"]

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
        from ..models.constant_options import ConstantOptions

        d = dict(src_dict)
        column = d.pop("column")

        options = ConstantOptions.from_dict(d.pop("options"))

        table = d.pop("table")

        type_ = cast(Literal["mask.constant"], d.pop("type"))
        if type_ != "mask.constant":
            raise ValueError(f"type must match const 'mask.constant', got '{type_}'")

        mask_constant_rule_entry = cls(
            column=column,
            options=options,
            table=table,
            type_=type_,
        )

        return mask_constant_rule_entry
