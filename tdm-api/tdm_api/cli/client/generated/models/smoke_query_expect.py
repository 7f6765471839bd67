from typing import Literal

SmokeQueryExpect = Literal["empty", "equals", "non_empty"]

SMOKE_QUERY_EXPECT_VALUES: set[SmokeQueryExpect] = {
    "empty",
    "equals",
    "non_empty",
}


def check_smoke_query_expect(value: str) -> SmokeQueryExpect:
    if value in SMOKE_QUERY_EXPECT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SMOKE_QUERY_EXPECT_VALUES!r}"
    )
