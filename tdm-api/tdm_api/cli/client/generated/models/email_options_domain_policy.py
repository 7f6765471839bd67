from typing import Literal

EmailOptionsDomainPolicy = Literal["fixed", "hashed", "keep"]

EMAIL_OPTIONS_DOMAIN_POLICY_VALUES: set[EmailOptionsDomainPolicy] = {
    "fixed",
    "hashed",
    "keep",
}


def check_email_options_domain_policy(value: str) -> EmailOptionsDomainPolicy:
    if value in EMAIL_OPTIONS_DOMAIN_POLICY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EMAIL_OPTIONS_DOMAIN_POLICY_VALUES!r}"
    )
