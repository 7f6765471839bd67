from typing import Literal

NoiseOptionsMode = Literal["absolute", "relative"]

NOISE_OPTIONS_MODE_VALUES: set[NoiseOptionsMode] = {
    "absolute",
    "relative",
}


def check_noise_options_mode(value: str) -> NoiseOptionsMode:
    if value in NOISE_OPTIONS_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NOISE_OPTIONS_MODE_VALUES!r}"
    )
