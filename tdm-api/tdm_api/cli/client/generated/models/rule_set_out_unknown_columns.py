from typing import Literal

RuleSetOutUnknownColumns = Literal["fail", "mask_default"]

RULE_SET_OUT_UNKNOWN_COLUMNS_VALUES: set[RuleSetOutUnknownColumns] = {
    "fail",
    "mask_default",
}


def check_rule_set_out_unknown_columns(value: str) -> RuleSetOutUnknownColumns:
    if value in RULE_SET_OUT_UNKNOWN_COLUMNS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {RULE_SET_OUT_UNKNOWN_COLUMNS_VALUES!r}"
    )
