from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_set_out_unknown_columns import (
    RuleSetOutUnknownColumns,
    check_rule_set_out_unknown_columns,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rule_set_out_rules_item import RuleSetOutRulesItem


T = TypeVar("T", bound="RuleSetOut")


@_attrs_define
class RuleSetOut:
    """
    Attributes:
        id (UUID):
        name (str):
        rules (list[RuleSetOutRulesItem]): Rules in the list form: table, column, type, options
        version (int):
        created_at (datetime.datetime | None | Unset):
        created_by (None | str | Unset):
        description (None | str | Unset):
        schema_version_id (None | Unset | UUID):
        unknown_columns (RuleSetOutUnknownColumns | Unset):  Default: 'fail'.
    """

    id: UUID
    name: str
    rules: list[RuleSetOutRulesItem]
    version: int
    created_at: datetime.datetime | None | Unset = UNSET
    created_by: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    schema_version_id: None | Unset | UUID = UNSET
    unknown_columns: RuleSetOutUnknownColumns | Unset = "fail"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        version = self.version

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

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        schema_version_id: None | str | Unset
        if isinstance(self.schema_version_id, Unset):
            schema_version_id = UNSET
        elif isinstance(self.schema_version_id, UUID):
            schema_version_id = str(self.schema_version_id)
        else:
            schema_version_id = self.schema_version_id

        unknown_columns: str | Unset = UNSET
        if not isinstance(self.unknown_columns, Unset):
            unknown_columns = self.unknown_columns

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "rules": rules,
                "version": version,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if description is not UNSET:
            field_dict["description"] = description
        if schema_version_id is not UNSET:
            field_dict["schema_version_id"] = schema_version_id
        if unknown_columns is not UNSET:
            field_dict["unknown_columns"] = unknown_columns

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rule_set_out_rules_item import RuleSetOutRulesItem

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = RuleSetOutRulesItem.from_dict(rules_item_data)

            rules.append(rules_item)

        version = d.pop("version")

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

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_schema_version_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schema_version_id_type_0 = UUID(data)

                return schema_version_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        schema_version_id = _parse_schema_version_id(d.pop("schema_version_id", UNSET))

        _unknown_columns = d.pop("unknown_columns", UNSET)
        unknown_columns: RuleSetOutUnknownColumns | Unset
        if isinstance(_unknown_columns, Unset):
            unknown_columns = UNSET
        else:
            unknown_columns = check_rule_set_out_unknown_columns(_unknown_columns)

        rule_set_out = cls(
            id=id,
            name=name,
            rules=rules,
            version=version,
            created_at=created_at,
            created_by=created_by,
            description=description,
            schema_version_id=schema_version_id,
            unknown_columns=unknown_columns,
        )

        rule_set_out.additional_properties = d
        return rule_set_out

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
