from typing import Literal

EnvironmentConfigResetMode = Literal["append", "drop_create", "truncate", "upsert"]

ENVIRONMENT_CONFIG_RESET_MODE_VALUES: set[EnvironmentConfigResetMode] = {
    "append",
    "drop_create",
    "truncate",
    "upsert",
}


def check_environment_config_reset_mode(value: str) -> EnvironmentConfigResetMode:
    if value in ENVIRONMENT_CONFIG_RESET_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENVIRONMENT_CONFIG_RESET_MODE_VALUES!r}"
    )
