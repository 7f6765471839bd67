from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DomainPackOut")


@_attrs_define
class DomainPackOut:
    """A bundled domain pack: the entities it generates and its scenario templates.

    Attributes:
        description (str):
        entities (list[str]):
        name (str):
        scenarios (list[str]):
    """

    description: str
    entities: list[str]
    name: str
    scenarios: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        entities = self.entities

        name = self.name

        scenarios = self.scenarios

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "entities": entities,
                "name": name,
                "scenarios": scenarios,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        description = d.pop("description")

        entities = cast(list[str], d.pop("entities"))

        name = d.pop("name")

        scenarios = cast(list[str], d.pop("scenarios"))

        domain_pack_out = cls(
            description=description,
            entities=entities,
            name=name,
            scenarios=scenarios,
        )

        domain_pack_out.additional_properties = d
        return domain_pack_out

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
