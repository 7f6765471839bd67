from typing import Literal

PiiColumnOutReviewState = Literal[
    "changed", "confirmed", "rejected", "stale", "unreviewed"
]

PII_COLUMN_OUT_REVIEW_STATE_VALUES: set[PiiColumnOutReviewState] = {
    "changed",
    "confirmed",
    "rejected",
    "stale",
    "unreviewed",
}


def check_pii_column_out_review_state(value: str) -> PiiColumnOutReviewState:
    if value in PII_COLUMN_OUT_REVIEW_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PII_COLUMN_OUT_REVIEW_STATE_VALUES!r}"
    )
