from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.redact_options_mode import RedactOptionsMode, check_redact_options_mode
from ..types import UNSET, Unset

T = TypeVar("T", bound="RedactOptions")


@_attrs_define
class RedactOptions:
    """
    Attributes:
        char (str | Unset): The mask character for mode=keep_length Default: 'X'.
        mode (RedactOptionsMode | Unset): A fixed marker, or one mask character per character Default: 'fixed'.
        text (str | Unset): The marker for mode=fixed Default: 'REDACTED'.
    """

    char: str | Unset = "X"
    mode: RedactOptionsMode | Unset = "fixed"
    text: str | Unset = "REDACTED"

    def to_dict(self) -> dict[str, Any]:
        char = self.char

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if char is not UNSET:
            field_dict["char"] = char
        if mode is not UNSET:
            field_dict["mode"] = mode
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        char = d.pop("char", UNSET)

        _mode = d.pop("mode", UNSET)
        mode: RedactOptionsMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = check_redact_options_mode(_mode)

        text = d.pop("text", UNSET)

        redact_options = cls(
            char=char,
            mode=mode,
            text=text,
        )

        return redact_options
