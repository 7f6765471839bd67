"""Semantic types from names, declared types and sampled values."""

import pyarrow as pa
import pytest

from tdm_agents.semantic import SemanticType, infer_semantic_type, name_hint, value_evidence


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["ann@example.org", "bo.k+1@mail.example.co.uk"], "email"),
        (["+1-327-987-4412x661", "(373)205-9562", "707.684.9335x0314", "989-262-4228"], "phone"),
        (["6f1c2b1e-8a3b-4c56-9d2e-1a2b3c4d5e6f", "{6F1C2B1E-8A3B-4C56-9D2E-1A2B3C4D5E6F}"], "uuid"),
        (["https://example.org/a?b=1", "http://www.kent.org/"], "url"),
        (["10.0.0.1", "192.168.1.20"], "ipv4"),
        (["2001:db8::1", "fe80::1%eth0", "::1"], "ipv6"),
        (["aa:bb:cc:dd:ee:ff", "00-1A-2B-3C-4D-5E"], "mac_address"),
        (["2024-01-15", "31/12/2023", "Jan 5, 2024"], "date"),
        (["2024-01-15T10:00:00Z", "2023-12-31 23:59:59.123+02:00"], "timestamp"),
        (['{"a": 1}', "[1, 2]"], "json"),
        (["$1,234.50", "€12", "99.00 EUR"], "currency"),
        (["SW1A 1AA", "EC1A 1BB", "K1A 0B1"], "postcode"),
        (["4111 1111 1111 1111", "5500005555555559", "378282246310005"], "credit_card"),
        (["yes", "no", "Y", "false"], "boolean"),
    ],
)
def test_values_decide_the_type_whatever_the_name(values, expected):
    semantic, confidence = infer_semantic_type("c7", "text", values)
    assert (semantic, confidence) == (expected, 1.0)


def test_obfuscated_column_of_emails_is_email_and_name_agreement_does_not_exceed_one():
    assert infer_semantic_type("c7", "character varying(200)", ["a@b.io"] * 9 + ["oops"]) == ("email", 0.9)
    assert infer_semantic_type("email", "text", ["a@b.io"] * 9 + ["oops"]) == ("email", 0.95)


def test_bare_digits_need_the_name_to_agree():
    zips = ["00262", "90210", "10001"]
    assert infer_semantic_type("code", "text", zips) == (None, 0.0)
    assert infer_semantic_type("shipping_postcode", "text", zips)[0] == "postcode"
    assert infer_semantic_type("amount", "text", ["12.50", "3.99"])[0] == "currency"
    assert infer_semantic_type("x", "text", ["12.50", "3.99"])[0] is None


def test_a_card_number_failing_luhn_is_not_a_card():
    assert (
        infer_semantic_type("x", "text", ["4111 1111 1111 1112", "1234 5678 9012 3456"])[0] != "credit_card"
    )


def test_values_contradicting_the_name_leave_only_a_weak_hint():
    semantic, confidence = infer_semantic_type("email", "text", ["12", "13", "14"])
    assert semantic == "email" and confidence < 0.5


def test_name_alone_when_no_values_and_only_where_the_type_fits():
    assert infer_semantic_type("email", "text", None) == ("email", 0.55)
    assert infer_semantic_type("total", "numeric(10,2)") == ("currency", 0.7)
    assert infer_semantic_type("email", "integer") == (None, 0.0)
    assert infer_semantic_type("first_name", "text", ["Ann", "Bob"]) == (None, 0.0)


def test_declared_types_that_say_it_all():
    assert infer_semantic_type("id", "uuid") == ("uuid", 1.0)
    assert infer_semantic_type("last_ip", "inet") == ("ip_address", 1.0)
    assert infer_semantic_type("doc", "jsonb") == ("json", 1.0)


def test_all_null_sample_falls_back_to_the_name():
    assert infer_semantic_type("phone", "text", [None, "", "  "]) == ("phone", 0.55)


def test_arrow_input_and_sample_bound():
    values = pa.array(["a@b.io"] * 5000 + ["x"] * 5000)
    evidence = value_evidence(values)
    assert evidence[SemanticType.EMAIL].strong == 1.0  # only the first 1000 values are read


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("customerEmail", "email"),
        ("e_mail", "email"),
        ("zip_code", "postcode"),
        ("ip_address", "ip_address"),
        ("email_sent_at", "timestamp"),
        ("is_email_verified", "boolean"),
        ("quantity", None),
    ],
)
def test_name_hints(name, hint):
    found = name_hint(name)
    assert (found.value if found else None) == hint
