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
    from ..models.fake_ip_options import FakeIpOptions


T = TypeVar("T", bound="MaskFakeIpRuleEntry")


@_attrs_define
class MaskFakeIpRuleEntry:
    """Replace IP addresses by deterministic valid addresses inside a private network (keeps /prefix).

    Attributes:
        column (str): Column of that table
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        type_ (Literal['mask.fake_ip']): The rule type
        options (FakeIpOptions | Unset):
    """

    column: str
    table: str
    type_: Literal["mask.fake_ip"]
    options: FakeIpOptions | Unset = UNSET

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
        from ..models.fake_ip_options import FakeIpOptions

        d = dict(src_dict)
        column = d.pop("column")

        table = d.pop("table")

        type_ = cast(Literal["mask.fake_ip"], d.pop("type"))
        if type_ != "mask.fake_ip":
            raise ValueError(f"type must match const 'mask.fake_ip', got '{type_}'")

        _options = d.pop("options", UNSET)
        options: FakeIpOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = FakeIpOptions.from_dict(_options)

        mask_fake_ip_rule_entry = cls(
            column=column,
            table=table,
            type_=type_,
            options=options,
        )

        return mask_fake_ip_rule_entry
