from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="DetokenizeRequest")


@_attrs_define
class DetokenizeRequest:
    """
    Attributes:
        key_id (str): The masking key id the tokens were made with
        tokens (list[str]):
    """

    key_id: str
    tokens: list[str]

    def to_dict(self) -> dict[str, Any]:
        key_id = self.key_id

        tokens = self.tokens

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key_id": key_id,
                "tokens": tokens,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key_id = d.pop("key_id")

        tokens = cast(list[str], d.pop("tokens"))

        detokenize_request = cls(
            key_id=key_id,
            tokens=tokens,
        )

        return detokenize_request
