from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.workflow_execute_steps_type_0_item import (
    WorkflowExecuteStepsType0Item,
    check_workflow_execute_steps_type_0_item,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.workflow_execute_overrides import WorkflowExecuteOverrides


T = TypeVar("T", bound="WorkflowExecute")


@_attrs_define
class WorkflowExecute:
    """Run a template (or a custom list of steps) with overrides, field by field.

    Attributes:
        overrides (WorkflowExecuteOverrides | Unset): Fields that replace the template's defaults (nested per step)
        steps (list[WorkflowExecuteStepsType0Item] | None | Unset): Run only these steps (pipeline order is kept)
        template (str | Unset): A name from GET /workflow/templates Default: 'full_workflow'.
    """

    overrides: WorkflowExecuteOverrides | Unset = UNSET
    steps: list[WorkflowExecuteStepsType0Item] | None | Unset = UNSET
    template: str | Unset = "full_workflow"

    def to_dict(self) -> dict[str, Any]:
        overrides: dict[str, Any] | Unset = UNSET
        if not isinstance(self.overrides, Unset):
            overrides = self.overrides.to_dict()

        steps: list[str] | None | Unset
        if isinstance(self.steps, Unset):
            steps = UNSET
        elif isinstance(self.steps, list):
            steps = []
            for steps_type_0_item_data in self.steps:
                steps_type_0_item: str = steps_type_0_item_data
                steps.append(steps_type_0_item)

        else:
            steps = self.steps

        template = self.template

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if overrides is not UNSET:
            field_dict["overrides"] = overrides
        if steps is not UNSET:
            field_dict["steps"] = steps
        if template is not UNSET:
            field_dict["template"] = template

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_execute_overrides import WorkflowExecuteOverrides

        d = dict(src_dict)
        _overrides = d.pop("overrides", UNSET)
        overrides: WorkflowExecuteOverrides | Unset
        if isinstance(_overrides, Unset):
            overrides = UNSET
        else:
            overrides = WorkflowExecuteOverrides.from_dict(_overrides)

        def _parse_steps(
            data: object,
        ) -> list[WorkflowExecuteStepsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                steps_type_0 = []
                _steps_type_0 = data
                for steps_type_0_item_data in _steps_type_0:
                    steps_type_0_item = check_workflow_execute_steps_type_0_item(
                        steps_type_0_item_data
                    )

                    steps_type_0.append(steps_type_0_item)

                return steps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[WorkflowExecuteStepsType0Item] | None | Unset, data)

        steps = _parse_steps(d.pop("steps", UNSET))

        template = d.pop("template", UNSET)

        workflow_execute = cls(
            overrides=overrides,
            steps=steps,
            template=template,
        )

        return workflow_execute
