"""Domain packs: YAML descriptions of common business schemas with realistic distributions.

A pack lists entities (attributes with semantic types, ranges and distributions), relationships
with children-per-parent cardinalities, and scenario templates. Every pack has at least the
`default` and `edge_cases` scenarios.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tdm_agents.synthetic.errors import SyntheticRequestError
from tdm_agents.synthetic.scenarios import BUILTIN_SCENARIOS, Scenario
from tdm_agents.synthetic.schema_model import (
    Attribute,
    Entity,
    NormalizedSchema,
    Relationship,
    SchemaSource,
)

_PACKAGE = "tdm_agents.synthetic.domain_packs"
REQUIRED_SCENARIOS = ("default", "edge_cases")


class _PackEntity(BaseModel):
    model_config = ConfigDict(extra="forbid")
    primary_key: list[str] = Field(default_factory=list)
    default_rows: int | None = None
    attributes: dict[str, dict[str, Any]]


class _PackRelationship(BaseModel):
    model_config = ConfigDict(extra="forbid")
    child: str = Field(description="entity.attribute")
    parent: str = Field(description="entity.attribute")
    mean_children: float | None = None
    min_children: int = 0
    max_children: int | None = None
    distribution: str = "poisson"


class _PackFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    description: str
    entities: dict[str, _PackEntity]
    relationships: list[_PackRelationship] = Field(default_factory=list)
    scenarios: dict[str, dict[str, Any]]


class DomainPack(BaseModel):
    """A loaded, validated pack: its schema and its scenarios."""

    name: str
    description: str
    schema_: NormalizedSchema = Field(alias="schema")
    scenarios: dict[str, Scenario]

    model_config = ConfigDict(populate_by_name=True)

    def scenario(self, name: str) -> Scenario:
        """The scenario called `name`, or a clear error naming the ones that exist."""
        if name not in self.scenarios:
            known = ", ".join(sorted(self.scenarios))
            raise SyntheticRequestError(
                f"domain pack {self.name!r} has no scenario {name!r} (known: {known})"
            )
        return self.scenarios[name]


def pack_names() -> list[str]:
    """Names of the bundled packs, sorted."""
    files = resources.files(_PACKAGE).iterdir()
    return sorted(f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml"))


@cache
def load_domain_pack(name: str) -> DomainPack:
    """Load and validate one bundled pack; unknown names raise SyntheticRequestError."""
    if name not in pack_names():
        raise SyntheticRequestError(f"unknown domain pack {name!r} (known: {', '.join(pack_names())})")
    text = resources.files(_PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return parse_domain_pack(text)


def parse_domain_pack(text: str) -> DomainPack:
    """Validate a pack's YAML text: structure, references between entities, required scenarios."""
    try:
        raw = _PackFile.model_validate(yaml.safe_load(text))
        schema = NormalizedSchema(
            entities=[_entity(name, e) for name, e in raw.entities.items()],
            relationships=[_relationship(r) for r in raw.relationships],
            sources=[SchemaSource(kind="domain_pack", reference=raw.name)],
        )
        scenarios = {n: Scenario(name=n, **s) for n, s in raw.scenarios.items()}
    except (ValidationError, yaml.YAMLError) as exc:
        raise SyntheticRequestError(f"invalid domain pack: {exc}") from exc
    _check_references(raw.name, schema)
    missing = [s for s in REQUIRED_SCENARIOS if s not in scenarios]
    if missing:
        raise SyntheticRequestError(f"domain pack {raw.name!r} lacks scenarios: {', '.join(missing)}")
    return DomainPack(name=raw.name, description=raw.description, schema_=schema, scenarios=scenarios)


def _entity(name: str, entity: _PackEntity) -> Entity:
    attributes = [
        Attribute.model_validate({"name": attr, **spec, "source": "domain_pack"})
        for attr, spec in entity.attributes.items()
    ]
    return Entity(
        name=name,
        attributes=attributes,
        primary_key=entity.primary_key,
        default_rows=entity.default_rows,
        source="domain_pack",
    )


def _relationship(rel: _PackRelationship) -> Relationship:
    child_entity, _, child_attr = rel.child.partition(".")
    parent_entity, _, parent_attr = rel.parent.partition(".")
    return Relationship.model_validate(
        {
            "child_entity": child_entity,
            "child_attributes": [child_attr],
            "parent_entity": parent_entity,
            "parent_attributes": [parent_attr],
            "mean_children": rel.mean_children,
            "min_children": rel.min_children,
            "max_children": rel.max_children,
            "distribution": rel.distribution,
            "source": "domain_pack",
        }
    )


def _check_references(pack: str, schema: NormalizedSchema) -> None:
    problems = []
    for entity in schema.entities:
        problems += [f"{entity.name}.{k}" for k in entity.primary_key if entity.attribute(k) is None]
    for rel in schema.relationships:
        for ent, attrs in (
            (rel.child_entity, rel.child_attributes),
            (rel.parent_entity, rel.parent_attributes),
        ):
            found = schema.entity(ent)
            problems += [f"{ent}.{a}" for a in attrs if found is None or found.attribute(a) is None]
    if problems:
        raise SyntheticRequestError(
            f"domain pack {pack!r} references unknown attributes: {', '.join(problems)}"
        )


def list_domain_packs() -> list[dict[str, Any]]:
    """Every bundled pack as {name, description, entities, scenarios} (for `GET /synthetic/domain-packs`)."""
    listing = []
    for name in pack_names():
        pack = load_domain_pack(name)
        listing.append(
            {
                "name": pack.name,
                "description": pack.description,
                "entities": [e.name for e in pack.schema_.entities],
                "scenarios": sorted(pack.scenarios),
            }
        )
    return listing


def scenario_for(pack: DomainPack | None, name: str) -> Scenario:
    """A pack's scenario, or a built-in one when generating without a pack."""
    if pack is not None:
        return pack.scenario(name)
    if name not in BUILTIN_SCENARIOS:
        raise SyntheticRequestError(
            f"unknown scenario {name!r} (known: {', '.join(sorted(BUILTIN_SCENARIOS))})"
        )
    return BUILTIN_SCENARIOS[name]
