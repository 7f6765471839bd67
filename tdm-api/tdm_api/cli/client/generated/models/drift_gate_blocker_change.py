from typing import Literal

DriftGateBlockerChange = Literal["added", "changed"]

DRIFT_GATE_BLOCKER_CHANGE_VALUES: set[DriftGateBlockerChange] = {
    "added",
    "changed",
}


def check_drift_gate_blocker_change(value: str) -> DriftGateBlockerChange:
    if value in DRIFT_GATE_BLOCKER_CHANGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DRIFT_GATE_BLOCKER_CHANGE_VALUES!r}"
    )
