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
    from ..models.fpe_pan_options import FpePanOptions


T = TypeVar("T", bound="MaskFpePanRule")


@_attrs_define
class MaskFpePanRule:
    """FF3-1 over card numbers: same length and separators, optional BIN and last-4 kept, Luhn-valid output.

    Attributes:
        type_ (Literal['mask.fpe_pan']): The rule type
        options (FpePanOptions | Unset):
    """

    type_: Literal["mask.fpe_pan"]
    options: FpePanOptions | Unset = UNSET

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
        from ..models.fpe_pan_options import FpePanOptions

        d = dict(src_dict)
        type_ = cast(Literal["mask.fpe_pan"], d.pop("type"))
        if type_ != "mask.fpe_pan":
            raise ValueError(f"type must match const 'mask.fpe_pan', got '{type_}'")

        _options = d.pop("options", UNSET)
        options: FpePanOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = FpePanOptions.from_dict(_options)

        mask_fpe_pan_rule = cls(
            type_=type_,
            options=options,
        )

        return mask_fpe_pan_rule
