"""Key layout and validation: no id or table name can escape its version's prefix."""

import uuid

import pytest

from tdm_dataset_store import InvalidKeyError, manifest_key, table_key
from tdm_dataset_store.keys import is_version_id, table_from_key, validate_table_name, validate_version_id

VERSION = "0b9a0f3e-7f55-4c1e-9d53-2c1f7d7a1b10"


def test_table_and_manifest_keys_follow_the_convention():
    assert table_key(VERSION, "orders") == f"datasets/{VERSION}/orders.parquet"
    assert table_key(uuid.UUID(VERSION), "sales.orders") == f"datasets/{VERSION}/sales.orders.parquet"
    assert manifest_key(VERSION) == f"datasets/{VERSION}/_manifest.json"


def test_version_ids_are_canonicalised():
    assert validate_version_id(VERSION.upper()) == VERSION
    assert validate_version_id("{" + VERSION + "}") == VERSION
    assert is_version_id(VERSION)
    assert not is_version_id(VERSION.upper())


@pytest.mark.parametrize("bad_id", ["", "not-a-uuid", "../etc", f"{VERSION}/..", "0" * 31, None, 42])
def test_malformed_version_ids_are_refused(bad_id):
    with pytest.raises(InvalidKeyError):
        validate_version_id(bad_id)


@pytest.mark.parametrize(
    "good", ["orders", "sales.orders", "Order_Items-2024", "_private", "t1", "a" * 200, "public.order.v2"]
)
def test_safe_table_names_pass(good):
    assert validate_table_name(good) == good


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "..",
        "../orders",
        "sales/../../etc/passwd",
        ".hidden",
        "a..b",
        "orders.parquet",
        "_manifest.json",
        "orders\x00",
        "a" * 201,
    ],
)
def test_unsafe_table_names_are_refused(bad):
    with pytest.raises(InvalidKeyError):
        table_key(VERSION, bad)


def test_invalid_key_error_is_a_value_error():
    with pytest.raises(ValueError):
        table_key(VERSION, "../x")


def test_table_from_key_recognises_only_table_files():
    assert table_from_key(f"datasets/{VERSION}/sales.orders.parquet") == "sales.orders"
    assert table_from_key(f"datasets/{VERSION}/_manifest.json") is None
    assert table_from_key(f"datasets/{VERSION}/.orders.parquet.abc.tmp") is None
    assert table_from_key(f"datasets/{VERSION}/.orders.parquet") is None


@pytest.mark.parametrize(
    ("name", "segment"),
    [
        ("Mixed Schema.Customer Accounts", "Mixed%20Schema.Customer%20Accounts"),
        ("ördérs", "%C3%B6rd%C3%A9rs"),
        ("sales/orders", "sales%2Forders"),
        ("sales\\orders", "sales%5Corders"),
        ("orders\n", "orders%0A"),
        ('we"ird;drop', "we%22ird%3Bdrop"),
        ("100%", "100%25"),
    ],
)
def test_any_postgresql_name_is_percent_encoded_inside_the_version_prefix(name, segment):
    key = table_key(VERSION, name)
    assert key == f"datasets/{VERSION}/{segment}.parquet"
    assert table_from_key(key) == name


def test_keys_with_broken_encoding_are_not_tables():
    assert table_from_key(f"datasets/{VERSION}/%FF.parquet") is None
