"""Masking rule sets: parse the short, full and list forms, validate against a schema, and carry
rules on key columns to every foreign key that references them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tdm_agents.masking.transformers.base import Transformer
from tdm_agents.masking.transformers.registry import (
    UnknownTransformerError,
    get_transformer,
    list_transformers,
)
from tdm_metadata_store.snapshot import SchemaSnapshot, TableInfo


class RuleValidationError(ValueError):
    """Rules that cannot run, each problem as {field, message} (the API answers 422)."""

    def __init__(self, problems: list[dict[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p['field']}: {p['message']}" for p in problems))


class RuleEntry(BaseModel):
    """One rule as written by a user: which column, which rule type, which options."""

    model_config = ConfigDict(extra="forbid")
    table: str = Field(min_length=1, max_length=200)
    column: str = Field(min_length=1, max_length=200)
    type: str = Field(min_length=1, max_length=100)
    options: dict[str, Any] = Field(default_factory=dict)

    @property
    def target(self) -> str:
        return f"{self.table}.{self.column}"


class ResolvedRule(BaseModel):
    """A validated rule bound to a real column, with options filled in; what the engine runs."""

    model_config = ConfigDict(frozen=True)
    table: str = Field(description="Table key as in datasets ('orders', 'sales.orders')")
    column: str
    type: str
    options: dict[str, Any] = Field(description="Validated options including defaults")
    category: str = Field(description="The column's schema type category")
    nullable: bool = True
    unique: bool = Field(False, description="The column alone is a primary or unique key")
    source: Literal["explicit", "foreign_key"] = "explicit"
    derived_from: str | None = Field(None, description="For propagated rules: the referenced table.column")

    @property
    def target(self) -> str:
        return f"{self.table}.{self.column}"

    def transformer(self) -> Transformer:
        """The rule type's implementation."""
        return get_transformer(self.type)

    def parsed_options(self) -> BaseModel:
        """Options as the transformer's model."""
        return self.transformer().parse_options(self.options)


def _entry(raw: Any, label: str, problems: list[dict[str, str]], **target: str) -> RuleEntry | None:
    if isinstance(raw, RuleEntry):
        return raw
    if isinstance(raw, str):
        raw = {"type": raw}
    if not isinstance(raw, dict):
        problems.append({"field": label, "message": "a rule is a type name or {type, options}"})
        return None
    try:
        return RuleEntry.model_validate({**raw, **target} if target else raw)
    except ValidationError as exc:
        problems.extend(_problems_from_validation(label, exc, under=""))
        return None


def _raw_entries(raw: Any, problems: list[dict[str, str]]) -> list[RuleEntry | None]:
    if isinstance(raw, dict) and set(raw) == {"rules"} and isinstance(raw["rules"], list):
        raw = raw["rules"]
    if isinstance(raw, list):
        return [_entry(item, f"rules[{i}]", problems) for i, item in enumerate(raw)]
    if not isinstance(raw, dict):
        raise RuleValidationError([{"field": "rules", "message": "rules must be an object or a list"}])
    entries: list[RuleEntry | None] = []
    for target, spec in raw.items():
        table, dot, column = str(target).rpartition(".")
        if not dot or not table or not column:
            problems.append({"field": str(target)[:200], "message": "rule keys look like 'table.column'"})
            continue
        if isinstance(spec, dict) and ({"table", "column"} & set(spec)):
            problems.append(
                {
                    "field": str(target)[:200],
                    "message": "the key names the column: give only type and options",
                }
            )
            continue
        entries.append(_entry(spec, str(target)[:200], problems, table=table, column=column))
    return entries


def check_rule_entry(entry: RuleEntry) -> list[dict[str, str]]:
    """Problems of one rule on its own: an unknown type, or options its type's model refuses."""
    try:
        transformer = get_transformer(entry.type)
    except UnknownTransformerError:
        allowed = ", ".join(info.name for info in list_transformers())
        return [
            {"field": entry.target, "message": f"unknown rule type {entry.type[:100]!r}; allowed: {allowed}"}
        ]
    try:
        transformer.parse_options(entry.options)
    except ValidationError as exc:
        return _problems_from_validation(entry.target, exc)
    return []


