from typing import Literal

Operation = Literal[
    "API_BASED_SYNTHETIC_GENERATION",
    "DISCOVER_SCHEMA",
    "FULL_TDM_PIPELINE",
    "NOOP",
    "PII_CLASSIFICATION",
    "TDM_MASK_ONLY",
    "TDM_PROVISION_ONLY",
    "TDM_SUBSET_MASK_PROVISION",
    "TDM_SUBSET_ONLY",
    "TDM_SYNTHETIC_RUN",
    "UI_BASED_SYNTHETIC_GENERATION",
]

OPERATION_VALUES: set[Operation] = {
    "API_BASED_SYNTHETIC_GENERATION",
    "DISCOVER_SCHEMA",
    "FULL_TDM_PIPELINE",
    "NOOP",
    "PII_CLASSIFICATION",
    "TDM_MASK_ONLY",
    "TDM_PROVISION_ONLY",
    "TDM_SUBSET_MASK_PROVISION",
    "TDM_SUBSET_ONLY",
    "TDM_SYNTHETIC_RUN",
    "UI_BASED_SYNTHETIC_GENERATION",
}


def check_operation(value: str) -> Operation:
    if value in OPERATION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OPERATION_VALUES!r}")
