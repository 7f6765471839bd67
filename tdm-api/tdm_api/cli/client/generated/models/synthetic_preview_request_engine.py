from typing import Literal

SyntheticPreviewRequestEngine = Literal["rules", "sdv"]

SYNTHETIC_PREVIEW_REQUEST_ENGINE_VALUES: set[SyntheticPreviewRequestEngine] = {
    "rules",
    "sdv",
}


def check_synthetic_preview_request_engine(value: str) -> SyntheticPreviewRequestEngine:
    if value in SYNTHETIC_PREVIEW_REQUEST_ENGINE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SYNTHETIC_PREVIEW_REQUEST_ENGINE_VALUES!r}"
    )
