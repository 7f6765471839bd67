from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RelationshipOverride")


@_attrs_define
class RelationshipOverride:
    """Switch child expansion on or off for the relationships it matches.

    A relationship matches when every given field matches: its constraint `name`, its `child_table`,
    its `parent_table` and its `child_columns` (in order).

        Attributes:
            follow_children (bool): Whether rows of the child table are pulled in downstream
            child_columns (list[str] | None | Unset): Referencing columns, in order
            child_table (None | str | Unset): Referencing table
            name (None | str | Unset): Constraint name of the foreign key
            parent_table (None | str | Unset): Referenced table
    """

    follow_children: bool
    child_columns: list[str] | None | Unset = UNSET
    child_table: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    parent_table: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        follow_children = self.follow_children

        child_columns: list[str] | None | Unset
        if isinstance(self.child_columns, Unset):
            child_columns = UNSET
        elif isinstance(self.child_columns, list):
            child_columns = self.child_columns

        else:
            child_columns = self.child_columns

        child_table: None | str | Unset
        if isinstance(self.child_table, Unset):
            child_table = UNSET
        else:
            child_table = self.child_table

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        parent_table: None | str | Unset
        if isinstance(self.parent_table, Unset):
            parent_table = UNSET
        else:
            parent_table = self.parent_table

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "follow_children": follow_children,
            }
        )
        if child_columns is not UNSET:
            field_dict["child_columns"] = child_columns
        if child_table is not UNSET:
            field_dict["child_table"] = child_table
        if name is not UNSET:
            field_dict["name"] = name
        if parent_table is not UNSET:
            field_dict["parent_table"] = parent_table

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        follow_children = d.pop("follow_children")

        def _parse_child_columns(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                child_columns_type_0 = cast(list[str], data)

                return child_columns_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        child_columns = _parse_child_columns(d.pop("child_columns", UNSET))

        def _parse_child_table(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        child_table = _parse_child_table(d.pop("child_table", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_parent_table(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_table = _parse_parent_table(d.pop("parent_table", UNSET))

        relationship_override = cls(
            follow_children=follow_children,
            child_columns=child_columns,
            child_table=child_table,
            name=name,
            parent_table=parent_table,
        )

        relationship_override.additional_properties = d
        return relationship_override

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
