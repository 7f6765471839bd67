from typing import Literal

ProvisionRequestModeType0 = Literal["append", "drop_create", "truncate", "upsert"]

PROVISION_REQUEST_MODE_TYPE_0_VALUES: set[ProvisionRequestModeType0] = {
    "append",
    "drop_create",
    "truncate",
    "upsert",
}


def check_provision_request_mode_type_0(value: str) -> ProvisionRequestModeType0:
    if value in PROVISION_REQUEST_MODE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROVISION_REQUEST_MODE_TYPE_0_VALUES!r}"
    )
