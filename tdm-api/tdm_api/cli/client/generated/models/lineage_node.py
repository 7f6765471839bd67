from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.lineage_node_details import LineageNodeDetails


T = TypeVar("T", bound="LineageNode")


@_attrs_define
class LineageNode:
    """
    Attributes:
        id (str):
        type_ (str): schema_version, dataset_version, environment, job or connection
        details (LineageNodeDetails | Unset):
        label (None | str | Unset):
        status (None | str | Unset):
    """

    id: str
    type_: str
    details: LineageNodeDetails | Unset = UNSET
    label: None | str | Unset = UNSET
    status: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details
        if label is not UNSET:
            field_dict["label"] = label
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lineage_node_details import LineageNodeDetails

        d = dict(src_dict)
        id = d.pop("id")

        type_ = d.pop("type")

        _details = d.pop("details", UNSET)
        details: LineageNodeDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = LineageNodeDetails.from_dict(_details)

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        lineage_node = cls(
            id=id,
            type_=type_,
            details=details,
            label=label,
            status=status,
        )

        lineage_node.additional_properties = d
        return lineage_node

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
