from typing import Literal

SyntheticRequestEngine = Literal["rules", "sdv"]

SYNTHETIC_REQUEST_ENGINE_VALUES: set[SyntheticRequestEngine] = {
    "rules",
    "sdv",
}


def check_synthetic_request_engine(value: str) -> SyntheticRequestEngine:
    if value in SYNTHETIC_REQUEST_ENGINE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SYNTHETIC_REQUEST_ENGINE_VALUES!r}"
    )
