"""Check a subset request against a schema snapshot and resolve it into what the engine runs.

Every problem is collected and reported at once (`SubsetValidationError.problems`), so the API can
answer 422 naming each field before any job starts. Identifiers are resolved against the snapshot;
values are type-checked and kept apart from the SQL (they are bound parameters later).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from psycopg import sql

from tdm_agents.subsetting.coercion import cast_type, coerce_value, op_problem
from tdm_agents.subsetting.errors import SubsetValidationError
from tdm_agents.subsetting.fk_graph import FkGraph
from tdm_agents.subsetting.request import FilterCondition, RelationshipOverride, SubsetRequest, TableMode
from tdm_metadata_store.snapshot import SchemaSnapshot, TableInfo

_SCALAR_OPS = {"=", "!=", "<", "<=", ">", ">=", "like", "ilike"}
_LIST_OPS = {"in", "not_in"}


@dataclass(frozen=True)
class ResolvedCondition:
    """A checked condition: values are canonical text, bound as parameters and cast to `cast`."""

    column: str
    op: str
    values: tuple[str, ...]
    cast: sql.Composable


@dataclass
class ResolvedRequest:
    """A request resolved against one snapshot: what the planner and the extractor execute."""

    snapshot: SchemaSnapshot
    graph: FkGraph
    targets: list[str]
    conditions: dict[str, list[ResolvedCondition]]
    caps: dict[str, int]
    sampling_pct: float | None
    seed: int
    modes: dict[str, TableMode]
    followed_children: frozenset[int]
    cut_relationships: frozenset[int]
    max_depth: int | None
    include_children_of_parents: int = 0
    downstream_depths: dict[str, int] = field(default_factory=dict)
    upstream_tables: set[str] = field(default_factory=set)
    completion_depths: dict[str, int] = field(default_factory=dict)

    def table(self, key: str) -> TableInfo:
        """The snapshot's description of a table known to be in the graph."""
        info = self.snapshot.table(key)
        if info is None:
            raise KeyError(key)
        return info

    def output_tables(self) -> list[str]:
        """Every table written to the dataset (all but skipped ones), in load order."""
        return [t for comp in self.graph.condensation_order() for t in comp if self.modes[t] != "skip"]

    def summary(self) -> dict[str, Any]:
        """The parameters as JSON-able data, for dataset metadata (no filter values: they may be PII)."""
        return {
            "targets": self.targets,
            "filtered_tables": sorted(self.conditions),
            "caps": self.caps,
            "sampling_pct": self.sampling_pct,
            "seed": self.seed,
            "modes": {t: m for t, m in self.modes.items() if m != "subset"},
            "max_depth": self.max_depth,
            "include_children_of_parents": self.include_children_of_parents,
            "cut_relationships": len(self.cut_relationships),
        }


class _Problems:
    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, field_path: str, message: str) -> None:
        self.items.append({"field": field_path, "message": message})


def validate_request(req: SubsetRequest, snapshot: SchemaSnapshot) -> ResolvedRequest:
    """Resolve `req` against `snapshot`, or raise SubsetValidationError listing every problem."""
    problems = _Problems()
    graph = FkGraph.from_snapshot(snapshot)
    known = set(graph.tables)

    def resolve(ref: str, field_path: str) -> str | None:
        info = snapshot.table(ref)
        if info is not None and info.partition_of is not None:
            root = snapshot.partition_root(info).key
            problems.add(
                field_path, f"is a partition of {root}: partitions are subset through it; name {root}"
            )
            return None
        if info is None or info.key not in known:
            problems.add(field_path, "unknown table")
            return None
        return info.key

    modes: dict[str, TableMode] = dict.fromkeys(graph.tables, "subset")
    for ref, mode in req.mode.items():
        if key := resolve(ref, f"mode.{ref}"):
            modes[key] = mode
    targets = _resolve_targets(req, resolve, modes, problems)
    conditions = _resolve_filters(req, snapshot, resolve, problems)
    _resolve_date_range(req, snapshot, resolve, problems, conditions)
    if req.sampling_pct is not None and not 0 <= req.sampling_pct <= 100:
        problems.add("sampling_pct", "must be between 0 and 100")
    caps = _resolve_caps(req, graph, resolve, problems)
    followed = _resolve_overrides(req.relationship_overrides, graph, snapshot, problems)
    cut = _cut_relationships(req, snapshot, graph)
    resolved = ResolvedRequest(
        snapshot=snapshot,
        graph=graph,
        targets=targets,
        conditions=conditions,
        caps=caps,
        sampling_pct=req.sampling_pct,
        seed=req.seed,
        modes=modes,
        followed_children=followed,
        cut_relationships=cut,
        max_depth=req.max_depth,
        include_children_of_parents=req.include_children_of_parents,
    )
    resolved.downstream_depths = downstream_depths(resolved)
    resolved.upstream_tables = _check_upstream(resolved, snapshot, problems)
    resolved.completion_depths = completion_depths(resolved)
    resolved.upstream_tables |= _parents_of_completion(resolved, problems)
    _check_paths(req, resolved, resolve, problems)
    if problems.items:
        raise SubsetValidationError(problems.items)
    return resolved


