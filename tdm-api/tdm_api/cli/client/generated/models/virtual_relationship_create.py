from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.virtual_relationship_create_kind import (
    VirtualRelationshipCreateKind,
    check_virtual_relationship_create_kind,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="VirtualRelationshipCreate")


@_attrs_define
class VirtualRelationshipCreate:
    """A user-defined key: a foreign key the database does not declare, or a primary key for a table
    that has none. Every later schema version keeps it.

        Attributes:
            child_columns (list[str]):
            child_table (str): Table key, e.g. 'orders' or 'sales.orders'
            kind (VirtualRelationshipCreateKind | Unset):  Default: 'foreign_key'.
            parent_columns (list[str] | Unset):
            parent_table (None | str | Unset):
    """

    child_columns: list[str]
    child_table: str
    kind: VirtualRelationshipCreateKind | Unset = "foreign_key"
    parent_columns: list[str] | Unset = UNSET
    parent_table: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        child_columns = self.child_columns

        child_table = self.child_table

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        parent_columns: list[str] | Unset = UNSET
        if not isinstance(self.parent_columns, Unset):
            parent_columns = self.parent_columns

        parent_table: None | str | Unset
        if isinstance(self.parent_table, Unset):
            parent_table = UNSET
        else:
            parent_table = self.parent_table

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "child_columns": child_columns,
                "child_table": child_table,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if parent_columns is not UNSET:
            field_dict["parent_columns"] = parent_columns
        if parent_table is not UNSET:
            field_dict["parent_table"] = parent_table

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        child_columns = cast(list[str], d.pop("child_columns"))

        child_table = d.pop("child_table")

        _kind = d.pop("kind", UNSET)
        kind: VirtualRelationshipCreateKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_virtual_relationship_create_kind(_kind)

        parent_columns = cast(list[str], d.pop("parent_columns", UNSET))

        def _parse_parent_table(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_table = _parse_parent_table(d.pop("parent_table", UNSET))

        virtual_relationship_create = cls(
            child_columns=child_columns,
            child_table=child_table,
            kind=kind,
            parent_columns=parent_columns,
            parent_table=parent_table,
        )

        return virtual_relationship_create
