from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.environment_config import EnvironmentConfig


T = TypeVar("T", bound="EnvironmentCreate")


@_attrs_define
class EnvironmentCreate:
    """
    Attributes:
        name (str):
        config (EnvironmentConfig | Unset):
        connection_string (None | str | Unset): The target database: a postgresql:// URL (socket directories included)
            or libpq key=value pairs; stored encrypted
        description (None | str | Unset):
    """

    name: str
    config: EnvironmentConfig | Unset = UNSET
    connection_string: None | str | Unset = UNSET
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        connection_string: None | str | Unset
        if isinstance(self.connection_string, Unset):
            connection_string = UNSET
        else:
            connection_string = self.connection_string

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if connection_string is not UNSET:
            field_dict["connection_string"] = connection_string
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.environment_config import EnvironmentConfig

        d = dict(src_dict)
        name = d.pop("name")

        _config = d.pop("config", UNSET)
        config: EnvironmentConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = EnvironmentConfig.from_dict(_config)

        def _parse_connection_string(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        connection_string = _parse_connection_string(d.pop("connection_string", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        environment_create = cls(
            name=name,
            config=config,
            connection_string=connection_string,
            description=description,
        )

        return environment_create
