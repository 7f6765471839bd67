from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.resume_request_reviews_item import ResumeRequestReviewsItem


T = TypeVar("T", bound="ResumeRequest")


@_attrs_define
class ResumeRequest:
    """The answer to a job paused for PII approval.

    Attributes:
        approved (bool):
        reason (None | str | Unset):
        reviews (list[ResumeRequestReviewsItem] | Unset): PII review decisions, as in PUT /pii/{schema_version_id}
    """

    approved: bool
    reason: None | str | Unset = UNSET
    reviews: list[ResumeRequestReviewsItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        approved = self.approved

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        reviews: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.reviews, Unset):
            reviews = []
            for reviews_item_data in self.reviews:
                reviews_item = reviews_item_data.to_dict()
                reviews.append(reviews_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "approved": approved,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if reviews is not UNSET:
            field_dict["reviews"] = reviews

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.resume_request_reviews_item import ResumeRequestReviewsItem

        d = dict(src_dict)
        approved = d.pop("approved")

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        _reviews = d.pop("reviews", UNSET)
        reviews: list[ResumeRequestReviewsItem] | Unset = UNSET
        if _reviews is not UNSET:
            reviews = []
            for reviews_item_data in _reviews:
                reviews_item = ResumeRequestReviewsItem.from_dict(reviews_item_data)

                reviews.append(reviews_item)

        resume_request = cls(
            approved=approved,
            reason=reason,
            reviews=reviews,
        )

        return resume_request
