"""Whether a rule's output fits the declared length of its column (`varchar(n)`, `char(n)`).

Masking writes Parquet, which has no length limit, so a 64-character digest in a `varchar(40)`
column masks fine and fails only when provisioning loads it into the target. Rules whose output
width is fixed whatever the input (digests, tokens, fixed markers, constants) are checked here,
before any job; rules that keep the input's length or shape cannot overflow.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from tdm_agents.masking.rules import ResolvedRule
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot

_HASH_WIDTHS = {"hex": 64, "base64": 40, "uuid": 36}


def _hash_width(options: BaseModel) -> int | None:
    output = getattr(options, "output", "hex")
    return int(getattr(options, "length", 64)) if output == "truncated" else _HASH_WIDTHS.get(output)


def _token_width(options: BaseModel) -> int:
    return len(getattr(options, "prefix", "")) + int(getattr(options, "length", 0))


def _redact_width(options: BaseModel) -> int | None:
    return len(getattr(options, "text", "")) if getattr(options, "mode", "fixed") == "fixed" else None


def _constant_width(options: BaseModel) -> int | None:
    value = getattr(options, "value", None)
    return len(value) if isinstance(value, str) else None


_FIXED_WIDTH: dict[str, Callable[[BaseModel], int | None]] = {
    "mask.hash": _hash_width,
    "mask.tokenize": _token_width,
    "mask.redact": _redact_width,
    "mask.constant": _constant_width,
}


def output_width(rule_type: str, options: BaseModel) -> int | None:
    """Characters every output of the rule has at most, when that does not depend on the input."""
    width = _FIXED_WIDTH.get(rule_type)
    return width(options) if width else None


def length_problem(rule_type: str, options: BaseModel, column: ColumnInfo) -> str | None:
    """Why the rule's output cannot fit the column's declared length, or None when it fits."""
    limit = column.max_length if column.type_category == "string" else None
    width = output_width(rule_type, options)
    if limit is None or width is None or width <= limit:
        return None
    return f"{rule_type} writes {width} characters but the column is {column.data_type} (at most {limit})"


def length_problems(rules: list[ResolvedRule], snapshot: SchemaSnapshot) -> list[dict[str, str]]:
    """One `{field, message}` per rule (propagated ones included) whose output overflows its column."""
    problems = []
    for rule in rules:
        table = snapshot.table(rule.table)
        column = table.column(rule.column) if table is not None else None
        problem = length_problem(rule.type, rule.parsed_options(), column) if column is not None else None
        if problem:
            problems.append({"field": rule.target, "message": problem})
    return problems
