"""Column-name rules: tokenization, abbreviations and table context."""

from __future__ import annotations

import pytest

from tdm_agents.pii_detection.names import is_non_pii_identifier, name_evidence, tokenize


def test_tokenize_snake_camel_and_digits() -> None:
    assert tokenize("custFName2") == ["cust", "f", "name", "2"]
    assert tokenize("billing_addr1") == ["billing", "addr", "1"]
    assert tokenize("HTTPRemoteAddr") == ["http", "remote", "addr"]
    assert tokenize("geo_lat") == ["geo", "lat"]


@pytest.mark.parametrize(
    ("column", "pii_type", "subtype"),
    [
        ("fname", "person_name", "first_name"),
        ("custFName", "person_name", "first_name"),
        ("LastName", "person_name", "last_name"),
        ("dob", "date_of_birth", None),
        ("date_of_birth", "date_of_birth", None),
        ("msisdn", "phone", None),
        ("ssn", "national_id", "us_ssn"),
        ("nin", "national_id", "uk_nino"),
        ("iban", "iban", None),
        ("cc_num", "credit_card", None),
        ("addr1", "street_address", None),
        ("zip", "postcode", None),
        ("postcode", "postcode", None),
        ("geo_lat", "geolocation", "latitude"),
        ("emailAddress", "email", None),
        ("ip_address", "ip_address", None),
        ("password_hash", "password_hash", None),
        ("user_name", "username", None),
    ],
)
def test_dictionary_names_and_abbreviations(column: str, pii_type: str, subtype: str | None) -> None:
    evidence = name_evidence("anything", column)
    assert evidence is not None
    assert (evidence.pii_type, evidence.subtype, evidence.technique) == (pii_type, subtype, "name")


@pytest.mark.parametrize("table", ["customer", "employees", "app_users", "patient"])
def test_bare_name_in_a_person_table_is_a_person(table: str) -> None:
    evidence = name_evidence(table, "name")
    assert evidence is not None and evidence.pii_type == "person_name"


@pytest.mark.parametrize(
    ("table", "column"),
    [("genre", "name"), ("product", "name"), ("company", "name"), ("customer", "company_name")],
)
def test_names_of_things_are_not_people(table: str, column: str) -> None:
    evidence = name_evidence(table, column)
    assert evidence is None or evidence.pii_type is None


def test_modifiers_describe_pii_without_holding_it() -> None:
    assert name_evidence("users", "email_verified") is None
    assert name_evidence("users", "phone_count") is None


def test_thing_identifiers_give_negative_evidence() -> None:
    for column in ("sku", "tracking_no", "order_number", "invoiceNo"):
        assert is_non_pii_identifier(column), column
        evidence = name_evidence("orders", column)
        assert evidence is not None and evidence.pii_type is None
    assert name_evidence("t", "c7") is None
