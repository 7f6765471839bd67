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
    from ..models.hash_options import HashOptions


T = TypeVar("T", bound="MaskHashRule")


@_attrs_define
class MaskHashRule:
    """Keyed HMAC-SHA-256 of the value: hex, base64, truncated, uuid-shaped or an integer range.

    Attributes:
        type_ (Literal['mask.hash']): The rule type
        options (HashOptions | Unset):
    """

    type_: Literal["mask.hash"]
    options: HashOptions | Unset = UNSET

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
        from ..models.hash_options import HashOptions

        d = dict(src_dict)
        type_ = cast(Literal["mask.hash"], d.pop("type"))
        if type_ != "mask.hash":
            raise ValueError(f"type must match const 'mask.hash', got '{type_}'")

        _options = d.pop("options", UNSET)
        options: HashOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = HashOptions.from_dict(_options)

        mask_hash_rule = cls(
            type_=type_,
            options=options,
        )

        return mask_hash_rule
