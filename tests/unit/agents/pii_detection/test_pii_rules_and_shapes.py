"""Suggested masking rules and value shapes."""

from __future__ import annotations

import pyarrow as pa

from tdm_agents.pii_detection.models import PII_TYPES, PiiFinding
from tdm_agents.pii_detection.shapes import column_shapes, value_shape
from tdm_agents.pii_detection.suggested_rules import suggest_masking_rules


def finding(
    pii_type: str, subtype: str | None = None, schema: str = "public", column: str = "c"
) -> PiiFinding:
    return PiiFinding(
        schema_name=schema, table="customers", column=column, pii_type=pii_type,
        subtype=subtype, confidence=0.9, technique="regex", explanation="x",
    )  # fmt: skip


def test_rule_types_per_pii_type() -> None:
    rules = suggest_masking_rules(
        [
            finding("email", column="email"),
            finding("credit_card", column="pan"),
            finding("phone", column="phone"),
            finding("person_name", "first_name", column="fname"),
            finding("person_name", "full_name", column="name"),
            finding("national_id", "us_ssn", column="ssn"),
            finding("national_id", "uk_nino", column="nino"),
            finding("iban", schema="sales", column="iban"),
            finding("date_of_birth", column="dob"),
            finding("photo", column="avatar"),
        ]
    )
    assert rules["customers.email"] == {"type": "mask.email_deterministic"}
    assert rules["customers.pan"]["type"] == "mask.fpe_pan"
    assert rules["customers.phone"]["type"] == "mask.fpe_digits"
    assert rules["customers.fname"]["type"] == "mask.fake_first_name"
    assert rules["customers.name"]["type"] == "mask.fake_name"
    assert rules["customers.ssn"]["type"] == "mask.fpe_digits"
    assert rules["customers.nino"]["type"] == "mask.hash"
    assert rules["sales.customers.iban"]["type"] == "mask.fpe_alnum"
    assert rules["customers.dob"]["type"] == "mask.date_shift"
    assert rules["customers.avatar"]["type"] == "mask.null"


def test_every_pii_type_has_a_rule() -> None:
    rules = suggest_masking_rules([finding(t, column=t) for t in PII_TYPES])
    assert len(rules) == len(PII_TYPES)
    assert all(rule["type"].startswith("mask.") for rule in rules.values())


def test_shapes_keep_form_and_drop_content() -> None:
    assert value_shape("John.Smith@example.com") == "Aaaa.Aaaaa@aaaaaaa.aaa"
    assert value_shape("123-45-6789") == "ddd-dd-dddd"
    assert value_shape(b"\xff\xd8\xff") == "<binary <1KB>"
    assert len(value_shape("x" * 500)) <= 41
    assert column_shapes(pa.array(["ab12", "cd34", "EF-5", None])) == ["aadd", "AA-d"]
