from typing import Literal

ReviewOutDecision = Literal["change", "confirm", "reject"]

REVIEW_OUT_DECISION_VALUES: set[ReviewOutDecision] = {
    "change",
    "confirm",
    "reject",
}


def check_review_out_decision(value: str) -> ReviewOutDecision:
    if value in REVIEW_OUT_DECISION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REVIEW_OUT_DECISION_VALUES!r}"
    )
