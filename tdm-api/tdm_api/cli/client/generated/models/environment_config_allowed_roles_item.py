from typing import Literal

EnvironmentConfigAllowedRolesItem = Literal["admin", "operator"]

ENVIRONMENT_CONFIG_ALLOWED_ROLES_ITEM_VALUES: set[EnvironmentConfigAllowedRolesItem] = {
    "admin",
    "operator",
}


def check_environment_config_allowed_roles_item(
    value: str,
) -> EnvironmentConfigAllowedRolesItem:
    if value in ENVIRONMENT_CONFIG_ALLOWED_ROLES_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ENVIRONMENT_CONFIG_ALLOWED_ROLES_ITEM_VALUES!r}"
    )
