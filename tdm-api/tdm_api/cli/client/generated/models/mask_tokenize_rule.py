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
    from ..models.tokenize_options import TokenizeOptions


T = TypeVar("T", bound="MaskTokenizeRule")


@_attrs_define
class MaskTokenizeRule:
    """Replace values by deterministic tokens; originals are kept encrypted in the token vault.

    Attributes:
        type_ (Literal['mask.tokenize']): The rule type
        options (TokenizeOptions | Unset):
    """

    type_: Literal["mask.tokenize"]
    options: TokenizeOptions | Unset = UNSET

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
        from ..models.tokenize_options import TokenizeOptions

        d = dict(src_dict)
        type_ = cast(Literal["mask.tokenize"], d.pop("type"))
        if type_ != "mask.tokenize":
            raise ValueError(f"type must match const 'mask.tokenize', got '{type_}'")

        _options = d.pop("options", UNSET)
        options: TokenizeOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = TokenizeOptions.from_dict(_options)

        mask_tokenize_rule = cls(
            type_=type_,
            options=options,
        )

        return mask_tokenize_rule
