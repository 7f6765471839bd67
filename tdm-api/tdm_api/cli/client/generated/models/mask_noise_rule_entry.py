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
    from ..models.noise_options import NoiseOptions


T = TypeVar("T", bound="MaskNoiseRuleEntry")


@_attrs_define
class MaskNoiseRuleEntry:
    """Add keyed noise within +/- amount (absolute or relative); integers stay integers.

    Attributes:
        column (str): Column of that table
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        type_ (Literal['mask.noise']): The rule type
        options (NoiseOptions | Unset):
    """

    column: str
    table: str
    type_: Literal["mask.noise"]
    options: NoiseOptions | Unset = UNSET

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
        from ..models.noise_options import NoiseOptions

        d = dict(src_dict)
        column = d.pop("column")

        table = d.pop("table")

        type_ = cast(Literal["mask.noise"], d.pop("type"))
        if type_ != "mask.noise":
            raise ValueError(f"type must match const 'mask.noise', got '{type_}'")

        _options = d.pop("options", UNSET)
        options: NoiseOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = NoiseOptions.from_dict(_options)

        mask_noise_rule_entry = cls(
            column=column,
            table=table,
            type_=type_,
            options=options,
        )

        return mask_noise_rule_entry
