from typing import Literal

WorkflowExecuteStepsType0Item = Literal[
    "discover_schema",
    "masking",
    "pii_classification",
    "provisioning",
    "subsetting",
    "synthetic",
]

WORKFLOW_EXECUTE_STEPS_TYPE_0_ITEM_VALUES: set[WorkflowExecuteStepsType0Item] = {
    "discover_schema",
    "masking",
    "pii_classification",
    "provisioning",
    "subsetting",
    "synthetic",
}


def check_workflow_execute_steps_type_0_item(
    value: str,
) -> WorkflowExecuteStepsType0Item:
    if value in WORKFLOW_EXECUTE_STEPS_TYPE_0_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WORKFLOW_EXECUTE_STEPS_TYPE_0_ITEM_VALUES!r}"
    )
