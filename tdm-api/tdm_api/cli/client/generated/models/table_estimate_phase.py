from typing import Literal

TableEstimatePhase = Literal[
    "completion", "downstream", "full", "target", "unreached", "upstream"
]

TABLE_ESTIMATE_PHASE_VALUES: set[TableEstimatePhase] = {
    "completion",
    "downstream",
    "full",
    "target",
    "unreached",
    "upstream",
}


def check_table_estimate_phase(value: str) -> TableEstimatePhase:
    if value in TABLE_ESTIMATE_PHASE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TABLE_ESTIMATE_PHASE_VALUES!r}"
    )
