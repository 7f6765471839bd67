"""Suggested rules fit the column's declared length: a digest never outgrows a varchar(n)."""

from __future__ import annotations

import pytest

from tdm_agents.masking import get_transformer
from tdm_agents.masking.output_length import length_problem
from tdm_agents.pii_detection.fitted_rules import suggest_rules
from tdm_agents.pii_detection.models import PiiFinding
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo


def _column(name: str, data_type: str, max_length: int | None, nullable: bool = True) -> ColumnInfo:
    return ColumnInfo(
        name=name, data_type=data_type, type_category="string", max_length=max_length, nullable=nullable
    )


def _suggested(column: ColumnInfo, pii_type: str = "national_id") -> tuple[dict, str | None]:
    snapshot = SchemaSnapshot(tables=[TableInfo(schema_name="public", name="people", columns=[column])])
    finding = PiiFinding(
        schema_name="public", table="people", column=column.name, pii_type=pii_type,
        confidence=0.9, technique="regex", explanation="x",
    )  # fmt: skip
    out = suggest_rules([finding], snapshot)
    return out.rules[f"people.{column.name}"], out.adjusted.get(f"people.{column.name}")


def _fits(rule: dict, column: ColumnInfo) -> bool:
    transformer = get_transformer(rule["type"])
    return length_problem(rule["type"], transformer.parse_options(rule.get("options")), column) is None


@pytest.mark.parametrize("limit", [8, 16, 40, 63])
def test_a_hash_is_cut_to_the_length_of_a_short_varchar(limit):
    column = _column("tax_id", f"character varying({limit})", limit)
    rule, note = _suggested(column)
    assert rule == {"type": "mask.hash", "options": {"output": "truncated", "length": limit}}
    assert _fits(rule, column)
    assert note and "64 characters" in note and f"at most {limit}" in note


@pytest.mark.parametrize(("data_type", "limit"), [("text", None), ("character varying(64)", 64)])
def test_a_hash_that_fits_is_left_as_it_is(data_type, limit):
    rule, note = _suggested(_column("tax_id", data_type, limit))
    assert rule == {"type": "mask.hash"} and note is None


def test_a_column_too_short_for_any_digest_keeps_its_length_masked():
    column = _column("tax_id", "character(5)", 5, nullable=False)
    rule, note = _suggested(column)
    assert rule == {"type": "mask.redact", "options": {"mode": "keep_length"}}
    assert _fits(rule, column) and note


def test_every_suggestion_fits_every_length():
    for pii_type in ("national_id", "username", "password_hash", "mac_address", "free_text_pii"):
        for limit in (4, 8, 12, 20, 36, 40, 64, 255):
            column = _column("c", f"character varying({limit})", limit, nullable=False)
            rule, _ = _suggested(column, pii_type)
            assert _fits(rule, column), (pii_type, limit, rule)
