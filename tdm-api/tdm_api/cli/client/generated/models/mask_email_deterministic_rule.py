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
    from ..models.email_options import EmailOptions


T = TypeVar("T", bound="MaskEmailDeterministicRule")


@_attrs_define
class MaskEmailDeterministicRule:
    """Replace the local part by a keyed hash; keep, fix or hash the domain.

    Attributes:
        type_ (Literal['mask.email_deterministic']): The rule type
        options (EmailOptions | Unset):
    """

    type_: Literal["mask.email_deterministic"]
    options: EmailOptions | Unset = UNSET

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
        from ..models.email_options import EmailOptions

        d = dict(src_dict)
        type_ = cast(Literal["mask.email_deterministic"], d.pop("type"))
        if type_ != "mask.email_deterministic":
            raise ValueError(
                f"type must match const 'mask.email_deterministic', got '{type_}'"
            )

        _options = d.pop("options", UNSET)
        options: EmailOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = EmailOptions.from_dict(_options)

        mask_email_deterministic_rule = cls(
            type_=type_,
            options=options,
        )

        return mask_email_deterministic_rule
