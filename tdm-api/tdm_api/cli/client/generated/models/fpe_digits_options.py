from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FpeDigitsOptions")


@_attrs_define
class FpeDigitsOptions:
    """
    Attributes:
        tweak_label (str | Unset): Separates otherwise equal rules (e.g. 'phone' vs 'ssn') Default: ''.
    """

    tweak_label: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        tweak_label = self.tweak_label

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if tweak_label is not UNSET:
            field_dict["tweak_label"] = tweak_label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tweak_label = d.pop("tweak_label", UNSET)

        fpe_digits_options = cls(
            tweak_label=tweak_label,
        )

        return fpe_digits_options
