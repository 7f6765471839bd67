"""OpenAPI 3.x and Swagger 2.0 documents -> a normalized schema.

Every object schema (named components, and inline request/response bodies) becomes an entity;
its scalar properties become attributes (types from `type`/`format`, enums, ranges, patterns,
lengths, examples, `required`). Relationships come from names (`customerId` -> `customer.id`),
from properties that reference another object (many-to-one), and from arrays of objects (the
items become a child entity of the owner).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from tdm_agents.synthetic.errors import SpecError
from tdm_agents.synthetic.naming import attribute_name, entity_name, referenced_entity, singular
from tdm_agents.synthetic.schema_model import (
    Attribute,
    AttributeType,
    Entity,
    NormalizedSchema,
    Relationship,
    SchemaSource,
)
from tdm_agents.synthetic.semantics import infer_semantic_type
from tdm_agents.synthetic.settings import SyntheticSettings, get_settings
from tdm_agents.synthetic.sources.openapi_refs import RefResolver, Schema, load_document

_FORMAT_TYPES: dict[str, AttributeType] = {
    "date": "date",
    "date-time": "datetime",
    "uuid": "uuid",
    "int32": "integer",
    "int64": "integer",
    "float": "float",
    "double": "float",
    "decimal": "decimal",
}
_FORMAT_SEMANTICS = {"email": "email", "uri": "url", "url": "url", "ipv4": "ipv4", "hostname": "word"}
_JSON_TYPES: dict[str, AttributeType] = {"integer": "integer", "number": "decimal", "boolean": "boolean"}
_METHODS = ("get", "put", "post", "patch", "delete")


def parse_openapi(
    spec: str | bytes | dict[str, Any], settings: SyntheticSettings | None = None
) -> NormalizedSchema:
    """Entities, attributes and relationships described by an OpenAPI/Swagger document."""
    settings = settings or get_settings()
    document = load_document(spec, settings.spec_max_bytes)
    builder = _Builder(RefResolver(document, settings.spec_max_depth))
    for name, schema in _named_schemas(document).items():
        builder.entity_from(entity_name(name), schema, depth=0)
    for name, schema in _body_schemas(document):
        builder.entity_from(entity_name(name), schema, depth=0)
    builder.link_by_names()
    digest = hashlib.sha256(json.dumps(document, sort_keys=True, default=str).encode()).hexdigest()
    return NormalizedSchema(
        entities=list(builder.entities.values()),
        relationships=builder.relationships,
        sources=[SchemaSource(kind="api", reference=f"sha256:{digest}")],
    )


def _named_schemas(document: dict[str, Any]) -> dict[str, Any]:
    components = document.get("components") or {}
    named = components.get("schemas") if isinstance(components, dict) else None
    named = named if named is not None else document.get("definitions")
    if named is not None and not isinstance(named, dict):
        raise SpecError("components.schemas / definitions must be an object")
    return named or {}


def _body_schemas(document: dict[str, Any]) -> list[tuple[str, Any]]:
    """Inline (non-$ref) object bodies of operations, named after the operation's resource."""
    found: list[tuple[str, Any]] = []
    paths = document.get("paths") or {}
    if not isinstance(paths, dict):
        raise SpecError("paths must be an object")
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        resource = _resource_name(str(path))
        for method in _METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                found += [(resource, s) for s in _operation_bodies(operation) if "$ref" not in s]
    return found


def _operation_bodies(operation: dict[str, Any]) -> list[dict[str, Any]]:
    bodies = []
    request = operation.get("requestBody")
    if isinstance(request, dict):
        bodies += _content_schemas(request)
    for parameter in operation.get("parameters") or []:
        if isinstance(parameter, dict) and parameter.get("in") == "body":
            bodies.append(parameter.get("schema"))
    for response in (operation.get("responses") or {}).values():
        if isinstance(response, dict):
            bodies += _content_schemas(response) + [response.get("schema")]
    items = [b.get("items") if isinstance(b, dict) and b.get("type") == "array" else b for b in bodies]
    return [b for b in items if isinstance(b, dict) and (b.get("properties") or "$ref" in b)]


def _content_schemas(holder: dict[str, Any]) -> list[Any]:
    content = holder.get("content") or {}
    return [media.get("schema") for media in content.values() if isinstance(media, dict)]


def _resource_name(path: str) -> str:
    parts = [p for p in path.strip("/").split("/") if p and not p.startswith("{")]
    return parts[-1] if parts else "resource"


