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
    from ..models.fpe_alnum_options import FpeAlnumOptions


T = TypeVar("T", bound="MaskFpeAlnumRule")


@_attrs_define
class MaskFpeAlnumRule:
    """FF3-1 over the alphanumeric characters of a value (radix 62 or 36); others stay in place.

    Attributes:
        type_ (Literal['mask.fpe_alnum']): The rule type
        options (FpeAlnumOptions | Unset):
    """

    type_: Literal["mask.fpe_alnum"]
    options: FpeAlnumOptions | Unset = UNSET

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
        from ..models.fpe_alnum_options import FpeAlnumOptions

        d = dict(src_dict)
        type_ = cast(Literal["mask.fpe_alnum"], d.pop("type"))
        if type_ != "mask.fpe_alnum":
            raise ValueError(f"type must match const 'mask.fpe_alnum', got '{type_}'")

        _options = d.pop("options", UNSET)
        options: FpeAlnumOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = FpeAlnumOptions.from_dict(_options)

        mask_fpe_alnum_rule = cls(
            type_=type_,
            options=options,
        )

        return mask_fpe_alnum_rule
