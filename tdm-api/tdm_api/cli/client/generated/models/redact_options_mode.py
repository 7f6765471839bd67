from typing import Literal

RedactOptionsMode = Literal["fixed", "keep_length"]

REDACT_OPTIONS_MODE_VALUES: set[RedactOptionsMode] = {
    "fixed",
    "keep_length",
}


def check_redact_options_mode(value: str) -> RedactOptionsMode:
    if value in REDACT_OPTIONS_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REDACT_OPTIONS_MODE_VALUES!r}"
    )
