from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.hash_options_output import HashOptionsOutput, check_hash_options_output
from ..types import UNSET, Unset

T = TypeVar("T", bound="HashOptions")


@_attrs_define
class HashOptions:
    """
    Attributes:
        length (int | Unset): Hex characters kept when output=truncated Default: 16.
        max_value (int | Unset): Upper bound for output=integer_range (a bigint) Default: 2147483647.
        min_value (int | Unset): Lower bound for output=integer_range (a bigint) Default: 1.
        output (HashOptionsOutput | Unset): hex (64 chars), base64 (urlsafe, 40 chars), truncated (hex, `length` chars),
            uuid (RFC 4122 shape), integer_range (an integer in [min_value, max_value], for numeric columns) Default: 'hex'.
    """

    length: int | Unset = 16
    max_value: int | Unset = 2147483647
    min_value: int | Unset = 1
    output: HashOptionsOutput | Unset = "hex"

    def to_dict(self) -> dict[str, Any]:
        length = self.length

        max_value = self.max_value

        min_value = self.min_value

        output: str | Unset = UNSET
        if not isinstance(self.output, Unset):
            output = self.output

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if length is not UNSET:
            field_dict["length"] = length
        if max_value is not UNSET:
            field_dict["max_value"] = max_value
        if min_value is not UNSET:
            field_dict["min_value"] = min_value
        if output is not UNSET:
            field_dict["output"] = output

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        length = d.pop("length", UNSET)

        max_value = d.pop("max_value", UNSET)

        min_value = d.pop("min_value", UNSET)

        _output = d.pop("output", UNSET)
        output: HashOptionsOutput | Unset
        if isinstance(_output, Unset):
            output = UNSET
        else:
            output = check_hash_options_output(_output)

        hash_options = cls(
            length=length,
            max_value=max_value,
            min_value=min_value,
            output=output,
        )

        return hash_options
