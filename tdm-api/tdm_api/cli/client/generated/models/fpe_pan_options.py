from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FpePanOptions")


@_attrs_define
class FpePanOptions:
    """
    Attributes:
        keep_bin (bool | Unset): Keep the first 6 digits (the issuer identification number) Default: True.
        keep_last4 (bool | Unset): Keep the last 4 digits Default: False.
        luhn (bool | Unset): Make the output pass the Luhn check Default: True.
    """

    keep_bin: bool | Unset = True
    keep_last4: bool | Unset = False
    luhn: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        keep_bin = self.keep_bin

        keep_last4 = self.keep_last4

        luhn = self.luhn

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if keep_bin is not UNSET:
            field_dict["keep_bin"] = keep_bin
        if keep_last4 is not UNSET:
            field_dict["keep_last4"] = keep_last4
        if luhn is not UNSET:
            field_dict["luhn"] = luhn

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        keep_bin = d.pop("keep_bin", UNSET)

        keep_last4 = d.pop("keep_last4", UNSET)

        luhn = d.pop("luhn", UNSET)

        fpe_pan_options = cls(
            keep_bin=keep_bin,
            keep_last4=keep_last4,
            luhn=luhn,
        )

        return fpe_pan_options
