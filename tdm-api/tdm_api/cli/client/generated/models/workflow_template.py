from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.workflow_template_defaults import WorkflowTemplateDefaults


T = TypeVar("T", bound="WorkflowTemplate")


@_attrs_define
class WorkflowTemplate:
    """
    Attributes:
        defaults (WorkflowTemplateDefaults):
        description (str):
        name (str):
        requires (list[str]):
        steps (list[str]):
        title (str):
    """

    defaults: WorkflowTemplateDefaults
    description: str
    name: str
    requires: list[str]
    steps: list[str]
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        defaults = self.defaults.to_dict()

        description = self.description

        name = self.name

        requires = self.requires

        steps = self.steps

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "defaults": defaults,
                "description": description,
                "name": name,
                "requires": requires,
                "steps": steps,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_template_defaults import WorkflowTemplateDefaults

        d = dict(src_dict)
        defaults = WorkflowTemplateDefaults.from_dict(d.pop("defaults"))

        description = d.pop("description")

        name = d.pop("name")

        requires = cast(list[str], d.pop("requires"))

        steps = cast(list[str], d.pop("steps"))

        title = d.pop("title")

        workflow_template = cls(
            defaults=defaults,
            description=description,
            name=name,
            requires=requires,
            steps=steps,
            title=title,
        )

        workflow_template.additional_properties = d
        return workflow_template

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
