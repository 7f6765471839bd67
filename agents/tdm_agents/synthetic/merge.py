"""Merge schemas from several sources into one: DB > API > domain pack > UI > test cases.

Entities and attributes are matched by normalized names (`Customers` ~ `customer`,
`firstName` ~ `first_name`); the highest-priority source keeps its spelling, so a DB table keeps
its real name. Per attribute, the stricter declaration wins (not-null over nullable, the
narrower range or length, the more specific type unless the DB declared the type), every
disagreement is listed as a conflict, and relationships are unioned.
"""

from __future__ import annotations

from collections.abc import Sequence

from tdm_agents.synthetic.naming import attribute_name, entity_name
from tdm_agents.synthetic.schema_model import (
    TYPE_STRICTNESS,
    Attribute,
    Entity,
    MergeConflict,
    NormalizedSchema,
    Relationship,
)

PRIORITY = ("db", "api", "domain_pack", "ui", "test_cases")
_MAX_EXAMPLES = 10


def _rank(schema: NormalizedSchema) -> int:
    kinds = [s.kind for s in schema.sources] or ["test_cases"]
    return min(PRIORITY.index(k) for k in kinds)


def merge_schemas(schemas: Sequence[NormalizedSchema]) -> NormalizedSchema:
    """One schema from many, highest priority first; conflicts are listed in the result."""
    ordered = sorted(schemas, key=_rank)
    merged = NormalizedSchema()
    names: dict[str, str] = {}  # normalized entity name -> kept name
    for schema in ordered:
        merged.sources += schema.sources
        merged.conflicts += schema.conflicts
        for entity in schema.entities:
            key = entity_name(entity.name)
            if key not in names:
                names[key] = entity.name
                merged.entities.append(entity.model_copy(deep=True))
            else:
                target = merged.entity(names[key])
                assert target is not None
                _merge_entity(target, entity, merged.conflicts)
    for schema in ordered:
        for rel in schema.relationships:
            _add_relationship(merged, rel, names)
    return merged


def _merge_entity(target: Entity, other: Entity, conflicts: list[MergeConflict]) -> None:
    by_key = {attribute_name(a.name): a for a in target.attributes}
    for attribute in other.attributes:
        existing = by_key.get(attribute_name(attribute.name))
        if existing is None:
            target.attributes.append(attribute.model_copy(deep=True))
            by_key[attribute_name(attribute.name)] = target.attributes[-1]
        else:
            _merge_attribute(target.name, existing, attribute, conflicts)
    if not target.primary_key and other.primary_key:
        target.primary_key = [by_key[attribute_name(k)].name for k in other.primary_key]
    target.default_rows = target.default_rows or other.default_rows
    target.description = target.description or other.description


def _conflict(
    conflicts: list[MergeConflict],
    entity: str,
    kept: Attribute,
    other: Attribute,
    field: str,
    chosen: object,
    reason: str,
) -> None:
    conflicts.append(
        MergeConflict(
            entity=entity,
            attribute=kept.name,
            field=field,
            values={
                kept.source or "first": str(getattr(kept, field)),
                other.source or "second": str(getattr(other, field)),
            },
            chosen=str(chosen),
            reason=reason,
        )
    )


def _merge_attribute(entity: str, kept: Attribute, other: Attribute, conflicts: list[MergeConflict]) -> None:
    _merge_type(entity, kept, other, conflicts)
    for field in ("enum_values", "pattern"):
        mine, theirs = getattr(kept, field), getattr(other, field)
        if mine is None and theirs is not None:
            setattr(kept, field, theirs)
        elif mine is not None and theirs is not None and mine != theirs:
            _conflict(conflicts, entity, kept, other, field, mine, "the higher-priority source wins")
    _merge_bounds(entity, kept, other, conflicts)
    if kept.max_length and other.max_length and kept.max_length != other.max_length:
        chosen = min(kept.max_length, other.max_length)
        _conflict(conflicts, entity, kept, other, "max_length", chosen, "the shorter limit is stricter")
        kept.max_length = chosen
    kept.max_length = kept.max_length or other.max_length
    kept.min_length = kept.min_length or other.min_length
    kept.nullable = kept.nullable and other.nullable
    kept.unique = kept.unique or other.unique
    kept.semantic_type = kept.semantic_type or other.semantic_type
    kept.distribution = kept.distribution or other.distribution
    kept.description = kept.description or other.description
    kept.example_values = list(dict.fromkeys(kept.example_values + other.example_values))[:_MAX_EXAMPLES]


def _merge_type(entity: str, kept: Attribute, other: Attribute, conflicts: list[MergeConflict]) -> None:
    if kept.type == other.type:
        return
    stricter = TYPE_STRICTNESS[other.type] > TYPE_STRICTNESS[kept.type]
    if stricter and kept.source != "db":
        _conflict(conflicts, entity, kept, other, "type", other.type, "the stricter type wins")
        kept.type = other.type
    else:
        reason = "the database declares the stored type" if kept.source == "db" else "the stricter type wins"
        _conflict(conflicts, entity, kept, other, "type", kept.type, reason)


def _merge_bounds(entity: str, kept: Attribute, other: Attribute, conflicts: list[MergeConflict]) -> None:
    low, high = kept.min, kept.max
    if isinstance(other.min, int | float):
        low = max(low, other.min) if isinstance(low, int | float) else (low if low is not None else other.min)
    elif low is None:
        low = other.min
    if isinstance(other.max, int | float):
        high = (
            min(high, other.max)
            if isinstance(high, int | float)
            else (high if high is not None else other.max)
        )
    elif high is None:
        high = other.max
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        _conflict(
            conflicts,
            entity,
            kept,
            other,
            "min",
            f"{kept.min}..{kept.max}",
            "the ranges do not overlap; the higher-priority range is kept",
        )
        return
    if (low, high) != (kept.min, kept.max) and kept.min is not None and other.min is not None:
        _conflict(conflicts, entity, kept, other, "min", f"{low}..{high}", "the narrower range is stricter")
    kept.min, kept.max = low, high


def _add_relationship(merged: NormalizedSchema, rel: Relationship, names: dict[str, str]) -> None:
    child_name = names.get(entity_name(rel.child_entity))
    parent_name = names.get(entity_name(rel.parent_entity))
    child, parent = merged.entity(child_name or ""), merged.entity(parent_name or "")
    if child is None or parent is None:
        return
    child_attrs = [_kept_name(child, a) for a in rel.child_attributes]
    parent_attrs = [_kept_name(parent, a) for a in rel.parent_attributes]
    if None in child_attrs or None in parent_attrs:
        return
    for existing in merged.relationships:
        if existing.child_entity == child.name and existing.child_attributes == child_attrs:
            existing.mean_children = existing.mean_children or rel.mean_children
            existing.max_children = (
                existing.max_children if existing.max_children is not None else rel.max_children
            )
            existing.min_children = max(existing.min_children, rel.min_children)
            return
    merged.relationships.append(
        rel.model_copy(
            update={
                "child_entity": child.name,
                "child_attributes": child_attrs,
                "parent_entity": parent.name,
                "parent_attributes": parent_attrs,
            }
        )
    )


def _kept_name(entity: Entity, name: str) -> str | None:
    wanted = attribute_name(name)
    return next((a.name for a in entity.attributes if attribute_name(a.name) == wanted), None)
