from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.fake_options_locale import FakeOptionsLocale, check_fake_options_locale
from ..types import UNSET, Unset

T = TypeVar("T", bound="FakeOptions")


@_attrs_define
class FakeOptions:
    """
    Attributes:
        locale (FakeOptionsLocale | Unset): Faker locale, e.g. en_US, de_DE, fr_FR, ja_JP Default: 'en_US'.
        unique_suffix (bool | None | Unset): Append a keyed suffix so distinct inputs stay distinct; default: only on
            unique columns
    """

    locale: FakeOptionsLocale | Unset = "en_US"
    unique_suffix: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        locale: str | Unset = UNSET
        if not isinstance(self.locale, Unset):
            locale = self.locale

        unique_suffix: bool | None | Unset
        if isinstance(self.unique_suffix, Unset):
            unique_suffix = UNSET
        else:
            unique_suffix = self.unique_suffix

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if locale is not UNSET:
            field_dict["locale"] = locale
        if unique_suffix is not UNSET:
            field_dict["unique_suffix"] = unique_suffix

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _locale = d.pop("locale", UNSET)
        locale: FakeOptionsLocale | Unset
        if isinstance(_locale, Unset):
            locale = UNSET
        else:
            locale = check_fake_options_locale(_locale)

        def _parse_unique_suffix(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        unique_suffix = _parse_unique_suffix(d.pop("unique_suffix", UNSET))

        fake_options = cls(
            locale=locale,
            unique_suffix=unique_suffix,
        )

        return fake_options
