from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.transformer_out_guarantees import TransformerOutGuarantees
    from ..models.transformer_out_options_schema import TransformerOutOptionsSchema


T = TypeVar("T", bound="TransformerOut")


@_attrs_define
class TransformerOut:
    """One rule type, for the portal's rule builder.

    Attributes:
        arrow_types (list[str]): Arrow types the rule accepts in dataset files
        categories (list[str]): Schema type categories the rule accepts
        description (str):
        guarantees (TransformerOutGuarantees):
        name (str):
        options_schema (TransformerOutOptionsSchema): JSON schema of the rule's options
    """

    arrow_types: list[str]
    categories: list[str]
    description: str
    guarantees: TransformerOutGuarantees
    name: str
    options_schema: TransformerOutOptionsSchema
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        arrow_types = self.arrow_types

        categories = self.categories

        description = self.description

        guarantees = self.guarantees.to_dict()

        name = self.name

        options_schema = self.options_schema.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "arrow_types": arrow_types,
                "categories": categories,
                "description": description,
                "guarantees": guarantees,
                "name": name,
                "options_schema": options_schema,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.transformer_out_guarantees import TransformerOutGuarantees
        from ..models.transformer_out_options_schema import TransformerOutOptionsSchema

        d = dict(src_dict)
        arrow_types = cast(list[str], d.pop("arrow_types"))

        categories = cast(list[str], d.pop("categories"))

        description = d.pop("description")

        guarantees = TransformerOutGuarantees.from_dict(d.pop("guarantees"))

        name = d.pop("name")

        options_schema = TransformerOutOptionsSchema.from_dict(d.pop("options_schema"))

        transformer_out = cls(
            arrow_types=arrow_types,
            categories=categories,
            description=description,
            guarantees=guarantees,
            name=name,
            options_schema=options_schema,
        )

        transformer_out.additional_properties = d
        return transformer_out

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
