from typing import Literal

DateShiftOptionsKeep = Literal["month", "none", "weekday"]

DATE_SHIFT_OPTIONS_KEEP_VALUES: set[DateShiftOptionsKeep] = {
    "month",
    "none",
    "weekday",
}


def check_date_shift_options_keep(value: str) -> DateShiftOptionsKeep:
    if value in DATE_SHIFT_OPTIONS_KEEP_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DATE_SHIFT_OPTIONS_KEEP_VALUES!r}"
    )
