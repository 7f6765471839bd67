from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.preview_response_after_item import PreviewResponseAfterItem
    from ..models.preview_response_before_item import PreviewResponseBeforeItem
    from ..models.preview_response_rules_item import PreviewResponseRulesItem


T = TypeVar("T", bound="PreviewResponse")


@_attrs_define
class PreviewResponse:
    """
    Attributes:
        after (list[PreviewResponseAfterItem]):
        before (list[PreviewResponseBeforeItem]):
        columns (list[str]):
        key_id (str): The masking key id the preview used (the key itself is never shown)
        rules (list[PreviewResponseRulesItem]): The rules applied to this table, inherited ones included
        table (str):
    """

    after: list[PreviewResponseAfterItem]
    before: list[PreviewResponseBeforeItem]
    columns: list[str]
    key_id: str
    rules: list[PreviewResponseRulesItem]
    table: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        after = []
        for after_item_data in self.after:
            after_item = after_item_data.to_dict()
            after.append(after_item)

        before = []
        for before_item_data in self.before:
            before_item = before_item_data.to_dict()
            before.append(before_item)

        columns = self.columns

        key_id = self.key_id

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        table = self.table

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "after": after,
                "before": before,
                "columns": columns,
                "key_id": key_id,
                "rules": rules,
                "table": table,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.preview_response_after_item import PreviewResponseAfterItem
        from ..models.preview_response_before_item import PreviewResponseBeforeItem
        from ..models.preview_response_rules_item import PreviewResponseRulesItem

        d = dict(src_dict)
        after = []
        _after = d.pop("after")
        for after_item_data in _after:
            after_item = PreviewResponseAfterItem.from_dict(after_item_data)

            after.append(after_item)

        before = []
        _before = d.pop("before")
        for before_item_data in _before:
            before_item = PreviewResponseBeforeItem.from_dict(before_item_data)

            before.append(before_item)

        columns = cast(list[str], d.pop("columns"))

        key_id = d.pop("key_id")

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = PreviewResponseRulesItem.from_dict(rules_item_data)

            rules.append(rules_item)

        table = d.pop("table")

        preview_response = cls(
            after=after,
            before=before,
            columns=columns,
            key_id=key_id,
            rules=rules,
            table=table,
        )

        preview_response.additional_properties = d
        return preview_response

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
