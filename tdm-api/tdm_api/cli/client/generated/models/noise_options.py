from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.noise_options_mode import NoiseOptionsMode, check_noise_options_mode
from ..types import UNSET, Unset

T = TypeVar("T", bound="NoiseOptions")


@_attrs_define
class NoiseOptions:
    """
    Attributes:
        amount (float | Unset): Largest change: units (absolute) or fraction of |value| (relative) Default: 0.1.
        mode (NoiseOptionsMode | Unset): Noise in units, or as a fraction of the value Default: 'relative'.
    """

    amount: float | Unset = 0.1
    mode: NoiseOptionsMode | Unset = "relative"

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if mode is not UNSET:
            field_dict["mode"] = mode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        _mode = d.pop("mode", UNSET)
        mode: NoiseOptionsMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = check_noise_options_mode(_mode)

        noise_options = cls(
            amount=amount,
            mode=mode,
        )

        return noise_options
