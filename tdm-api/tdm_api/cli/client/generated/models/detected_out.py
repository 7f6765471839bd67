from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DetectedOut")


@_attrs_define
class DetectedOut:
    """What the rules (or the LLM) found before a review overrode it.

    Attributes:
        confidence (float):
        explanation (str):
        pii_type (str):
        technique (str):
        subtype (None | str | Unset):
    """

    confidence: float
    explanation: str
    pii_type: str
    technique: str
    subtype: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confidence = self.confidence

        explanation = self.explanation

        pii_type = self.pii_type

        technique = self.technique

        subtype: None | str | Unset
        if isinstance(self.subtype, Unset):
            subtype = UNSET
        else:
            subtype = self.subtype

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "confidence": confidence,
                "explanation": explanation,
                "pii_type": pii_type,
                "technique": technique,
            }
        )
        if subtype is not UNSET:
            field_dict["subtype"] = subtype

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        confidence = d.pop("confidence")

        explanation = d.pop("explanation")

        pii_type = d.pop("pii_type")

        technique = d.pop("technique")

        def _parse_subtype(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subtype = _parse_subtype(d.pop("subtype", UNSET))

        detected_out = cls(
            confidence=confidence,
            explanation=explanation,
            pii_type=pii_type,
            technique=technique,
            subtype=subtype,
        )

        detected_out.additional_properties = d
        return detected_out

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