def _resolve_targets(req: SubsetRequest, resolve, modes, problems: _Problems) -> list[str]:
    targets: list[str] = []
    if not req.targets:
        problems.add("root_table", "at least one target table is required")
    for i, ref in enumerate(req.targets):
        key = resolve(ref, f"root_table[{i}]" if isinstance(req.root_table, list) else "root_table")
        if key is None or key in targets:
            continue
        if modes[key] != "subset":
            problems.add(f"mode.{ref}", f"a target table cannot have mode '{modes[key]}'")
        targets.append(key)
    return targets


def _resolve_filters(req: SubsetRequest, snapshot: SchemaSnapshot, resolve, problems: _Problems):
    conditions: dict[str, list[ResolvedCondition]] = {}
    for ref, items in req.filters.items():
        key = resolve(ref, f"filters.{ref}")
        if key is None:
            continue
        table = snapshot.table(key)
        for i, cond in enumerate(items):
            resolved = _resolve_condition(table, cond, f"filters.{ref}[{i}]", problems)
            if resolved is not None:
                conditions.setdefault(key, []).append(resolved)
    return conditions


def _resolve_condition(table, cond: FilterCondition, path: str, problems: _Problems):
    column = table.column(cond.column)
    if column is None:
        problems.add(f"{path}.column", "unknown column")
        return None
    if reason := op_problem(column, cond.op):
        problems.add(f"{path}.op", reason)
        return None
    raw = _raw_values(cond, path, problems)
    if raw is None:
        return None
    try:
        values = tuple(coerce_value(column, v) for v in raw)
    except ValueError as exc:
        problems.add(f"{path}.value", f"column '{column.name}' {exc}")
        return None
    return ResolvedCondition(column=column.name, op=cond.op, values=values, cast=cast_type(column))


def _raw_values(cond: FilterCondition, path: str, problems: _Problems) -> list[Any] | None:
    value = cond.value
    if cond.op in _SCALAR_OPS:
        if isinstance(value, list | tuple | dict):
            problems.add(f"{path}.value", f"operator '{cond.op}' takes a single value")
            return None
        return [value]
    if cond.op in _LIST_OPS:
        if not isinstance(value, list | tuple) or not value:
            problems.add(f"{path}.value", f"operator '{cond.op}' needs a non-empty list")
            return None
        return list(value)
    if cond.op == "between":
        if not isinstance(value, list | tuple) or len(value) != 2:
            problems.add(f"{path}.value", "operator 'between' needs [low, high]")
            return None
        return list(value)
    if value is not None:
        problems.add(f"{path}.value", f"operator '{cond.op}' takes no value")
        return None
    return []


def _resolve_date_range(req, snapshot, resolve, problems: _Problems, conditions) -> None:
    rng = req.date_range
    if rng is None:
        return
    key = resolve(rng.table, "date_range.table")
    if key is None:
        return
    column = snapshot.table(key).column(rng.column)
    if column is None:
        problems.add("date_range.column", "unknown column")
        return
    if column.type_category not in ("date", "timestamp"):
        problems.add("date_range.column", "must be a date or timestamp column")
        return
    if rng.start is None and rng.end is None:
        problems.add("date_range", "give a start, an end or both")
    for op, bound, name in ((">=", rng.start, "start"), ("<=", rng.end, "end")):
        if bound is None:
            continue
        try:
            text = coerce_value(column, bound)
        except ValueError as exc:
            problems.add(f"date_range.{name}", f"column '{column.name}' {exc}")
            continue
        cond = ResolvedCondition(column=column.name, op=op, values=(text,), cast=cast_type(column))
        conditions.setdefault(key, []).append(cond)


def _resolve_caps(req: SubsetRequest, graph: FkGraph, resolve, problems: _Problems) -> dict[str, int]:
    limit = req.max_rows_per_table
    if limit is None:
        return {}
    if isinstance(limit, int):
        if limit < 0:
            problems.add("max_rows_per_table", "must not be negative")
        return dict.fromkeys(graph.tables, limit)
    caps: dict[str, int] = {}
    for ref, value in limit.items():
        key = resolve(ref, f"max_rows_per_table.{ref}")
        if value < 0:
            problems.add(f"max_rows_per_table.{ref}", "must not be negative")
        if key is not None:
            caps[key] = value
    return caps


def _resolve_overrides(overrides: list[RelationshipOverride], graph, snapshot, problems) -> frozenset[int]:
    followed = set(range(len(graph.relationships)))
    for i, override in enumerate(overrides):
        matches = [j for j, rel in enumerate(graph.relationships) if _matches(override, rel, snapshot)]
        if not matches:
            problems.add(f"relationship_overrides[{i}]", "matches no relationship")
        for j in matches:
            (followed.add if override.follow_children else followed.discard)(j)
    return frozenset(followed)


