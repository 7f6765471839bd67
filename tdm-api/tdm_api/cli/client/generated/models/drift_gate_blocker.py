from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.drift_gate_blocker_change import (
    DriftGateBlockerChange,
    check_drift_gate_blocker_change,
)

T = TypeVar("T", bound="DriftGateBlocker")


@_attrs_define
class DriftGateBlocker:
    """A column of the newest version, new or changed since the baseline, without a rule or a review.

    Attributes:
        change (DriftGateBlockerChange):
        column (str):
        reason (str): What changed and what would resolve it
        table (str): Table key as datasets name it ('customers', 'sales.staff')
    """

    change: DriftGateBlockerChange
    column: str
    reason: str
    table: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        change: str = self.change

        column = self.column

        reason = self.reason

        table = self.table

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "change": change,
                "column": column,
                "reason": reason,
                "table": table,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        change = check_drift_gate_blocker_change(d.pop("change"))

        column = d.pop("column")

        reason = d.pop("reason")

        table = d.pop("table")

        drift_gate_blocker = cls(
            change=change,
            column=column,
            reason=reason,
            table=table,
        )

        drift_gate_blocker.additional_properties = d
        return drift_gate_blocker

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
