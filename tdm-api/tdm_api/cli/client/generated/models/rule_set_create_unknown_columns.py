from typing import Literal

RuleSetCreateUnknownColumns = Literal["fail", "mask_default"]

RULE_SET_CREATE_UNKNOWN_COLUMNS_VALUES: set[RuleSetCreateUnknownColumns] = {
    "fail",
    "mask_default",
}


def check_rule_set_create_unknown_columns(value: str) -> RuleSetCreateUnknownColumns:
    if value in RULE_SET_CREATE_UNKNOWN_COLUMNS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {RULE_SET_CREATE_UNKNOWN_COLUMNS_VALUES!r}"
    )
