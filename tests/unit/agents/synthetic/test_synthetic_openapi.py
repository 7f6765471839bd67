"""OpenAPI 3 / Swagger 2 parsing: entities, types, constraints, relationships, refs and limits."""

from __future__ import annotations

import json

import pytest

from tdm_agents.synthetic.errors import SpecError
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_agents.synthetic.sources.openapi import parse_openapi

PETSTORE_YAML = """
openapi: 3.0.3
info: {title: Petstore, version: "1.0"}
paths:
  /owners:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Owner'}
      responses:
        '201': {description: created}
  /visits:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [petId, visitDate]
              properties:
                petId: {type: integer, format: int64}
                visitDate: {type: string, format: date}
                notes: {type: string, maxLength: 500}
      responses:
        '200': {description: ok}
components:
  schemas:
    Owner:
      type: object
      required: [id, email]
      properties:
        id: {type: integer, format: int64}
        email: {type: string, format: email}
        firstName: {type: string, maxLength: 40, example: Ann}
        phone: {type: string, pattern: '^\\+?[0-9]{10,12}$'}
        pets:
          type: array
          items: {$ref: '#/components/schemas/Pet'}
    Pet:
      allOf:
        - $ref: '#/components/schemas/NewPet'
        - type: object
          required: [id]
          properties:
            id: {type: integer, format: int64}
    NewPet:
      type: object
      required: [name, status]
      properties:
        name: {type: string}
        status: {type: string, enum: [available, pending, sold]}
        weight: {type: number, minimum: 0.1, maximum: 90}
        birthDate: {type: string, format: date}
        tag:
          oneOf:
            - {type: string, maxLength: 10}
            - {type: integer}
"""


def _settings(**overrides: object) -> SyntheticSettings:
    return SyntheticSettings.model_validate(overrides)


def test_openapi3_components_bodies_allof_and_nesting() -> None:
    schema = parse_openapi(PETSTORE_YAML, _settings())
    owner, pet, visit = schema.entity("owner"), schema.entity("pet"), schema.entity("visit")
    assert owner is not None and pet is not None and visit is not None
    assert owner.primary_key == ["id"]
    email = owner.attribute("email")
    assert email is not None and email.semantic_type == "email" and not email.nullable
    first = owner.attribute("first_name")
    assert first is not None and first.max_length == 40 and first.example_values == ["Ann"]
    assert owner.attribute("phone").pattern == r"^\+?[0-9]{10,12}$"
    status = pet.attribute("status")
    assert (
        status is not None and status.enum_values == ["available", "pending", "sold"] and not status.nullable
    )
    weight = pet.attribute("weight")
    assert weight is not None and weight.type == "decimal" and (weight.min, weight.max) == (0.1, 90.0)
    assert pet.attribute("birth_date").type == "date"
    assert pet.attribute("tag").max_length == 10  # oneOf -> first member
    assert pet.primary_key == ["id"]  # from the allOf member
    links = {(r.child_entity, r.child_attributes[0], r.parent_entity) for r in schema.relationships}
    assert ("pet", "owner_id", "owner") in links  # array of objects -> child entity
    assert ("visit", "pet_id", "pet") in links  # petId -> pet.id by name
    assert visit.attribute("visit_date").type == "date"
    assert schema.sources[0].kind == "api" and schema.sources[0].reference.startswith("sha256:")


def test_swagger2_definitions_and_body_parameters() -> None:
    spec = {
        "swagger": "2.0",
        "info": {"title": "Shop", "version": "1"},
        "paths": {
            "/orders": {
                "post": {
                    "parameters": [{"in": "body", "name": "body", "schema": {"$ref": "#/definitions/Order"}}],
                    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Order"}}},
                }
            }
        },
        "definitions": {
            "Customer": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}},
            "Order": {
                "type": "object",
                "required": ["customerId"],
                "properties": {
                    "id": {"type": "integer"},
                    "customerId": {"type": "string", "format": "uuid"},
                    "placedAt": {"type": "string", "format": "date-time"},
                    "total": {"type": "number", "format": "double", "minimum": 0},
                },
            },
        },
    }
    schema = parse_openapi(json.dumps(spec), _settings())
    order = schema.entity("order")
    assert order is not None and order.attribute("placed_at").type == "datetime"
    assert order.attribute("total").type == "float"
    rel = next(r for r in schema.relationships if r.child_entity == "order")
    assert (rel.child_attributes, rel.parent_entity, rel.parent_attributes) == (
        ["customer_id"],
        "customer",
        ["id"],
    )
    assert schema.entity("customer").attribute("id").type == "uuid"


def test_ref_cycles_are_cut_not_followed() -> None:
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "A": {"$ref": "#/components/schemas/B"},
                "B": {"$ref": "#/components/schemas/A"},
                "Node": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "parent": {"$ref": "#/components/schemas/Node"},
                        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                        "loop": {"allOf": [{"$ref": "#/components/schemas/A"}]},
                    },
                },
            }
        },
    }
    schema = parse_openapi(spec, _settings())
    node = schema.entity("node")
    assert node is not None and node.primary_key == ["id"]
    assert any(r.child_entity == "node" and r.parent_entity == "node" for r in schema.relationships)
    assert schema.entity("a") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not: [valid", "neither valid JSON nor YAML"),
        ("[1, 2, 3]", "must be a JSON/YAML object"),
        ('{"info": {}}', "not OpenAPI 3.x or Swagger 2.0"),
        (
            '{"openapi": "3.0.0", "components": {"schemas": {"X": {"$ref": "https://example.org/x.json"}}}}',
            "only local $ref",
        ),
        (
            '{"openapi": "3.0.0", "components": {"schemas": {"X": {"$ref": "#/nowhere"}}}}',
            "points to nothing",
        ),
        ('{"openapi": "3.0.0", "components": {"schemas": []}}', "must be an object"),
    ],
)
def test_malformed_specs_raise_clear_errors(text: str, message: str) -> None:
    with pytest.raises(SpecError, match=message.replace("$", r"\$")):
        parse_openapi(text, _settings())


def test_huge_spec_is_refused_before_parsing() -> None:
    huge = '{"openapi": "3.0.0", "x-pad": "' + "x" * 20_000 + '"}'
    with pytest.raises(SpecError, match="limit is 10000"):
        parse_openapi(huge, _settings(spec_max_bytes=10_000))


def test_deeply_nested_spec_hits_the_depth_cap() -> None:
    inner: dict = {"type": "object", "properties": {"id": {"type": "integer"}}}
    for level in range(12):
        inner = {"type": "object", "properties": {f"level{level}": inner, "id": {"type": "integer"}}}
    spec = {"openapi": "3.0.0", "components": {"schemas": {"Deep": inner}}}
    with pytest.raises(SpecError, match="deeper than 5"):
        parse_openapi(spec, _settings(spec_max_depth=5))
    assert parse_openapi(spec, _settings(spec_max_depth=40)).entity("deep") is not None
