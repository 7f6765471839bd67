from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.fpe_alnum_options_charset import (
    FpeAlnumOptionsCharset,
    check_fpe_alnum_options_charset,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="FpeAlnumOptions")


@_attrs_define
class FpeAlnumOptions:
    """
    Attributes:
        charset (FpeAlnumOptionsCharset | Unset): Which characters are encrypted: all of [0-9a-zA-Z] (radix 62), or
            digits plus one case (radix 36) Default: 'alnum'.
        tweak_label (str | Unset): Separates otherwise equal rules Default: ''.
    """

    charset: FpeAlnumOptionsCharset | Unset = "alnum"
    tweak_label: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        charset: str | Unset = UNSET
        if not isinstance(self.charset, Unset):
            charset = self.charset

        tweak_label = self.tweak_label

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if charset is not UNSET:
            field_dict["charset"] = charset
        if tweak_label is not UNSET:
            field_dict["tweak_label"] = tweak_label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _charset = d.pop("charset", UNSET)
        charset: FpeAlnumOptionsCharset | Unset
        if isinstance(_charset, Unset):
            charset = UNSET
        else:
            charset = check_fpe_alnum_options_charset(_charset)

        tweak_label = d.pop("tweak_label", UNSET)

        fpe_alnum_options = cls(
            charset=charset,
            tweak_label=tweak_label,
        )

        return fpe_alnum_options
