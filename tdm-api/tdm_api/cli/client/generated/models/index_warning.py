from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="IndexWarning")


@_attrs_define
class IndexWarning:
    """A followed foreign key whose child columns no index covers: each round scans the child table.

    Attributes:
        columns (list[str]):
        create_index (str):
        relationship (str):
        table (str):
    """

    columns: list[str]
    create_index: str
    relationship: str
    table: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        columns = self.columns

        create_index = self.create_index

        relationship = self.relationship

        table = self.table

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "columns": columns,
                "create_index": create_index,
                "relationship": relationship,
                "table": table,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        columns = cast(list[str], d.pop("columns"))

        create_index = d.pop("create_index")

        relationship = d.pop("relationship")

        table = d.pop("table")

        index_warning = cls(
            columns=columns,
            create_index=create_index,
            relationship=relationship,
            table=table,
        )

        index_warning.additional_properties = d
        return index_warning

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