def _matches(override: RelationshipOverride, rel, snapshot: SchemaSnapshot) -> bool:
    def same_table(ref: str | None, key: str) -> bool:
        info = snapshot.table(ref) if ref else None
        return ref is None or (info is not None and info.key == key)

    return (
        (override.name is None or override.name in (rel.name, *rel.partition_constraints.values()))
        and same_table(override.child_table, rel.child_key)
        and same_table(override.parent_table, rel.parent_key)
        and (override.child_columns is None or override.child_columns == rel.child_columns)
    )


def _cut_relationships(req: SubsetRequest, snapshot: SchemaSnapshot, graph: FkGraph) -> frozenset[int]:
    if not req.cut_nullable_fks:
        return frozenset()
    cut = set()
    for i, rel in enumerate(graph.relationships):
        child = snapshot.table(rel.child_key)
        if child is not None and all(
            (c := child.column(name)) is not None and c.nullable for name in rel.child_columns
        ):
            cut.add(i)
    return frozenset(cut)


def downstream_depths(resolved: ResolvedRequest) -> dict[str, int]:
    """Tables reached from the targets by following children, with their smallest hop count."""
    depths = dict.fromkeys(resolved.targets, 0)
    queue = deque(resolved.targets)
    while queue:
        table = queue.popleft()
        if resolved.max_depth is not None and depths[table] >= resolved.max_depth:
            continue
        for i in resolved.graph.relationships_to_children(table):
            child = resolved.graph.relationships[i].child_key
            if i in resolved.followed_children and resolved.modes[child] == "subset" and child not in depths:
                depths[child] = depths[table] + 1
                queue.append(child)
    return depths


def _check_upstream(resolved: ResolvedRequest, snapshot, problems: _Problems) -> set[str]:
    """Parents reached from every included table; an uncut reference to a skipped table is an error."""
    full = [t for t, m in resolved.modes.items() if m == "full"]
    seen = set(resolved.downstream_depths) | set(full)
    queue = deque(sorted(seen))
    while queue:
        table = queue.popleft()
        for i in resolved.graph.relationships_to_parents(table):
            rel = resolved.graph.relationships[i]
            if i in resolved.cut_relationships:
                continue
            if resolved.modes[rel.parent_key] == "skip":
                problems.add(
                    f"mode.{rel.parent_key}",
                    f"'{table}' references this skipped table through {rel.child_columns}; skip is "
                    "allowed only for nullable foreign keys with cut_nullable_fks",
                )
            elif rel.parent_key not in seen:
                seen.add(rel.parent_key)
                queue.append(rel.parent_key)
    return seen - set(resolved.downstream_depths)


def completion_depths(resolved: ResolvedRequest) -> dict[str, int]:
    """Tables reached from the upstream tables by following children, up to the completeness depth.

    Only parents pulled in by the subset's own upstream phase bring children; parents pulled in
    later, to keep those children intact, do not (or the subset would grow without end).
    """
    limit = resolved.include_children_of_parents
    depths: dict[str, int] = {}
    queue = deque((t, 0) for t in sorted(resolved.upstream_tables) if resolved.modes[t] == "subset")
    while queue:
        table, depth = queue.popleft()
        if depth >= limit:
            continue
        for i in resolved.graph.relationships_to_children(table):
            child = resolved.graph.relationships[i].child_key
            if i in resolved.followed_children and resolved.modes[child] == "subset" and child not in depths:
                depths[child] = depth + 1
                queue.append((child, depth + 1))
    return depths


def _parents_of_completion(resolved: ResolvedRequest, problems: _Problems) -> set[str]:
    """Parents of the completion's children, transitively (a skipped one is an error, as upstream)."""
    known = set(resolved.downstream_depths) | resolved.upstream_tables
    queue = deque(sorted(resolved.completion_depths))
    seen = set(queue)
    found: set[str] = set()
    while queue:
        table = queue.popleft()
        for i in resolved.graph.relationships_to_parents(table):
            rel = resolved.graph.relationships[i]
            if i in resolved.cut_relationships or rel.parent_key in known | found:
                continue
            if resolved.modes[rel.parent_key] == "skip":
                problems.add(
                    f"mode.{rel.parent_key}",
                    f"'{table}' (a child pulled in by include_children_of_parents) references this "
                    "skipped table; skip is allowed only for nullable foreign keys with cut_nullable_fks",
                )
                continue
            found.add(rel.parent_key)
            if rel.parent_key not in seen:
                seen.add(rel.parent_key)
                queue.append(rel.parent_key)
    return found


def _check_paths(req: SubsetRequest, resolved: ResolvedRequest, resolve, problems: _Problems) -> None:
    """Filters, date ranges and per-table caps act on target or child rows: they need a path."""
    requested = [(ref, f"filters.{ref}") for ref in req.filters]
    if req.date_range is not None:
        requested.append((req.date_range.table, "date_range.table"))
    if isinstance(req.max_rows_per_table, dict):
        requested += [(ref, f"max_rows_per_table.{ref}") for ref in req.max_rows_per_table]
    for ref, field_path in requested:
        info = resolved.snapshot.table(ref)
        if info is None or info.key not in resolved.modes:
            continue
        if info.key not in resolved.downstream_depths:
            problems.add(field_path, "no path from the target tables to this table (following children)")
