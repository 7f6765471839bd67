"""The normalized schema every source is turned into and every engine generates from.

Entities (tables) have attributes (columns) with a storage type and a semantic type, constraints
(nullable, unique, enum values, range, pattern, max length) and optional distributions;
relationships link child attributes to parent attributes with cardinality hints. A schema also
records the merge conflicts found while combining sources and the sources it came from.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

AttributeType = Literal[
    "string", "integer", "decimal", "float", "boolean", "date", "datetime", "uuid", "json"
]
SourceKind = Literal["db", "api", "ui", "test_cases", "domain_pack"]

# When two sources disagree on a type, the stricter (more specific) one wins: a uuid or a date
# says more about the values than a string does.
TYPE_STRICTNESS: dict[str, int] = {
    "string": 0,
    "json": 1,
    "float": 2,
    "decimal": 3,
    "integer": 4,
    "datetime": 5,
    "date": 6,
    "boolean": 7,
    "uuid": 8,
}


class WeightedChoice(BaseModel):
    """Values drawn with the given relative weights (e.g. order status)."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["weighted"] = "weighted"
    weights: dict[str, float] = Field(description="Value -> relative weight (need not sum to 1)")


class LogNormal(BaseModel):
    """Positive skewed amounts: exp(N(mu, sigma))."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["lognormal"] = "lognormal"
    mu: float = Field(description="Mean of the underlying normal (log scale)")
    sigma: float = Field(gt=0, description="Standard deviation of the underlying normal (log scale)")


class Normal(BaseModel):
    """Symmetric values around a mean, clipped to the attribute's range."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["normal"] = "normal"
    mean: float
    std: float = Field(gt=0)


class Bernoulli(BaseModel):
    """Booleans that are true with probability `p`."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["bernoulli"] = "bernoulli"
    p: float = Field(ge=0, le=1)


Distribution = Annotated[WeightedChoice | LogNormal | Normal | Bernoulli, Field(discriminator="kind")]


class Attribute(BaseModel):
    """One field of an entity."""

    name: str
    type: AttributeType = "string"
    semantic_type: str | None = Field(default=None, description="email, phone, first_name, city, amount, ...")
    nullable: bool = True
    unique: bool = False
    enum_values: list[str] | None = None
    min: float | str | None = Field(
        default=None, description="Lower bound: a number, or an ISO date/datetime"
    )
    max: float | str | None = Field(
        default=None, description="Upper bound: a number, or an ISO date/datetime"
    )
    pattern: str | None = Field(default=None, description="Regular expression every value matches")
    max_length: int | None = None
    min_length: int | None = None
    scale: int | None = Field(default=None, description="Digits after the decimal point of a decimal")
    null_fraction: float | None = Field(default=None, ge=0, le=1, description="Observed share of nulls")
    example_values: list[str] = Field(default_factory=list)
    distribution: Distribution | None = None
    source: SourceKind | None = None
    description: str | None = None


class Entity(BaseModel):
    """A table to generate."""

    name: str
    attributes: list[Attribute] = Field(default_factory=list)
    primary_key: list[str] = Field(default_factory=list)
    default_rows: int | None = Field(default=None, ge=1, description="Rows when the request names no count")
    source: SourceKind | None = None
    description: str | None = None

    def attribute(self, name: str) -> Attribute | None:
        """The attribute called `name`, if any."""
        return next((a for a in self.attributes if a.name == name), None)


class Relationship(BaseModel):
    """Child attributes reference parent attributes; cardinality hints say how many children a parent has."""

    child_entity: str
    child_attributes: list[str]
    parent_entity: str
    parent_attributes: list[str]
    min_children: int = Field(default=0, ge=0)
    max_children: int | None = Field(default=None, ge=0)
    mean_children: float | None = Field(default=None, gt=0)
    distribution: Literal["poisson", "lognormal", "uniform"] = "poisson"
    source: SourceKind | None = None

    @property
    def is_self_reference(self) -> bool:
        """True when an entity references itself (a manager, a parent category)."""
        return self.child_entity == self.parent_entity


class MergeConflict(BaseModel):
    """Two sources disagreed about an attribute; `chosen` says what the merge kept and why."""

    entity: str
    attribute: str | None = None
    field: str = Field(description="What disagreed: type, enum_values, max_length, ...")
    values: dict[str, str] = Field(description="Source -> the value it declared")
    chosen: str
    reason: str


class SchemaSource(BaseModel):
    """One input the schema was built from (for lineage)."""

    kind: SourceKind
    reference: str = Field(description="URL, spec hash, schema version id, pack name or file name")


class NormalizedSchema(BaseModel):
    """Entities, relationships, conflicts and sources: the single input of every engine."""

    entities: list[Entity] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    conflicts: list[MergeConflict] = Field(default_factory=list)
    sources: list[SchemaSource] = Field(default_factory=list)

    def entity(self, name: str) -> Entity | None:
        """The entity called `name`, if any."""
        return next((e for e in self.entities if e.name == name), None)

    def parents_of(self, entity: str) -> list[Relationship]:
        """Relationships in which `entity` is the child."""
        return [r for r in self.relationships if r.child_entity == entity]

    def children_of(self, entity: str) -> list[Relationship]:
        """Relationships in which `entity` is the parent."""
        return [r for r in self.relationships if r.parent_entity == entity]

    def fk_attributes(self, entity: str) -> set[str]:
        """Attributes of `entity` that reference another entity."""
        return {a for r in self.parents_of(entity) for a in r.child_attributes}
