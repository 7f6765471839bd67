from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ColumnLineageOut")


@_attrs_define
class ColumnLineageOut:
    """
    Attributes:
        column_name (str):
        dataset_version_id (UUID):
        rule_type (str):
        table_name (str):
        key_id (None | str | Unset): Names the masking key, never holds it
        rule_set_id (None | Unset | UUID):
        rule_set_version (int | None | Unset):
    """

    column_name: str
    dataset_version_id: UUID
    rule_type: str
    table_name: str
    key_id: None | str | Unset = UNSET
    rule_set_id: None | Unset | UUID = UNSET
    rule_set_version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        column_name = self.column_name

        dataset_version_id = str(self.dataset_version_id)

        rule_type = self.rule_type

        table_name = self.table_name

        key_id: None | str | Unset
        if isinstance(self.key_id, Unset):
            key_id = UNSET
        else:
            key_id = self.key_id

        rule_set_id: None | str | Unset
        if isinstance(self.rule_set_id, Unset):
            rule_set_id = UNSET
        elif isinstance(self.rule_set_id, UUID):
            rule_set_id = str(self.rule_set_id)
        else:
            rule_set_id = self.rule_set_id

        rule_set_version: int | None | Unset
        if isinstance(self.rule_set_version, Unset):
            rule_set_version = UNSET
        else:
            rule_set_version = self.rule_set_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "column_name": column_name,
                "dataset_version_id": dataset_version_id,
                "rule_type": rule_type,
                "table_name": table_name,
            }
        )
        if key_id is not UNSET:
            field_dict["key_id"] = key_id
        if rule_set_id is not UNSET:
            field_dict["rule_set_id"] = rule_set_id
        if rule_set_version is not UNSET:
            field_dict["rule_set_version"] = rule_set_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        column_name = d.pop("column_name")

        dataset_version_id = UUID(d.pop("dataset_version_id"))

        rule_type = d.pop("rule_type")

        table_name = d.pop("table_name")

        def _parse_key_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key_id = _parse_key_id(d.pop("key_id", UNSET))

        def _parse_rule_set_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rule_set_id_type_0 = UUID(data)

                return rule_set_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        rule_set_id = _parse_rule_set_id(d.pop("rule_set_id", UNSET))

        def _parse_rule_set_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rule_set_version = _parse_rule_set_version(d.pop("rule_set_version", UNSET))

        column_lineage_out = cls(
            column_name=column_name,
            dataset_version_id=dataset_version_id,
            rule_type=rule_type,
            table_name=table_name,
            key_id=key_id,
            rule_set_id=rule_set_id,
            rule_set_version=rule_set_version,
        )

        column_lineage_out.additional_properties = d
        return column_lineage_out

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
