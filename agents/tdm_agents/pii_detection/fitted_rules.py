"""Suggested masking rules for a PII map, fitted to the columns' types and declared lengths so the
masking agent accepts them and provisioning can load their output.

The PII engine picks a rule per PII type (email -> mask.email_deterministic, ...). A column whose
type that rule cannot mask (a phone-like `inet`, a name held in an enum) gets the first fallback
that fits; a digest too long for a `varchar(n)` is shortened to `n` characters first. The
response says which columns were adjusted and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tdm_agents.masking import get_transformer
from tdm_agents.masking.output_length import length_problem
from tdm_agents.pii_detection.models import PiiFinding
from tdm_agents.pii_detection.suggested_rules import rule_for
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, table_key

# Hashing keeps joins working and accepts most text; text too short for a digest keeps its length
# redacted; uuid and network columns need outputs of their own type; NULL accepts every nullable column.
FALLBACK_RULES: tuple[dict[str, Any], ...] = (
    {"type": "mask.hash"},
    {"type": "mask.hash", "options": {"output": "uuid"}},
    {"type": "mask.redact", "options": {"mode": "keep_length"}},
    {"type": "mask.fake_ip"},
    {"type": "mask.null"},
)
# The shortest and longest digests mask.hash writes (output=truncated, `length`).
MIN_HASH_LENGTH = 8
MAX_HASH_LENGTH = 64


@dataclass
class SuggestedRules:
    """The rule set keyed `<table>.<column>`, and the columns whose rule had to be adjusted."""

    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    adjusted: dict[str, str] = field(default_factory=dict)


def column_problem(rule: dict[str, Any], column: ColumnInfo) -> str | None:
    """Why the masking agent would refuse this rule on this column, or None when it fits."""
    transformer = get_transformer(rule["type"])
    options = transformer.parse_options(rule.get("options"))
    return transformer.column_problem(options, column.type_category, column.nullable) or length_problem(
        rule["type"], options, column
    )


def _shortened(rule: dict[str, Any], column: ColumnInfo) -> list[dict[str, Any]]:
    """The same digest cut to the column's length, when that is still long enough to stay unique."""
    limit = column.max_length
    if rule["type"] != "mask.hash" or limit is None or limit < MIN_HASH_LENGTH:
        return []
    return [{"type": "mask.hash", "options": {"output": "truncated", "length": min(limit, MAX_HASH_LENGTH)}}]


def _fitted(rule: dict[str, Any], column: ColumnInfo) -> tuple[dict[str, Any], str | None]:
    problem = column_problem(rule, column)
    if problem is None:
        return rule, None
    for fallback in (*_shortened(rule, column), *FALLBACK_RULES):
        if column_problem(fallback, column) is None:
            return dict(fallback), f"{problem}; {_describe(fallback)} suggested instead"
    return rule, problem


def _describe(rule: dict[str, Any]) -> str:
    options = ", ".join(f"{k}={v}" for k, v in (rule.get("options") or {}).items())
    return f"{rule['type']} ({options})" if options else str(rule["type"])


def suggest_rules(findings: Iterable[PiiFinding], snapshot: SchemaSnapshot) -> SuggestedRules:
    """One rule per finding whose column is in the snapshot, in a stable order."""
    out = SuggestedRules()
    for finding in findings:
        table = snapshot.table(table_key(finding.schema_name, finding.table))
        column = table.column(finding.column) if table is not None else None
        if column is None:
            continue
        target = f"{table_key(finding.schema_name, finding.table)}.{finding.column}"
        out.rules[target], note = _fitted(rule_for(finding), column)
        if note:
            out.adjusted[target] = note
    out.rules = dict(sorted(out.rules.items()))
    return out
