from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PartialOptions")


@_attrs_define
class PartialOptions:
    """
    Attributes:
        keep_first (int | Unset): Characters kept at the start Default: 0.
        keep_last (int | Unset): Characters kept at the end Default: 4.
        mask_char (str | Unset): Character replacing the rest Default: '*'.
    """

    keep_first: int | Unset = 0
    keep_last: int | Unset = 4
    mask_char: str | Unset = "*"

    def to_dict(self) -> dict[str, Any]:
        keep_first = self.keep_first

        keep_last = self.keep_last

        mask_char = self.mask_char

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if keep_first is not UNSET:
            field_dict["keep_first"] = keep_first
        if keep_last is not UNSET:
            field_dict["keep_last"] = keep_last
        if mask_char is not UNSET:
            field_dict["mask_char"] = mask_char

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        keep_first = d.pop("keep_first", UNSET)

        keep_last = d.pop("keep_last", UNSET)

        mask_char = d.pop("mask_char", UNSET)

        partial_options = cls(
            keep_first=keep_first,
            keep_last=keep_last,
            mask_char=mask_char,
        )

        return partial_options
