from typing import Literal

MaskRequestUnknownColumnsType0 = Literal["fail", "mask_default"]

MASK_REQUEST_UNKNOWN_COLUMNS_TYPE_0_VALUES: set[MaskRequestUnknownColumnsType0] = {
    "fail",
    "mask_default",
}


def check_mask_request_unknown_columns_type_0(
    value: str,
) -> MaskRequestUnknownColumnsType0:
    if value in MASK_REQUEST_UNKNOWN_COLUMNS_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MASK_REQUEST_UNKNOWN_COLUMNS_TYPE_0_VALUES!r}"
    )
