from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_out_decision import ReviewOutDecision, check_review_out_decision
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewOut")


@_attrs_define
class ReviewOut:
    """A stored decision as it stands for this version.

    Attributes:
        applies (bool): False when the column's type has changed since (the review is stale)
        decision (ReviewOutDecision):
        note (None | str | Unset):
        pii_type (None | str | Unset):
        reviewed_data_type (None | str | Unset): The column's type when it was reviewed
        reviewer (None | str | Unset):
        updated_at (datetime.datetime | None | Unset):
    """

    applies: bool
    decision: ReviewOutDecision
    note: None | str | Unset = UNSET
    pii_type: None | str | Unset = UNSET
    reviewed_data_type: None | str | Unset = UNSET
    reviewer: None | str | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        applies = self.applies

        decision: str = self.decision

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        pii_type: None | str | Unset
        if isinstance(self.pii_type, Unset):
            pii_type = UNSET
        else:
            pii_type = self.pii_type

        reviewed_data_type: None | str | Unset
        if isinstance(self.reviewed_data_type, Unset):
            reviewed_data_type = UNSET
        else:
            reviewed_data_type = self.reviewed_data_type

        reviewer: None | str | Unset
        if isinstance(self.reviewer, Unset):
            reviewer = UNSET
        else:
            reviewer = self.reviewer

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "applies": applies,
                "decision": decision,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if pii_type is not UNSET:
            field_dict["pii_type"] = pii_type
        if reviewed_data_type is not UNSET:
            field_dict["reviewed_data_type"] = reviewed_data_type
        if reviewer is not UNSET:
            field_dict["reviewer"] = reviewer
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        applies = d.pop("applies")

        decision = check_review_out_decision(d.pop("decision"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_pii_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pii_type = _parse_pii_type(d.pop("pii_type", UNSET))

        def _parse_reviewed_data_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reviewed_data_type = _parse_reviewed_data_type(
            d.pop("reviewed_data_type", UNSET)
        )

        def _parse_reviewer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reviewer = _parse_reviewer(d.pop("reviewer", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        review_out = cls(
            applies=applies,
            decision=decision,
            note=note,
            pii_type=pii_type,
            reviewed_data_type=reviewed_data_type,
            reviewer=reviewer,
            updated_at=updated_at,
        )

        review_out.additional_properties = d
        return review_out

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
