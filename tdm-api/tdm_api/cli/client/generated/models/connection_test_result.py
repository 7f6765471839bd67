from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionTestResult")


@_attrs_define
class ConnectionTestResult:
    """
    Attributes:
        message (str):
        ok (bool):
        server_version (None | str | Unset):
    """

    message: str
    ok: bool
    server_version: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        ok = self.ok

        server_version: None | str | Unset
        if isinstance(self.server_version, Unset):
            server_version = UNSET
        else:
            server_version = self.server_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "ok": ok,
            }
        )
        if server_version is not UNSET:
            field_dict["server_version"] = server_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message = d.pop("message")

        ok = d.pop("ok")

        def _parse_server_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        server_version = _parse_server_version(d.pop("server_version", UNSET))

        connection_test_result = cls(
            message=message,
            ok=ok,
            server_version=server_version,
        )

        connection_test_result.additional_properties = d
        return connection_test_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
