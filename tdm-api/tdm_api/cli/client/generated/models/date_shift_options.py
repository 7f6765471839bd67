from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.date_shift_options_keep import (
    DateShiftOptionsKeep,
    check_date_shift_options_keep,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="DateShiftOptions")


@_attrs_define
class DateShiftOptions:
    """
    Attributes:
        entity_column (None | str | Unset): Column of the same table whose value picks the shift (e.g. customer_id);
            default: the value
        keep (DateShiftOptionsKeep | Unset): Keep the weekday (shift by whole weeks) or the month (move within the same
            month) Default: 'none'.
        range_days (int | Unset): Largest shift in either direction, in days Default: 30.
    """

    entity_column: None | str | Unset = UNSET
    keep: DateShiftOptionsKeep | Unset = "none"
    range_days: int | Unset = 30

    def to_dict(self) -> dict[str, Any]:
        entity_column: None | str | Unset
        if isinstance(self.entity_column, Unset):
            entity_column = UNSET
        else:
            entity_column = self.entity_column

        keep: str | Unset = UNSET
        if not isinstance(self.keep, Unset):
            keep = self.keep

        range_days = self.range_days

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if entity_column is not UNSET:
            field_dict["entity_column"] = entity_column
        if keep is not UNSET:
            field_dict["keep"] = keep
        if range_days is not UNSET:
            field_dict["range_days"] = range_days

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_entity_column(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        entity_column = _parse_entity_column(d.pop("entity_column", UNSET))

        _keep = d.pop("keep", UNSET)
        keep: DateShiftOptionsKeep | Unset
        if isinstance(_keep, Unset):
            keep = UNSET
        else:
            keep = check_date_shift_options_keep(_keep)

        range_days = d.pop("range_days", UNSET)

        date_shift_options = cls(
            entity_column=entity_column,
            keep=keep,
            range_days=range_days,
        )

        return date_shift_options
