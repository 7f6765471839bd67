"""Masking rule sets: parse the short, full and list forms, validate against a schema, and carry
rules on key columns to every foreign key that references them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tdm_agents.masking.transformers.base import Transformer
from tdm_agents.masking.transformers.registry import UnknownTransformerError, get_transformer
from tdm_metadata_store.snapshot import SchemaSnapshot, TableInfo


class RuleValidationError(ValueError):
    """Rules that cannot run, each problem as {field, message} (the API answers 422)."""

    def __init__(self, problems: list[dict[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p['field']}: {p['message']}" for p in problems))


class RuleEntry(BaseModel):
    """One rule as written by a user: which column, which rule type, which options."""

    model_config = ConfigDict(extra="forbid")
    table: str = Field(min_length=1)
    column: str = Field(min_length=1)
    type: str = Field(min_length=1)
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


def parse_rule_set(raw: Any) -> list[RuleEntry]:
    """Accept `{"t.c": "mask.x"}`, `{"t.c": {"type", "options"}}`, a list of entries, or `{"rules": [...]}`."""
    if isinstance(raw, dict) and isinstance(raw.get("rules"), list):
        raw = raw["rules"]
    if isinstance(raw, list):
        return [entry if isinstance(entry, RuleEntry) else RuleEntry.model_validate(entry) for entry in raw]
    if not isinstance(raw, dict):
        raise RuleValidationError([{"field": "rules", "message": "rules must be an object or a list"}])
    entries = []
    for target, spec in raw.items():
        table, dot, column = str(target).rpartition(".")
        if not dot or not table or not column:
            raise RuleValidationError(
                [{"field": str(target), "message": "rule keys look like 'table.column'"}]
            )
        if isinstance(spec, str):
            spec = {"type": spec}
        if not isinstance(spec, dict):
            raise RuleValidationError(
                [{"field": str(target), "message": "a rule is a type name or {type, options}"}]
            )
        entries.append(RuleEntry(table=table, column=column, **spec))
    return entries


def _unique_columns(table: TableInfo) -> set[str]:
    keys = [table.primary_key, table.virtual_primary_key or []]
    keys += [uc.columns for uc in table.unique_constraints]
    keys += [ix.columns for ix in table.indexes if ix.unique and not ix.partial]
    return {cols[0] for cols in keys if len(cols) == 1}


def _problems_from_validation(field: str, error: ValidationError) -> list[dict[str, str]]:
    out = []
    for item in error.errors():
        location = ".".join(str(part) for part in item["loc"])
        out.append({"field": f"{field}.options{'.' + location if location else ''}", "message": item["msg"]})
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
    try:
        entries = parse_rule_set(rules)
    except ValidationError as exc:
        raise RuleValidationError(
            [{"field": "rules." + ".".join(map(str, e["loc"])), "message": e["msg"]} for e in exc.errors()]
        ) from None
    problems: list[dict[str, str]] = []
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
