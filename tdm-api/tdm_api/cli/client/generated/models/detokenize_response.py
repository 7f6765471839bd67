from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.detokenized_value import DetokenizedValue


T = TypeVar("T", bound="DetokenizeResponse")


@_attrs_define
class DetokenizeResponse:
    """
    Attributes:
        found (int):
        key_id (str):
        values (list[DetokenizedValue]):
    """

    found: int
    key_id: str
    values: list[DetokenizedValue]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        found = self.found

        key_id = self.key_id

        values = []
        for values_item_data in self.values:
            values_item = values_item_data.to_dict()
            values.append(values_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "found": found,
                "key_id": key_id,
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.detokenized_value import DetokenizedValue

        d = dict(src_dict)
        found = d.pop("found")

        key_id = d.pop("key_id")

        values = []
        _values = d.pop("values")
        for values_item_data in _values:
            values_item = DetokenizedValue.from_dict(values_item_data)

            values.append(values_item)

        detokenize_response = cls(
            found=found,
            key_id=key_id,
            values=values,
        )

        detokenize_response.additional_properties = d
        return detokenize_response

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
