from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.filter_condition_op import FilterConditionOp, check_filter_condition_op
from ..types import UNSET, Unset

T = TypeVar("T", bound="FilterCondition")


@_attrs_define
class FilterCondition:
    """One structured condition: `column op value`. Values are bound, never spliced into SQL.

    Attributes:
        column (str): Column of the filtered table
        op (FilterConditionOp | Unset): Comparison operator Default: '='.
        value (Any | Unset): Scalar for comparisons and like/ilike, a list for in/not_in, [low, high] for between,
            nothing for is_null/not_null
    """

    column: str
    op: FilterConditionOp | Unset = "="
    value: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        column = self.column

        op: str | Unset = UNSET
        if not isinstance(self.op, Unset):
            op = self.op

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "column": column,
            }
        )
        if op is not UNSET:
            field_dict["op"] = op
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        column = d.pop("column")

        _op = d.pop("op", UNSET)
        op: FilterConditionOp | Unset
        if isinstance(_op, Unset):
            op = UNSET
        else:
            op = check_filter_condition_op(_op)

        value = d.pop("value", UNSET)

        filter_condition = cls(
            column=column,
            op=op,
            value=value,
        )

        filter_condition.additional_properties = d
        return filter_condition

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