def checked_entries(raw: Any) -> tuple[list[RuleEntry], list[dict[str, str]]]:
    """(the rules that are valid on their own, every problem found): all problems at once."""
    problems: list[dict[str, str]] = []
    entries = []
    for entry in _raw_entries(raw, problems):
        own = check_rule_entry(entry) if entry is not None else []
        problems.extend(own)
        if entry is not None and not own:
            entries.append(entry)
    return entries, problems


def parse_rule_set(raw: Any) -> list[RuleEntry]:
    """Accept `{"t.c": "mask.x"}`, `{"t.c": {"type", "options"}}`, a list of entries, or `{"rules": [...]}`.

    Every rule is checked on its own (known type, options its model accepts): a rule set that
    parses is runnable on any schema that has its columns. Raises RuleValidationError listing all problems.
    """
    entries, problems = checked_entries(raw)
    if problems:
        raise RuleValidationError(problems)
    return entries


def _unique_columns(table: TableInfo) -> set[str]:
    keys = [table.primary_key, table.virtual_primary_key or []]
    keys += [uc.columns for uc in table.unique_constraints]
    keys += [ix.columns for ix in table.indexes if ix.unique and not ix.partial]
    return {cols[0] for cols in keys if len(cols) == 1}


def _problems_from_validation(
    field: str, error: ValidationError, under: str = "options"
) -> list[dict[str, str]]:
    out = []
    for item in error.errors():
        location = ".".join(str(part) for part in (under, *item["loc"]) if part != "")
        out.append({"field": f"{field}{'.' + location if location else ''}", "message": item["msg"]})
    return out


def _resolve_entry(
    entry: RuleEntry, snapshot: SchemaSnapshot, problems: list[dict[str, str]]
) -> ResolvedRule | None:
    table = snapshot.table(entry.table)
    if table is None:
        problems.append({"field": entry.target, "message": f"unknown table {entry.table!r}"})
        return None
    column = table.column(entry.column)
    if column is None:
        problems.append({"field": entry.target, "message": f"unknown column {entry.column!r} in {table.key}"})
        return None
    try:
        transformer = get_transformer(entry.type)
        options = transformer.parse_options(entry.options)
    except UnknownTransformerError:
        problems.append({"field": entry.target, "message": f"unknown rule type {entry.type!r}"})
        return None
    except ValidationError as exc:
        problems.extend(_problems_from_validation(entry.target, exc))
        return None
    problem = transformer.column_problem(options, column.type_category, column.nullable)
    for other in transformer.entity_columns(options):
        if table.column(other) is None:
            problem = problem or f"entity column {other!r} is not a column of {table.key}"
    if problem:
        problems.append({"field": entry.target, "message": problem})
        return None
    unique = column.name in _unique_columns(table)
    options = transformer.resolve_options(options, unique)
    return ResolvedRule(
        table=table.key, column=column.name, type=transformer.name, options=options.model_dump(mode="json"),
        category=column.type_category, nullable=column.nullable, unique=unique,
    )  # fmt: skip


def validate_rules(rules: Any, snapshot: SchemaSnapshot) -> list[ResolvedRule]:
    """Validate a rule set against a schema and add the foreign-key rules; raises RuleValidationError."""
    entries, problems = checked_entries(rules)
    resolved: dict[tuple[str, str], ResolvedRule] = {}
    for entry in entries:
        rule = _resolve_entry(entry, snapshot, problems)
        if rule is None:
            continue
        if (rule.table, rule.column) in resolved:
            problems.append({"field": rule.target, "message": "more than one rule for this column"})
            continue
        resolved[(rule.table, rule.column)] = rule
    if problems:
        raise RuleValidationError(problems)
    from tdm_agents.masking.propagation import propagate_to_foreign_keys

    return propagate_to_foreign_keys(list(resolved.values()), snapshot)
