from typing import Literal

GeneralizeOptionsMode = Literal["bucket", "month", "prefix", "year"]

GENERALIZE_OPTIONS_MODE_VALUES: set[GeneralizeOptionsMode] = {
    "bucket",
    "month",
    "prefix",
    "year",
}


def check_generalize_options_mode(value: str) -> GeneralizeOptionsMode:
    if value in GENERALIZE_OPTIONS_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GENERALIZE_OPTIONS_MODE_VALUES!r}"
    )
