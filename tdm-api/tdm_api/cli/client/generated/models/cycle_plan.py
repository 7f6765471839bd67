from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CyclePlan")


@_attrs_define
class CyclePlan:
    """A cycle of references and how the extraction deals with it.

    Attributes:
        relationships (list[str]):
        resolution (str):
        tables (list[str]):
    """

    relationships: list[str]
    resolution: str
    tables: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        relationships = self.relationships

        resolution = self.resolution

        tables = self.tables

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "relationships": relationships,
                "resolution": resolution,
                "tables": tables,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        relationships = cast(list[str], d.pop("relationships"))

        resolution = d.pop("resolution")

        tables = cast(list[str], d.pop("tables"))

        cycle_plan = cls(
            relationships=relationships,
            resolution=resolution,
            tables=tables,
        )

        cycle_plan.additional_properties = d
        return cycle_plan

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
