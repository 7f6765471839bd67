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
    from ..models.no_options import NoOptions


T = TypeVar("T", bound="MaskNullRule")


@_attrs_define
class MaskNullRule:
    """Replace every value with NULL (the column must be nullable).

    Attributes:
        type_ (Literal['mask.null']): The rule type
        options (NoOptions | Unset): The rule takes no options.
    """

    type_: Literal["mask.null"]
    options: NoOptions | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.no_options import NoOptions

        d = dict(src_dict)
        type_ = cast(Literal["mask.null"], d.pop("type"))
        if type_ != "mask.null":
            raise ValueError(f"type must match const 'mask.null', got '{type_}'")

        _options = d.pop("options", UNSET)
        options: NoOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = NoOptions.from_dict(_options)

        mask_null_rule = cls(
            type_=type_,
            options=options,
        )

        return mask_null_rule
