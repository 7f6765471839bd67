from typing import Literal

ReviewItemDecision = Literal["change", "confirm", "reject"]

REVIEW_ITEM_DECISION_VALUES: set[ReviewItemDecision] = {
    "change",
    "confirm",
    "reject",
}


def check_review_item_decision(value: str) -> ReviewItemDecision:
    if value in REVIEW_ITEM_DECISION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REVIEW_ITEM_DECISION_VALUES!r}"
    )
