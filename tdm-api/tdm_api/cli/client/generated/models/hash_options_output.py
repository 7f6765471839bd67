from typing import Literal

HashOptionsOutput = Literal["base64", "hex", "integer_range", "truncated", "uuid"]

HASH_OPTIONS_OUTPUT_VALUES: set[HashOptionsOutput] = {
    "base64",
    "hex",
    "integer_range",
    "truncated",
    "uuid",
}


def check_hash_options_output(value: str) -> HashOptionsOutput:
    if value in HASH_OPTIONS_OUTPUT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HASH_OPTIONS_OUTPUT_VALUES!r}"
    )
