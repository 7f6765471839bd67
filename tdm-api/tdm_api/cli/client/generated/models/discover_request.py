from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DiscoverRequest")


@_attrs_define
class DiscoverRequest:
    """
    Attributes:
        connection_id (None | Unset | UUID):
        connection_string (None | str | Unset): Alternative to connection_id: stored encrypted as a new connection
        exact_counts (bool | Unset):  Default: False.
        include_stats (bool | Unset):  Default: True.
        sample_size (int | Unset):  Default: 10000.
        schema_name (None | str | Unset): Name of the logical schema (defaults to the connection's name)
        schemas (list[str] | Unset):
    """

    connection_id: None | Unset | UUID = UNSET
    connection_string: None | str | Unset = UNSET
    exact_counts: bool | Unset = False
    include_stats: bool | Unset = True
    sample_size: int | Unset = 10000
    schema_name: None | str | Unset = UNSET
    schemas: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        connection_id: None | str | Unset
        if isinstance(self.connection_id, Unset):
            connection_id = UNSET
        elif isinstance(self.connection_id, UUID):
            connection_id = str(self.connection_id)
        else:
            connection_id = self.connection_id

        connection_string: None | str | Unset
        if isinstance(self.connection_string, Unset):
            connection_string = UNSET
        else:
            connection_string = self.connection_string

        exact_counts = self.exact_counts

        include_stats = self.include_stats

        sample_size = self.sample_size

        schema_name: None | str | Unset
        if isinstance(self.schema_name, Unset):
            schema_name = UNSET
        else:
            schema_name = self.schema_name

        schemas: list[str] | Unset = UNSET
        if not isinstance(self.schemas, Unset):
            schemas = self.schemas

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id
        if connection_string is not UNSET:
            field_dict["connection_string"] = connection_string
        if exact_counts is not UNSET:
            field_dict["exact_counts"] = exact_counts
        if include_stats is not UNSET:
            field_dict["include_stats"] = include_stats
        if sample_size is not UNSET:
            field_dict["sample_size"] = sample_size
        if schema_name is not UNSET:
            field_dict["schema_name"] = schema_name
        if schemas is not UNSET:
            field_dict["schemas"] = schemas

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_connection_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                connection_id_type_0 = UUID(data)

                return connection_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        connection_id = _parse_connection_id(d.pop("connection_id", UNSET))

        def _parse_connection_string(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        connection_string = _parse_connection_string(d.pop("connection_string", UNSET))

        exact_counts = d.pop("exact_counts", UNSET)

        include_stats = d.pop("include_stats", UNSET)

        sample_size = d.pop("sample_size", UNSET)

        def _parse_schema_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        schema_name = _parse_schema_name(d.pop("schema_name", UNSET))

        schemas = cast(list[str], d.pop("schemas", UNSET))

        discover_request = cls(
            connection_id=connection_id,
            connection_string=connection_string,
            exact_counts=exact_counts,
            include_stats=include_stats,
            sample_size=sample_size,
            schema_name=schema_name,
            schemas=schemas,
        )

        return discover_request
