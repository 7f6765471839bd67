"""Table order, row counts and which parent each child row belongs to.

Children per parent are drawn from the relationship's distribution (Poisson, lognormal or
uniform around its mean), bounded by its min/max, and adjusted so they add up to exactly the
requested child row count. Each child row's parent index then follows from the cumulative
counts, so a batch of children can be assigned without materializing the whole table.
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

import numpy as np

from tdm_agents.synthetic.errors import SyntheticRequestError
from tdm_agents.synthetic.naming import entity_name
from tdm_agents.synthetic.schema_model import NormalizedSchema, Relationship

DEFAULT_CHILDREN_PER_PARENT = 3.0


def generation_order(schema: NormalizedSchema) -> list[str]:
    """Entities parents first; cycles through nullable references are broken, others refused."""
    graph: dict[str, set[str]] = {e.name: set() for e in schema.entities}
    for rel in schema.relationships:
        if not rel.is_self_reference and rel not in deferred_relationships(schema):
            graph[rel.child_entity].add(rel.parent_entity)
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise SyntheticRequestError(
            f"entities reference each other in a cycle with no nullable reference: {exc.args[1]}"
        ) from exc


def deferred_relationships(schema: NormalizedSchema) -> list[Relationship]:
    """References left null to break a cycle: a nullable FK whose parent also depends on the child."""
    deferred = []
    for rel in schema.relationships:
        if rel.is_self_reference or not _nullable(schema, rel):
            continue
        if _reaches(schema, rel.parent_entity, rel.child_entity, skip=rel):
            deferred.append(rel)
    return deferred


def _nullable(schema: NormalizedSchema, rel: Relationship) -> bool:
    entity = schema.entity(rel.child_entity)
    attrs = [entity.attribute(a) if entity else None for a in rel.child_attributes]
    return all(a is not None and a.nullable for a in attrs)


def _reaches(schema: NormalizedSchema, start: str, goal: str, skip: Relationship) -> bool:
    seen, stack = set(), [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        seen.add(node)
        stack += [
            r.parent_entity for r in schema.parents_of(node) if r is not skip and r.parent_entity not in seen
        ]
    return False


def primary_parent(schema: NormalizedSchema, entity: str) -> Relationship | None:
    """The relationship that decides how a table's rows are spread over parents (the first non-self one)."""
    deferred = deferred_relationships(schema)
    return next((r for r in schema.parents_of(entity) if not r.is_self_reference and r not in deferred), None)


def canonical_row_counts(schema: NormalizedSchema, requested: dict[str, int]) -> dict[str, int]:
    """`requested` keyed by the schema's own entity names.

    Callers spell entities as their source does (`Pet`, `OrderItems` for `pet`, `order_item`): a
    key matches exactly, else the one entity equal to it ignoring case, else the one with the same
    canonical form. Unknown, ambiguous or duplicate names are refused, naming the entities known.
    """
    names = [e.name for e in schema.entities]
    counts: dict[str, int] = {}
    unknown: list[str] = []
    for key, count in requested.items():
        name = _entity_for(names, key)
        if name is None:
            unknown.append(key)
        elif name in counts:
            raise SyntheticRequestError(f"row counts name entity {name} more than once")
        else:
            counts[name] = count
    if unknown:
        raise SyntheticRequestError(
            f"row counts name unknown entities: {', '.join(k[:50] for k in sorted(unknown)[:10])} "
            f"(known: {', '.join(sorted(names)[:50])})"
        )
    return counts


def _entity_for(names: list[str], key: str) -> str | None:
    if key in names:
        return key
    for same in (lambda n: n.casefold() == key.casefold(), lambda n: entity_name(n) == entity_name(key)):
        found = [n for n in names if same(n)]
        if len(found) > 1:
            raise SyntheticRequestError(
                f"row counts name {key[:50]!r} matches several entities: {', '.join(sorted(found))}"
            )
        if found:
            return found[0]
    return None


def plan_row_counts(
    schema: NormalizedSchema, requested: dict[str, int], default_rows: int, multiplier: float = 1.0
) -> dict[str, int]:
    """Rows per entity: requested counts, else parent rows times the mean children, else defaults."""
    requested = canonical_row_counts(schema, requested)
    bad = sorted(name for name, count in requested.items() if count <= 0)
    if bad:
        raise SyntheticRequestError(f"row counts must be positive: {', '.join(bad)}")
    counts: dict[str, int] = {}
    for name in generation_order(schema):
        if name in requested:
            counts[name] = max(1, round(requested[name] * multiplier))
            continue
        parent = primary_parent(schema, name)
        entity = schema.entity(name)
        if parent is not None:
            mean = parent.mean_children or DEFAULT_CHILDREN_PER_PARENT
            counts[name] = max(1, round(counts[parent.parent_entity] * mean))
        else:
            fallback = entity.default_rows if entity and entity.default_rows else default_rows
            counts[name] = max(1, round(fallback * multiplier))
    return counts


def children_per_parent(
    rel: Relationship, parents: int, children: int, rng: np.random.Generator
) -> np.ndarray:
    """How many of `children` rows each of `parents` rows gets; sums to `children` exactly."""
    low = min(rel.min_children, children // max(parents, 1))
    high = rel.max_children if rel.max_children is not None else np.iinfo(np.int64).max
    if high * parents < children:
        raise SyntheticRequestError(
            f"{rel.child_entity}: {children} rows do not fit under {parents} {rel.parent_entity} rows "
            f"with at most {rel.max_children} each"
        )
    counts = np.full(parents, low, dtype=np.int64)
    rest = children - low * parents
    counts += rng.multinomial(rest, _weights(rel, parents, rng))
    return _clip_to_max(counts, high, rng)


def _weights(rel: Relationship, parents: int, rng: np.random.Generator) -> np.ndarray:
    if rel.distribution == "lognormal":
        weights = rng.lognormal(0.0, 0.75, parents)
    elif rel.distribution == "uniform":
        weights = np.ones(parents)
    else:
        # Gamma weights under a multinomial give slightly over-dispersed Poisson counts: parents
        # differ in how active they are, as real customers do.
        weights = rng.gamma(8.0, 1.0, parents)
    return weights / weights.sum()


def _clip_to_max(counts: np.ndarray, high: int, rng: np.random.Generator) -> np.ndarray:
    for _ in range(100):
        overflow = np.clip(counts - high, 0, None)
        extra = int(overflow.sum())
        if extra == 0:
            return counts
        counts -= overflow
        room = np.flatnonzero(counts < high)
        np.add.at(counts, rng.choice(room, size=extra), 1)
    return counts


def learned_children_per_parent(
    observed: np.ndarray, parents: int, children: int, rng: np.random.Generator
) -> np.ndarray:
    """Children per parent shaped like the training data's counts, summing to `children` exactly."""
    draws = rng.choice(observed, size=parents).astype(float) if len(observed) else np.ones(parents)
    # A parent drawn with zero children in training keeps a small chance, so totals stay reachable.
    weights = draws + 1e-3
    return rng.multinomial(children, weights / weights.sum()).astype(np.int64)


def parent_index(cumulative: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Parent row of each child row start..stop, from the cumulative children counts."""
    return np.searchsorted(cumulative, np.arange(start, stop), side="right")
