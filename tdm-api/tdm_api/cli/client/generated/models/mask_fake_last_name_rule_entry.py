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
    from ..models.fake_options import FakeOptions


T = TypeVar("T", bound="MaskFakeLastNameRuleEntry")


@_attrs_define
class MaskFakeLastNameRuleEntry:
    """A realistic last name for the locale, the same for the same input.

    Attributes:
        column (str): Column of that table
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        type_ (Literal['mask.fake_last_name']): The rule type
        options (FakeOptions | Unset):
    """

    column: str
    table: str
    type_: Literal["mask.fake_last_name"]
    options: FakeOptions | Unset = UNSET

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
        from ..models.fake_options import FakeOptions

        d = dict(src_dict)
        column = d.pop("column")

        table = d.pop("table")

        type_ = cast(Literal["mask.fake_last_name"], d.pop("type"))
        if type_ != "mask.fake_last_name":
            raise ValueError(
                f"type must match const 'mask.fake_last_name', got '{type_}'"
            )

        _options = d.pop("options", UNSET)
        options: FakeOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = FakeOptions.from_dict(_options)

        mask_fake_last_name_rule_entry = cls(
            column=column,
            table=table,
            type_=type_,
            options=options,
        )

        return mask_fake_last_name_rule_entry
