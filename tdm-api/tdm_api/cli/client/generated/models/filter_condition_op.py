from typing import Literal

FilterConditionOp = Literal[
    "!=",
    "<",
    "<=",
    "=",
    ">",
    ">=",
    "between",
    "ilike",
    "in",
    "is_null",
    "like",
    "not_in",
    "not_null",
]

FILTER_CONDITION_OP_VALUES: set[FilterConditionOp] = {
    "!=",
    "<",
    "<=",
    "=",
    ">",
    ">=",
    "between",
    "ilike",
    "in",
    "is_null",
    "like",
    "not_in",
    "not_null",
}


def check_filter_condition_op(value: str) -> FilterConditionOp:
    if value in FILTER_CONDITION_OP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FILTER_CONDITION_OP_VALUES!r}"
    )
