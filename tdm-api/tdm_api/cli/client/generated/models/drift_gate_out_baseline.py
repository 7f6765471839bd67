from typing import Literal

DriftGateOutBaseline = Literal[
    "latest_version", "newest_rule_set", "previous_version", "rule_set", "version"
]

DRIFT_GATE_OUT_BASELINE_VALUES: set[DriftGateOutBaseline] = {
    "latest_version",
    "newest_rule_set",
    "previous_version",
    "rule_set",
    "version",
}


def check_drift_gate_out_baseline(value: str) -> DriftGateOutBaseline:
    if value in DRIFT_GATE_OUT_BASELINE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DRIFT_GATE_OUT_BASELINE_VALUES!r}"
    )
