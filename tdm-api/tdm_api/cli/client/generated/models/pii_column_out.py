from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pii_column_out_review_state import (
    PiiColumnOutReviewState,
    check_pii_column_out_review_state,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.detected_out import DetectedOut
    from ..models.review_out import ReviewOut


T = TypeVar("T", bound="PiiColumnOut")


@_attrs_define
class PiiColumnOut:
    """One column of the PII map: its classification (none when rejected) and its review state.

    Attributes:
        column (str):
        review_state (PiiColumnOutReviewState):
        schema_name (str):
        table (str): Table key: bare in 'public', else 'schema.table'
        confidence (float | None | Unset):
        data_type (None | str | Unset):
        detected (DetectedOut | None | Unset):
        explanation (None | str | Unset): Which rules matched and what share of samples
        pii_type (None | str | Unset): None when a reviewer rejected the column as PII
        review (None | ReviewOut | Unset):
        subtype (None | str | Unset):
        technique (None | str | Unset): name, regex, checksum, llm or review
    """

    column: str
    review_state: PiiColumnOutReviewState
    schema_name: str
    table: str
    confidence: float | None | Unset = UNSET
    data_type: None | str | Unset = UNSET
    detected: DetectedOut | None | Unset = UNSET
    explanation: None | str | Unset = UNSET
    pii_type: None | str | Unset = UNSET
    review: None | ReviewOut | Unset = UNSET
    subtype: None | str | Unset = UNSET
    technique: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.detected_out import DetectedOut
        from ..models.review_out import ReviewOut

        column = self.column

        review_state: str = self.review_state

        schema_name = self.schema_name

        table = self.table

        confidence: float | None | Unset
        if isinstance(self.confidence, Unset):
            confidence = UNSET
        else:
            confidence = self.confidence

        data_type: None | str | Unset
        if isinstance(self.data_type, Unset):
            data_type = UNSET
        else:
            data_type = self.data_type

        detected: dict[str, Any] | None | Unset
        if isinstance(self.detected, Unset):
            detected = UNSET
        elif isinstance(self.detected, DetectedOut):
            detected = self.detected.to_dict()
        else:
            detected = self.detected

        explanation: None | str | Unset
        if isinstance(self.explanation, Unset):
            explanation = UNSET
        else:
            explanation = self.explanation

        pii_type: None | str | Unset
        if isinstance(self.pii_type, Unset):
            pii_type = UNSET
        else:
            pii_type = self.pii_type

        review: dict[str, Any] | None | Unset
        if isinstance(self.review, Unset):
            review = UNSET
        elif isinstance(self.review, ReviewOut):
            review = self.review.to_dict()
        else:
            review = self.review

        subtype: None | str | Unset
        if isinstance(self.subtype, Unset):
            subtype = UNSET
        else:
            subtype = self.subtype

        technique: None | str | Unset
        if isinstance(self.technique, Unset):
            technique = UNSET
        else:
            technique = self.technique

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "column": column,
                "review_state": review_state,
                "schema_name": schema_name,
                "table": table,
            }
        )
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if data_type is not UNSET:
            field_dict["data_type"] = data_type
        if detected is not UNSET:
            field_dict["detected"] = detected
        if explanation is not UNSET:
            field_dict["explanation"] = explanation
        if pii_type is not UNSET:
            field_dict["pii_type"] = pii_type
        if review is not UNSET:
            field_dict["review"] = review
        if subtype is not UNSET:
            field_dict["subtype"] = subtype
        if technique is not UNSET:
            field_dict["technique"] = technique

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.detected_out import DetectedOut
        from ..models.review_out import ReviewOut

        d = dict(src_dict)
        column = d.pop("column")

        review_state = check_pii_column_out_review_state(d.pop("review_state"))

        schema_name = d.pop("schema_name")

        table = d.pop("table")

        def _parse_confidence(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        confidence = _parse_confidence(d.pop("confidence", UNSET))

        def _parse_data_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        data_type = _parse_data_type(d.pop("data_type", UNSET))

        def _parse_detected(data: object) -> DetectedOut | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                detected_type_0 = DetectedOut.from_dict(data)

                return detected_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DetectedOut | None | Unset, data)

        detected = _parse_detected(d.pop("detected", UNSET))

        def _parse_explanation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        explanation = _parse_explanation(d.pop("explanation", UNSET))

        def _parse_pii_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pii_type = _parse_pii_type(d.pop("pii_type", UNSET))

        def _parse_review(data: object) -> None | ReviewOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                review_type_0 = ReviewOut.from_dict(data)

                return review_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewOut | Unset, data)

        review = _parse_review(d.pop("review", UNSET))

        def _parse_subtype(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subtype = _parse_subtype(d.pop("subtype", UNSET))

        def _parse_technique(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        technique = _parse_technique(d.pop("technique", UNSET))

        pii_column_out = cls(
            column=column,
            review_state=review_state,
            schema_name=schema_name,
            table=table,
            confidence=confidence,
            data_type=data_type,
            detected=detected,
            explanation=explanation,
            pii_type=pii_type,
            review=review,
            subtype=subtype,
            technique=technique,
        )

        pii_column_out.additional_properties = d
        return pii_column_out

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
