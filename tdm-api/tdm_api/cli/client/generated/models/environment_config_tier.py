from typing import Literal

EnvironmentConfigTier = Literal["non_production", "production"]

ENVIRONMENT_CONFIG_TIER_VALUES: set[EnvironmentConfigTier] = {
    "non_production",
    "production",
}


def check_environment_config_tier(value: str) -> EnvironmentConfigTier:
    if value in ENVIRONMENT_CONFIG_TIER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENVIRONMENT_CONFIG_TIER_VALUES!r}"
    )
