from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.environment_config import EnvironmentConfig


T = TypeVar("T", bound="EnvironmentUpdate")


@_attrs_define
class EnvironmentUpdate:
    """
    Attributes:
        config (EnvironmentConfig | None | Unset):
        connection_string (None | str | Unset):
        description (None | str | Unset):
    """

    config: EnvironmentConfig | None | Unset = UNSET
    connection_string: None | str | Unset = UNSET
    description: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.environment_config import EnvironmentConfig

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, EnvironmentConfig):
            config = self.config.to_dict()
        else:
            config = self.config

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

        field_dict.update({})
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

        def _parse_config(data: object) -> EnvironmentConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = EnvironmentConfig.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EnvironmentConfig | None | Unset, data)

        config = _parse_config(d.pop("config", UNSET))

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

        environment_update = cls(
            config=config,
            connection_string=connection_string,
            description=description,
        )

        return environment_update
