from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DateRange")


@_attrs_define
class DateRange:
    """Rows of `table` whose `column` lies in [start, end] (both ends inclusive, either optional).

    Attributes:
        column (str): Date or timestamp column
        table (str): Table the range applies to
        end (Any | Unset): Inclusive upper bound (ISO date or timestamp)
        start (Any | Unset): Inclusive lower bound (ISO date or timestamp)
    """

    column: str
    table: str
    end: Any | Unset = UNSET
    start: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        column = self.column

        table = self.table

        end = self.end

        start = self.start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "column": column,
                "table": table,
            }
        )
        if end is not UNSET:
            field_dict["end"] = end
        if start is not UNSET:
            field_dict["start"] = start

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        column = d.pop("column")

        table = d.pop("table")

        end = d.pop("end", UNSET)

        start = d.pop("start", UNSET)

        date_range = cls(
            column=column,
            table=table,
            end=end,
            start=start,
        )

        date_range.additional_properties = d
        return date_range

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
