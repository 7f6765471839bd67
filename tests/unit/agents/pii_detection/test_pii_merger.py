"""Merging techniques: checksum beats name, names are checked by values, reviews beat everything."""

from __future__ import annotations

import pyarrow as pa

from tdm_agents.pii_detection.detectors import ValueProfile
from tdm_agents.pii_detection.merger import merge_column
from tdm_agents.pii_detection.models import ColumnSample, Evidence, PiiFinding
from tdm_agents.pii_detection.reviews import PiiReview, apply_reviews
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo


def column(name: str = "c", values: list | None = None) -> ColumnSample:
    return ColumnSample("public", "people", name, "text", pa.array(values or ["x"] * 10, type=pa.string()))


def profile(*evidence: Evidence, compatible: dict[str, float] | None = None) -> ValueProfile:
    return ValueProfile(sample_size=10, evidence=list(evidence), compatible=compatible or {})


def test_checksum_beats_name() -> None:
    name = Evidence("phone", "name", 0.8, "column name matches 'phone'")
    bsn = Evidence("national_id", "checksum", 0.9, "11-proof: 10/10", "nl_bsn", 1.0, digits_only=True)
    finding = merge_column(column("phone"), name, profile(bsn, compatible={"phone": 1.0}))
    assert finding is not None
    assert (finding.pii_type, finding.subtype, finding.technique) == ("national_id", "nl_bsn", "checksum")


def test_agreeing_techniques_reinforce_and_explain() -> None:
    name = Evidence("email", "name", 0.85, "column name matches 'email'")
    regex = Evidence(
        "email", "regex", 0.9, "regex rule for email: 9/10 sampled values (90%) matched", None, 0.9
    )
    finding = merge_column(column("email"), name, profile(regex, compatible={"email": 0.9}))
    assert finding.confidence > 0.9 and finding.technique == "regex"
    assert "90%" in finding.explanation and "column name" in finding.explanation


def test_thing_identifier_vetoes_digit_only_value_evidence() -> None:
    veto = Evidence(None, "name", 0.6, "column name 'sku' denotes an identifier of a thing")
    card = Evidence("credit_card", "checksum", 0.95, "luhn", "visa", 1.0, digits_only=True)
    assert merge_column(column("sku"), veto, profile(card)) is None
    email = Evidence("email", "regex", 0.95, "emails", None, 1.0)
    assert merge_column(column("sku"), veto, profile(email)).pii_type == "email"


def test_weak_value_evidence_needs_a_matching_name() -> None:
    digits = Evidence("postcode", "regex", 0.45, "5 digits", "digits", 1.0, digits_only=True)
    assert merge_column(column("c1"), None, profile(digits)) is None
    name = Evidence("postcode", "name", 0.75, "column name matches 'zip'")
    finding = merge_column(column("zip"), name, profile(digits, compatible={"postcode": 1.0}))
    assert finding.pii_type == "postcode" and finding.confidence > 0.75


def test_llm_none_overrules_only_weak_names() -> None:
    weak = Evidence("city", "name", 0.6, "column name matches 'town'")
    strong = Evidence("national_id", "name", 0.85, "column name matches 'ssn'")
    none = Evidence(None, "llm", 0.9, "llm: none")
    assert merge_column(column("town"), weak, profile(), none) is None
    assert merge_column(column("ssn"), strong, profile(compatible={"national_id": 1.0}), none) is not None


def test_llm_fills_in_where_rules_are_silent() -> None:
    llm = Evidence("person_name", "llm", 0.8, "llm: person_name (0.89)", "full_name")
    finding = merge_column(column("holder"), None, profile(), llm)
    assert finding.pii_type == "person_name" and finding.technique == "llm"


def _snapshot(data_type: str) -> SchemaSnapshot:
    return SchemaSnapshot(
        tables=[
            TableInfo(
                schema_name="public", name="people", columns=[ColumnInfo(name="c", data_type=data_type)]
            )
        ]
    )


def test_review_beats_everything_and_lasts_until_the_type_changes() -> None:
    found = PiiFinding(
        schema_name="public", table="people", column="c", pii_type="phone",
        confidence=0.95, technique="checksum", explanation="x",
    )  # fmt: skip
    change = PiiReview(
        schema_name="public",
        table="people",
        column="c",
        data_type="text",
        action="change",
        pii_type="bank_account",
    )
    outcome = apply_reviews([found], [change], _snapshot("text"))
    assert [(f.pii_type, f.technique, f.confidence) for f in outcome.findings] == [
        ("bank_account", "review", 1.0)
    ]
    outcome = apply_reviews([found], [change], _snapshot("bigint"))
    assert outcome.dropped == [change] and outcome.findings == [found]


def test_reject_removes_and_confirm_adds() -> None:
    found = PiiFinding(
        schema_name="public", table="people", column="c", pii_type="city",
        confidence=0.6, technique="name", explanation="x",
    )  # fmt: skip
    reject = PiiReview(schema_name="public", table="people", column="c", data_type="text", action="reject")
    assert apply_reviews([found], [reject], _snapshot("text")).findings == []
    confirm = PiiReview(
        schema_name="public",
        table="people",
        column="c",
        data_type="text",
        action="confirm",
        pii_type="username",
    )
    (finding,) = apply_reviews([], [confirm], _snapshot("text")).findings
    assert finding.pii_type == "username" and finding.technique == "review"
