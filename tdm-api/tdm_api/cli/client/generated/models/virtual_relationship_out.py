from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VirtualRelationshipOut")


@_attrs_define
class VirtualRelationshipOut:
    """
    Attributes:
        child_columns (list[str]):
        child_schema (str):
        child_table (str):
        id (UUID):
        kind (str):
        parent_columns (list[str]):
        parent_schema (None | str):
        parent_table (None | str):
        created_at (datetime.datetime | None | Unset):
        created_by (None | str | Unset):
    """

    child_columns: list[str]
    child_schema: str
    child_table: str
    id: UUID
    kind: str
    parent_columns: list[str]
    parent_schema: None | str
    parent_table: None | str
    created_at: datetime.datetime | None | Unset = UNSET
    created_by: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        child_columns = self.child_columns

        child_schema = self.child_schema

        child_table = self.child_table

        id = str(self.id)

        kind = self.kind

        parent_columns = self.parent_columns

        parent_schema: None | str
        parent_schema = self.parent_schema

        parent_table: None | str
        parent_table = self.parent_table

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        created_by: None | str | Unset
        if isinstance(self.created_by, Unset):
            created_by = UNSET
        else:
            created_by = self.created_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "child_columns": child_columns,
                "child_schema": child_schema,
                "child_table": child_table,
                "id": id,
                "kind": kind,
                "parent_columns": parent_columns,
                "parent_schema": parent_schema,
                "parent_table": parent_table,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        child_columns = cast(list[str], d.pop("child_columns"))

        child_schema = d.pop("child_schema")

        child_table = d.pop("child_table")

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        parent_columns = cast(list[str], d.pop("parent_columns"))

        def _parse_parent_schema(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_schema = _parse_parent_schema(d.pop("parent_schema"))

        def _parse_parent_table(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_table = _parse_parent_table(d.pop("parent_table"))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_created_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_by = _parse_created_by(d.pop("created_by", UNSET))

        virtual_relationship_out = cls(
            child_columns=child_columns,
            child_schema=child_schema,
            child_table=child_table,
            id=id,
            kind=kind,
            parent_columns=parent_columns,
            parent_schema=parent_schema,
            parent_table=parent_table,
            created_at=created_at,
            created_by=created_by,
        )

        virtual_relationship_out.additional_properties = d
        return virtual_relationship_out

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
