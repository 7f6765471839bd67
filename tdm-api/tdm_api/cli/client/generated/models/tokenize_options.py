from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenizeOptions")


@_attrs_define
class TokenizeOptions:
    """
    Attributes:
        length (int | Unset): Hex characters of the token after the prefix Default: 24.
        prefix (str | Unset): Text in front of every token Default: 'tok_'.
    """

    length: int | Unset = 24
    prefix: str | Unset = "tok_"

    def to_dict(self) -> dict[str, Any]:
        length = self.length

        prefix = self.prefix

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if length is not UNSET:
            field_dict["length"] = length
        if prefix is not UNSET:
            field_dict["prefix"] = prefix

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        length = d.pop("length", UNSET)

        prefix = d.pop("prefix", UNSET)

        tokenize_options = cls(
            length=length,
            prefix=prefix,
        )

        return tokenize_options
