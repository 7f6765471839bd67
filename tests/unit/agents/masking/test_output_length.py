"""Rules with a fixed output width are checked against the column's declared length."""

from __future__ import annotations

import pytest

from tdm_agents.masking import get_transformer
from tdm_agents.masking.output_length import length_problem, output_width
from tdm_metadata_store.snapshot import ColumnInfo


def _options(rule_type: str, options: dict | None = None):
    return get_transformer(rule_type).parse_options(options or {})


@pytest.mark.parametrize(
    ("rule_type", "options", "width"),
    [
        ("mask.hash", {}, 64),
        ("mask.hash", {"output": "base64"}, 40),
        ("mask.hash", {"output": "uuid"}, 36),
        ("mask.hash", {"output": "truncated", "length": 12}, 12),
        ("mask.tokenize", {"prefix": "tok_", "length": 24}, 28),
        ("mask.redact", {}, len("REDACTED")),
        ("mask.redact", {"mode": "keep_length"}, None),
        ("mask.constant", {"value": "n/a"}, 3),
        ("mask.fpe_digits", {}, None),
    ],
)
def test_output_widths(rule_type, options, width):
    assert output_width(rule_type, _options(rule_type, options)) == width


def test_a_digest_longer_than_the_column_is_named_with_its_limit():
    column = ColumnInfo(name="code", data_type="character varying(40)", type_category="string", max_length=40)
    problem = length_problem("mask.hash", _options("mask.hash"), column)
    assert problem == "mask.hash writes 64 characters but the column is character varying(40) (at most 40)"
    assert length_problem("mask.hash", _options("mask.hash", {"output": "base64"}), column) is None


def test_unlimited_and_non_text_columns_are_never_too_short():
    text = ColumnInfo(name="note", data_type="text", type_category="string")
    number = ColumnInfo(name="n", data_type="integer", type_category="integer", max_length=4)
    assert length_problem("mask.hash", _options("mask.hash"), text) is None
    assert length_problem("mask.constant", _options("mask.constant", {"value": 123456}), number) is None
