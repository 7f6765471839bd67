"""Carry rules on referenced key columns to the foreign-key columns that point at them.

A masked primary key must be masked the same way wherever it is referenced, or joins break and
rows become orphans. This follows relationships transitively (a child key that is itself
referenced passes the rule on) and refuses rule sets that would orphan rows.
"""

from __future__ import annotations

from collections import deque

from tdm_agents.masking.rules import ResolvedRule, RuleValidationError
from tdm_agents.schema_discovery.partition_keys import fold_partition_keys
from tdm_metadata_store.snapshot import RelationshipInfo, SchemaSnapshot


def _same_rule(a: ResolvedRule, b: ResolvedRule) -> bool:
    return a.type == b.type and a.options == b.options


def _references(snapshot: SchemaSnapshot) -> dict[tuple[str, str], list[tuple[str, str, RelationshipInfo]]]:
    """(parent table, parent column) -> [(child table, child column, relationship)]."""
    out: dict[tuple[str, str], list[tuple[str, str, RelationshipInfo]]] = {}
    # Keys declared on partitions are keys of the partitioned table, the one the dataset holds.
    for rel in fold_partition_keys(snapshot, snapshot.relationships):
        for parent_col, child_col in zip(rel.parent_columns, rel.child_columns, strict=False):
            out.setdefault((rel.parent_key, parent_col), []).append((rel.child_key, child_col, rel))
    return out


def _inherit(
    parent: ResolvedRule, child_table: str, child_column: str, snapshot: SchemaSnapshot
) -> ResolvedRule | str:
    table = snapshot.table(child_table)
    column = table.column(child_column) if table else None
    if table is None or column is None:
        return f"foreign key column {child_table}.{child_column} is not in the schema"
    transformer = parent.transformer()
    problem = transformer.column_problem(parent.parsed_options(), column.type_category, column.nullable)
    if problem:
        return f"rule inherited from {parent.target} cannot run here: {problem}"
    return ResolvedRule(
        table=table.key, column=column.name, type=parent.type, options=parent.options,
        category=column.type_category, nullable=column.nullable, unique=False,
        source="foreign_key", derived_from=parent.derived_from or parent.target,
    )  # fmt: skip


def propagate_to_foreign_keys(rules: list[ResolvedRule], snapshot: SchemaSnapshot) -> list[ResolvedRule]:
    """Rules plus one inherited rule per referencing FK column; raises RuleValidationError on conflicts."""
    by_column = {(r.table, r.column): r for r in rules}
    references = _references(snapshot)
    problems: list[dict[str, str]] = []
    queue = deque(rules)
    while queue:
        parent = queue.popleft()
        children = references.get((parent.table, parent.column), [])
        if not children:
            continue
        guarantees = parent.transformer().effective_guarantees(parent.parsed_options())
        if not (guarantees.deterministic and guarantees.unique_preserving):
            problems.append({
                "field": parent.target,
                "message": f"{parent.type} is referenced by foreign keys but does not map keys one-to-one",
            })  # fmt: skip
            continue
        for child_table, child_column, _rel in children:
            inherited = _inherit(parent, child_table, child_column, snapshot)
            if isinstance(inherited, str):
                problems.append({"field": f"{child_table}.{child_column}", "message": inherited})
                continue
            existing = by_column.get((inherited.table, inherited.column))
            if existing is None:
                by_column[(inherited.table, inherited.column)] = inherited
                queue.append(inherited)
            elif not _same_rule(existing, inherited) and existing.source == "explicit":
                problems.append({
                    "field": existing.target,
                    "message": f"conflicts with the rule inherited from {parent.target}; remove it or make them equal",
                })  # fmt: skip
    problems += _orphaning_rules(by_column, snapshot)
    if problems:
        raise RuleValidationError(problems)
    return list(by_column.values())


def _orphaning_rules(
    by_column: dict[tuple[str, str], ResolvedRule], snapshot: SchemaSnapshot
) -> list[dict[str, str]]:
    """An FK column masked while the column it references is not: every masked row would be an orphan."""
    problems = []
    for rel in fold_partition_keys(snapshot, snapshot.relationships):
        for parent_col, child_col in zip(rel.parent_columns, rel.child_columns, strict=False):
            child_rule = by_column.get((rel.child_key, child_col))
            if child_rule is None or child_rule.type == "mask.null":
                continue
            if (rel.parent_key, parent_col) not in by_column:
                problems.append({
                    "field": child_rule.target,
                    "message": f"masks a foreign key but the referenced column {rel.parent_key}.{parent_col} is not masked",
                })  # fmt: skip
    return problems