class _Builder:
    """Accumulates entities and relationships while walking schemas."""

    def __init__(self, resolver: RefResolver) -> None:
        self.resolver = resolver
        self.entities: dict[str, Entity] = {}
        self.relationships: list[Relationship] = []

    def entity_from(self, name: str, node: Any, depth: int) -> Entity | None:
        """The entity for an object schema (created once per name); None for non-object schemas."""
        if depth > self.resolver.max_depth:
            raise SpecError(f"schemas nest deeper than {self.resolver.max_depth} levels")
        schema, _ = self.resolver.resolve(node)
        if not schema.get("properties"):
            return None
        if name in self.entities:
            return self.entities[name]
        entity = Entity(name=name, source="api", description=schema.get("description"))
        self.entities[name] = entity
        required = set(schema.get("required") or [])
        for prop, prop_node in (schema.get("properties") or {}).items():
            self._property(entity, str(prop), prop_node, str(prop) in required, depth)
        if not entity.primary_key:
            _ensure_key(entity)
        return entity

    def _property(self, entity: Entity, prop: str, node: Any, required: bool, depth: int) -> None:
        schema, component = self.resolver.resolve(node)
        if schema.get("type") == "array" or "items" in schema:
            self._array(entity, prop, schema, depth)
        elif schema.get("properties"):
            parent = self.entity_from(entity_name(component or prop), schema, depth + 1)
            if parent is not None:
                self._reference(entity, f"{attribute_name(prop)}_id", parent, required)
        elif "x-cut-cycle" not in schema:
            attribute = scalar_attribute(attribute_name(prop), schema, required)
            entity.attributes.append(attribute)
            if attribute.name == "id" or (attribute.name == f"{entity.name}_id" and not entity.primary_key):
                entity.primary_key = [attribute.name]
                attribute.nullable, attribute.unique = False, True

    def _array(self, entity: Entity, prop: str, schema: Schema, depth: int) -> None:
        items, component = self.resolver.resolve(schema.get("items") or {})
        if items.get("properties"):
            child = self.entity_from(
                entity_name(component or f"{entity.name}_{singular(attribute_name(prop))}"), items, depth + 1
            )
            if child is not None and child is not entity:
                self._reference(child, f"{entity.name}_id", entity, required=True)
        else:
            entity.attributes.append(Attribute(name=attribute_name(prop), type="json", source="api"))

    def _reference(self, child: Entity, attribute: str, parent: Entity, required: bool) -> None:
        key = parent.primary_key[0] if parent.primary_key else _ensure_key(parent)
        key_attribute = parent.attribute(key)
        if child.attribute(attribute) is None:
            child.attributes.append(
                Attribute(
                    name=attribute,
                    type=key_attribute.type if key_attribute else "integer",
                    nullable=not required,
                    source="api",
                )
            )
        self._add_relationship(child.name, attribute, parent.name, key)

    def _add_relationship(self, child: str, attribute: str, parent: str, key: str) -> None:
        if any(r.child_entity == child and r.child_attributes == [attribute] for r in self.relationships):
            return
        self.relationships.append(
            Relationship(
                child_entity=child,
                child_attributes=[attribute],
                parent_entity=parent,
                parent_attributes=[key],
                source="api",
            )
        )

    def link_by_names(self) -> None:
        """`customer_id` on any entity references `customer`'s key when such an entity exists."""
        for entity in self.entities.values():
            for attribute in entity.attributes:
                target = referenced_entity(attribute.name)
                parent = self.entities.get(target) if target else None
                if parent is None or attribute.name in entity.primary_key or not parent.primary_key:
                    continue
                self._add_relationship(entity.name, attribute.name, parent.name, parent.primary_key[0])


def _ensure_key(entity: Entity) -> str:
    if entity.primary_key:
        return entity.primary_key[0]
    entity.attributes.insert(
        0, Attribute(name="id", type="integer", nullable=False, unique=True, source="api")
    )
    entity.primary_key = ["id"]
    return "id"


def scalar_attribute(name: str, schema: Schema, required: bool) -> Attribute:
    """One attribute from a scalar JSON schema (type, format, enum, bounds, pattern, lengths, example)."""
    declared = schema.get("type")
    nullable = bool(schema.get("nullable")) or not required
    if isinstance(declared, list):  # OpenAPI 3.1: type: [string, "null"]
        nullable = nullable or "null" in declared
        declared = next((t for t in declared if t != "null"), "string")
    fmt = str(schema.get("format") or "")
    kind: AttributeType = _FORMAT_TYPES.get(fmt) or _JSON_TYPES.get(str(declared), "string")
    listed = schema.get("examples")
    examples: list[Any] = list(listed) if isinstance(listed, list) else []
    if "example" in schema:
        examples = [schema["example"], *examples]
    return Attribute(
        name=name,
        type=kind,
        semantic_type=_FORMAT_SEMANTICS.get(fmt)
        if kind == "string" and fmt in _FORMAT_SEMANTICS
        else infer_semantic_type(name, kind),
        nullable=nullable,
        enum_values=[str(v) for v in schema["enum"] if v is not None]
        if isinstance(schema.get("enum"), list)
        else None,
        min=_number(schema.get("minimum")),
        max=_number(schema.get("maximum")),
        pattern=str(schema["pattern"]) if schema.get("pattern") else None,
        max_length=schema.get("maxLength") if isinstance(schema.get("maxLength"), int) else None,
        min_length=schema.get("minLength") if isinstance(schema.get("minLength"), int) else None,
        example_values=[str(v) for v in examples[:5]],
        source="api",
        description=schema.get("description"),
    )


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
