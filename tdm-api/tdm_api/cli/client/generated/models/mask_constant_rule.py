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


T = TypeVar("T", bound="MaskConstantRule")


@_attrs_define
class MaskConstantRule:
    """Replace every value with one constant of the column's type.

    Attributes:
        options (ConstantOptions):
        type_ (Literal['mask.constant']): The rule type
    """

    options: ConstantOptions
    type_: Literal["mask.constant"]

    def to_dict(self) -> dict[str, Any]:
        options = self.options.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "options": options,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.constant_options import ConstantOptions

        d = dict(src_dict)
        options = ConstantOptions.from_dict(d.pop("options"))

        type_ = cast(Literal["mask.constant"], d.pop("type"))
        if type_ != "mask.constant":
            raise ValueError(f"type must match const 'mask.constant', got '{type_}'")

        mask_constant_rule = cls(
            options=options,
            type_=type_,
        )

        return mask_constant_rule
