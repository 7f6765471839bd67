from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.suggested_rules_out_adjusted import SuggestedRulesOutAdjusted
    from ..models.suggested_rules_out_rules import SuggestedRulesOutRules


T = TypeVar("T", bound="SuggestedRulesOut")


@_attrs_define
class SuggestedRulesOut:
    """A masking rule set for the flagged columns, in the form `POST /mask` and `POST /rules/masking` take.

    Attributes:
        columns (int):
        rules (SuggestedRulesOutRules): {"<table>.<column>": {"type": "mask.…", "options": …}}
        schema_version_id (UUID):
        adjusted (SuggestedRulesOutAdjusted | Unset): Columns whose type the PII type's usual rule cannot mask, with the
            reason and the rule used instead
    """

    columns: int
    rules: SuggestedRulesOutRules
    schema_version_id: UUID
    adjusted: SuggestedRulesOutAdjusted | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        columns = self.columns

        rules = self.rules.to_dict()

        schema_version_id = str(self.schema_version_id)

        adjusted: dict[str, Any] | Unset = UNSET
        if not isinstance(self.adjusted, Unset):
            adjusted = self.adjusted.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "columns": columns,
                "rules": rules,
                "schema_version_id": schema_version_id,
            }
        )
        if adjusted is not UNSET:
            field_dict["adjusted"] = adjusted

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.suggested_rules_out_adjusted import SuggestedRulesOutAdjusted
        from ..models.suggested_rules_out_rules import SuggestedRulesOutRules

        d = dict(src_dict)
        columns = d.pop("columns")

        rules = SuggestedRulesOutRules.from_dict(d.pop("rules"))

        schema_version_id = UUID(d.pop("schema_version_id"))

        _adjusted = d.pop("adjusted", UNSET)
        adjusted: SuggestedRulesOutAdjusted | Unset
        if isinstance(_adjusted, Unset):
            adjusted = UNSET
        else:
            adjusted = SuggestedRulesOutAdjusted.from_dict(_adjusted)

        suggested_rules_out = cls(
            columns=columns,
            rules=rules,
            schema_version_id=schema_version_id,
            adjusted=adjusted,
        )

        suggested_rules_out.additional_properties = d
        return suggested_rules_out

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
