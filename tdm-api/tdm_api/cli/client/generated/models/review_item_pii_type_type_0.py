from typing import Literal

ReviewItemPiiTypeType0 = Literal[
    "bank_account",
    "city",
    "credit_card",
    "date_of_birth",
    "email",
    "free_text_pii",
    "geolocation",
    "iban",
    "ip_address",
    "mac_address",
    "national_id",
    "password_hash",
    "person_name",
    "phone",
    "photo",
    "postcode",
    "street_address",
    "username",
]

REVIEW_ITEM_PII_TYPE_TYPE_0_VALUES: set[ReviewItemPiiTypeType0] = {
    "bank_account",
    "city",
    "credit_card",
    "date_of_birth",
    "email",
    "free_text_pii",
    "geolocation",
    "iban",
    "ip_address",
    "mac_address",
    "national_id",
    "password_hash",
    "person_name",
    "phone",
    "photo",
    "postcode",
    "street_address",
    "username",
}


def check_review_item_pii_type_type_0(value: str) -> ReviewItemPiiTypeType0:
    if value in REVIEW_ITEM_PII_TYPE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REVIEW_ITEM_PII_TYPE_TYPE_0_VALUES!r}"
    )
