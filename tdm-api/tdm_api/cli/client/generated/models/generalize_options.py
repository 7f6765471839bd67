from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.generalize_options_mode import (
    GeneralizeOptionsMode,
    check_generalize_options_mode,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GeneralizeOptions")


@_attrs_define
class GeneralizeOptions:
    """
    Attributes:
        mode (GeneralizeOptionsMode): month/year: truncate dates; bucket: numbers to the lower bound of their bucket;
            prefix: keep a prefix
        bucket_width (float | Unset): Bucket width for mode=bucket Default: 10.0.
        fill_char (None | str | Unset): For mode=prefix: pad back to the original length with this character
        prefix_length (int | Unset): Characters kept for mode=prefix Default: 3.
    """

    mode: GeneralizeOptionsMode
    bucket_width: float | Unset = 10.0
    fill_char: None | str | Unset = UNSET
    prefix_length: int | Unset = 3

    def to_dict(self) -> dict[str, Any]:
        mode: str = self.mode

        bucket_width = self.bucket_width

        fill_char: None | str | Unset
        if isinstance(self.fill_char, Unset):
            fill_char = UNSET
        else:
            fill_char = self.fill_char

        prefix_length = self.prefix_length

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
            }
        )
        if bucket_width is not UNSET:
            field_dict["bucket_width"] = bucket_width
        if fill_char is not UNSET:
            field_dict["fill_char"] = fill_char
        if prefix_length is not UNSET:
            field_dict["prefix_length"] = prefix_length

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        mode = check_generalize_options_mode(d.pop("mode"))

        bucket_width = d.pop("bucket_width", UNSET)

        def _parse_fill_char(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fill_char = _parse_fill_char(d.pop("fill_char", UNSET))

        prefix_length = d.pop("prefix_length", UNSET)

        generalize_options = cls(
            mode=mode,
            bucket_width=bucket_width,
            fill_char=fill_char,
            prefix_length=prefix_length,
        )

        return generalize_options
