from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.review_item_decision import ReviewItemDecision, check_review_item_decision
from ..models.review_item_pii_type_type_0 import (
    ReviewItemPiiTypeType0,
    check_review_item_pii_type_type_0,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewItem")


@_attrs_define
class ReviewItem:
    """One person's decision on one column; it lasts across schema versions until the column's type changes.

    Attributes:
        column (str):
        decision (ReviewItemDecision):
        table (str): Table key, e.g. 'customers' or 'sales.staff'
        note (None | str | Unset):
        pii_type (None | ReviewItemPiiTypeType0 | Unset): The right type: required for 'change', optional for 'confirm',
            not allowed for 'reject'
    """

    column: str
    decision: ReviewItemDecision
    table: str
    note: None | str | Unset = UNSET
    pii_type: None | ReviewItemPiiTypeType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        column = self.column

        decision: str = self.decision

        table = self.table

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        pii_type: None | str | Unset
        if isinstance(self.pii_type, Unset):
            pii_type = UNSET
        elif isinstance(self.pii_type, str):
            pii_type = self.pii_type
        else:
            pii_type = self.pii_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "column": column,
                "decision": decision,
                "table": table,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if pii_type is not UNSET:
            field_dict["pii_type"] = pii_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        column = d.pop("column")

        decision = check_review_item_decision(d.pop("decision"))

        table = d.pop("table")

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_pii_type(data: object) -> None | ReviewItemPiiTypeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pii_type_type_0 = check_review_item_pii_type_type_0(data)

                return pii_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewItemPiiTypeType0 | Unset, data)

        pii_type = _parse_pii_type(d.pop("pii_type", UNSET))

        review_item = cls(
            column=column,
            decision=decision,
            table=table,
            note=note,
            pii_type=pii_type,
        )

        return review_item
