from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionCreate")


@_attrs_define
class ConnectionCreate:
    """
    Attributes:
        connection_string (str): postgresql://user:password@host:port/database
        name (str):
        type_ (str | Unset):  Default: 'postgres'.
    """

    connection_string: str
    name: str
    type_: str | Unset = "postgres"

    def to_dict(self) -> dict[str, Any]:
        connection_string = self.connection_string

        name = self.name

        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "connection_string": connection_string,
                "name": name,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        connection_string = d.pop("connection_string")

        name = d.pop("name")

        type_ = d.pop("type", UNSET)

        connection_create = cls(
            connection_string=connection_string,
            name=name,
            type_=type_,
        )

        return connection_create
