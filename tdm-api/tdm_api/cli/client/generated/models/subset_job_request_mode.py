from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.subset_job_request_mode_additional_property import (
    SubsetJobRequestModeAdditionalProperty,
    check_subset_job_request_mode_additional_property,
)

T = TypeVar("T", bound="SubsetJobRequestMode")


@_attrs_define
class SubsetJobRequestMode:
    """Per table: subset (default), full (copy whole) or skip"""

    additional_properties: dict[str, SubsetJobRequestModeAdditionalProperty] = (
        _attrs_field(init=False, factory=dict)
    )

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        subset_job_request_mode = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = check_subset_job_request_mode_additional_property(
                prop_dict
            )

            additional_properties[prop_name] = additional_property

        subset_job_request_mode.additional_properties = additional_properties
        return subset_job_request_mode

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> SubsetJobRequestModeAdditionalProperty:
        return self.additional_properties[key]

    def __setitem__(
        self, key: str, value: SubsetJobRequestModeAdditionalProperty
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
