from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConstantOptions")


@_attrs_define
class ConstantOptions:
    """
    Attributes:
        value (bool | float | int | None | str): The value every row gets (a string, number, boolean or null); cast to
            the column's type
        keep_nulls (bool | Unset): Leave NULLs as NULL instead of filling them Default: True.
    """

    value: bool | float | int | None | str
    keep_nulls: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        value: bool | float | int | None | str
        value = self.value

        keep_nulls = self.keep_nulls

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )
        if keep_nulls is not UNSET:
            field_dict["keep_nulls"] = keep_nulls

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_value(data: object) -> bool | float | int | None | str:
            if data is None:
                return data
            return cast(bool | float | int | None | str, data)

        value = _parse_value(d.pop("value"))

        keep_nulls = d.pop("keep_nulls", UNSET)

        constant_options = cls(
            value=value,
            keep_nulls=keep_nulls,
        )

        return constant_options
