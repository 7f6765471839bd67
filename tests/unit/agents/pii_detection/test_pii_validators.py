"""Validators: each accepts real examples and rejects near misses."""

from __future__ import annotations

import datetime as dt

import pytest

from tdm_agents.pii_detection import validators as v


@pytest.mark.parametrize(
    "number", ["4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "6011111111111117"]
)
def test_card_numbers_with_valid_luhn_and_brand_are_cards(number: str) -> None:
    assert v.is_luhn_valid(number)
    assert v.is_credit_card(number)


@pytest.mark.parametrize("number", ["4111111111111112", "1234567812345670", "356938035643809", "41111111111"])
def test_card_look_alikes_are_rejected(number: str) -> None:
    # Wrong check digit; Luhn-valid but no brand starts with 1; an IMEI-like 15 digits; too short.
    assert not v.is_credit_card(number)


def test_iban_mod97() -> None:
    assert v.is_iban("GB82 WEST 1234 5698 7654 32")
    assert v.is_iban("DE89370400440532013000")
    assert not v.is_iban("GB82 WEST 1234 5698 7654 33")
    assert not v.is_iban("XX82WEST12345698765432")


@pytest.mark.parametrize("ssn", ["123-45-6789", "001-01-0001", "665-99-9999"])
def test_us_ssn_valid(ssn: str) -> None:
    assert v.is_us_ssn(ssn)


@pytest.mark.parametrize(
    "ssn", ["000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000", "12-345-6789"]
)
def test_us_ssn_never_issued_ranges_are_rejected(ssn: str) -> None:
    assert not v.is_us_ssn(ssn)


def test_uk_nino_allocation_rules() -> None:
    assert v.is_uk_nino("AB 12 34 56 C")
    assert v.is_uk_nino("JG103759A")
    for bad in ("GB123456A", "ZZ123456A", "DA123456A", "AO123456A", "AB123456E", "AB12345C"):
        assert not v.is_uk_nino(bad), bad


@pytest.mark.parametrize(
    ("value", "subtype"),
    [
        ("123-45-6789", "us_ssn"),
        ("AB123456C", "uk_nino"),
        ("12345678Z", "es_dni"),
        ("X1234567L", "es_nie"),
        ("111222333", "nl_bsn"),
        ("513 383 547", "ca_sin"),
        ("295109912611193", "fr_nir"),
        ("234123412346", "in_aadhaar"),
    ],
)
def test_national_id_subtypes(value: str, subtype: str) -> None:
    assert v.national_id_subtype(value) == subtype


@pytest.mark.parametrize(
    "value", ["12345678A", "X1234567A", "111222334", "513 383 548", "295109912611194", "234123412345"]
)
def test_national_ids_with_a_wrong_check_digit_are_rejected(value: str) -> None:
    assert v.national_id_subtype(value) is None


def test_birth_date_plausibility() -> None:
    today = dt.date(2025, 6, 1)
    assert v.is_plausible_birth_date(dt.date(1980, 2, 29), today)
    assert v.is_plausible_birth_date(dt.date(1905, 6, 2), today)
    assert not v.is_plausible_birth_date(dt.date(1899, 12, 31), today)
    assert not v.is_plausible_birth_date(dt.date(2025, 6, 2), today)
    assert not v.is_plausible_birth_date(dt.date(1904, 1, 1), today)  # 121 years old


def test_coordinates_mac_and_ip() -> None:
    assert v.is_latitude(-89.9) and not v.is_latitude(90.01)
    assert v.is_longitude(179.5) and not v.is_longitude(-180.5)
    assert v.is_mac_address("00:1A:2b:3C:4d:5E") and v.is_mac_address("001a.2b3c.4d5e")
    assert not v.is_mac_address("00:1A:2b:3C:4d") and not v.is_mac_address("00:1A-2b:3C:4d:5E")
    assert v.ip_version("192.168.10.1") == 4 and v.ip_version("2001:db8::1") == 6
    assert v.ip_version("256.1.1.1") is None and v.ip_version("1.2.3") is None


def test_phone_numbers() -> None:
    assert v.phone_kind("+44 20 7946 0958") == "e164"
    assert v.phone_kind("0044 20 7946 0958") == "e164"
    assert v.phone_kind("(415) 555-0132") == "national"
    assert v.phone_kind("030 901820") == "national"
    assert v.phone_kind("+1 23") is None
    assert v.phone_kind("hello") is None


def test_emails() -> None:
    assert v.is_email("anna.smith+news@mail.example.co.uk")
    for bad in ("anna@", "@example.com", "anna smith@example.com", "anna@example", "a@b.c"):
        assert not v.is_email(bad), bad
