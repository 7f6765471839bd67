"""Row counts keyed as the source spells its entities (`Pet`, `OrderItems`) reach the canonical entity."""

from __future__ import annotations

import pytest

from tdm_agents.synthetic import merge_schemas
from tdm_agents.synthetic.engines.relations import canonical_row_counts, plan_row_counts
from tdm_agents.synthetic.errors import SyntheticRequestError
from tdm_agents.synthetic.schema_model import Attribute, Entity, NormalizedSchema
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_agents.synthetic.sources.openapi import parse_openapi

PETSTORE = """
openapi: 3.0.3
info: {title: Petstore, version: "1.0"}
paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        id: {type: integer}
        name: {type: string}
    Order:
      type: object
      properties:
        id: {type: integer}
        petId: {type: integer}
    User:
      type: object
      properties:
        id: {type: integer}
        username: {type: string}
    OrderItems:
      type: object
      properties:
        id: {type: integer}
        orderId: {type: integer}
"""


def _petstore() -> NormalizedSchema:
    return merge_schemas([parse_openapi(PETSTORE.encode(), SyntheticSettings())])


def test_spec_cased_names_are_answered_with_the_canonical_names() -> None:
    schema = _petstore()
    names = {e.name for e in schema.entities}
    counts = canonical_row_counts(schema, {"Pet": 500, "Order": 400, "USER": 3, "OrderItems": 7})
    assert set(counts) <= names
    assert counts == {"pet": 500, "order": 400, "user": 3, "order_item": 7}


def test_the_planner_takes_spec_cased_names() -> None:
    planned = plan_row_counts(_petstore(), {"Pet": 500, "Order": 500}, default_rows=10)
    assert planned["pet"] == 500 and planned["order"] == 500
    assert "Pet" not in planned


def _entity(name: str) -> Entity:
    return Entity(name=name, primary_key=["id"], attributes=[Attribute(name="id", type="integer")])


def test_an_exact_name_wins_over_a_case_insensitive_one() -> None:
    schema = NormalizedSchema(entities=[_entity("Pet"), _entity("pet")])
    assert canonical_row_counts(schema, {"Pet": 2, "pet": 3}) == {"Pet": 2, "pet": 3}


@pytest.mark.parametrize(
    ("schema", "counts", "message"),
    [
        (NormalizedSchema(entities=[_entity("Pet"), _entity("pet")]), {"PET": 1}, "matches several"),
        (NormalizedSchema(entities=[_entity("pet")]), {"Pet": 1, "pet": 2}, "more than once"),
        (
            NormalizedSchema(entities=[_entity("pet")]),
            {"Martian": 1},
            r"unknown entities: Martian \(known: pet\)",
        ),
    ],
)
def test_unknown_ambiguous_and_duplicate_names_are_refused(
    schema: NormalizedSchema, counts: dict[str, int], message: str
) -> None:
    with pytest.raises(SyntheticRequestError, match=message):
        canonical_row_counts(schema, counts)
