"""Merging sources: priorities, name normalization, type reconciliation, conflicts, relationships."""

from __future__ import annotations

from tdm_agents.synthetic.merge import merge_schemas
from tdm_agents.synthetic.schema_model import Attribute, Entity, NormalizedSchema, Relationship, SchemaSource


def _schema(
    kind: str, entities: list[Entity], relationships: list[Relationship] | None = None
) -> NormalizedSchema:
    return NormalizedSchema(
        entities=entities,
        relationships=relationships or [],
        sources=[SchemaSource(kind=kind, reference=kind)],
    )


def test_db_beats_api_beats_ui_beats_test_cases_and_names_normalize() -> None:
    db = _schema(
        "db",
        [
            Entity(
                name="customers",
                primary_key=["id"],
                attributes=[
                    Attribute(name="id", type="integer", nullable=False, source="db"),
                    Attribute(name="email", type="string", max_length=200, source="db"),
                    Attribute(name="status", type="string", enum_values=["a", "b"], source="db"),
                ],
            )
        ],
    )
    api = _schema(
        "api",
        [
            Entity(
                name="Customer",
                attributes=[
                    Attribute(
                        name="email",
                        type="string",
                        semantic_type="email",
                        max_length=120,
                        nullable=False,
                        source="api",
                    ),
                    Attribute(name="birthDate", type="date", source="api"),
                    Attribute(name="status", type="string", enum_values=["a", "b", "c"], source="api"),
                ],
            )
        ],
    )
    ui = _schema(
        "ui",
        [
            Entity(
                name="customer",
                attributes=[
                    Attribute(name="birth_date", type="string", source="ui"),
                    Attribute(name="age", type="integer", min=18, max=120, source="ui"),
                ],
            )
        ],
    )
    tests = _schema(
        "test_cases",
        [
            Entity(
                name="customer",
                attributes=[
                    Attribute(
                        name="age",
                        type="integer",
                        min=21,
                        max=130,
                        example_values=["33"],
                        source="test_cases",
                    ),
                ],
            )
        ],
    )
    merged = merge_schemas([tests, ui, api, db])  # input order does not matter
    assert [e.name for e in merged.entities] == ["customers"]  # the DB's spelling is kept
    customer = merged.entities[0]
    email = customer.attribute("email")
    assert (
        email is not None
        and email.semantic_type == "email"
        and not email.nullable
        and email.max_length == 120
    )
    birth = customer.attribute("birthDate")
    assert (
        birth is not None and birth.name == "birthDate" and birth.type == "date"
    )  # API's stricter type kept
    age = customer.attribute("age")
    assert age is not None and (age.min, age.max) == (21, 120) and age.example_values == ["33"]
    assert customer.attribute("status").enum_values == ["a", "b"]
    fields = {(c.attribute, c.field) for c in merged.conflicts}
    assert {
        ("email", "max_length"),
        ("status", "enum_values"),
        ("birthDate", "type"),
        ("age", "min"),
    } <= fields
    assert [s.kind for s in merged.sources] == ["db", "api", "ui", "test_cases"]


def test_db_type_is_never_overridden_but_the_conflict_is_listed() -> None:
    db = _schema(
        "db", [Entity(name="orders", attributes=[Attribute(name="ref", type="string", source="db")])]
    )
    api = _schema(
        "api", [Entity(name="order", attributes=[Attribute(name="ref", type="uuid", source="api")])]
    )
    merged = merge_schemas([api, db])
    assert merged.entities[0].attribute("ref").type == "string"
    conflict = next(c for c in merged.conflicts if c.field == "type")
    assert conflict.chosen == "string" and conflict.values == {"db": "string", "api": "uuid"}


def test_relationships_are_unioned_onto_kept_names() -> None:
    db = _schema(
        "db",
        [
            Entity(
                name="customers",
                primary_key=["id"],
                attributes=[Attribute(name="id", type="integer", source="db")],
            ),
            Entity(name="orders", attributes=[Attribute(name="customer_id", type="integer", source="db")]),
        ],
    )
    api = _schema(
        "api",
        [
            Entity(name="customer", attributes=[Attribute(name="id", type="integer")]),
            Entity(
                name="order", attributes=[Attribute(name="customerId", type="integer"), Attribute(name="id")]
            ),
            Entity(name="invoice", attributes=[Attribute(name="orderId", type="integer")]),
        ],
        [
            Relationship(
                child_entity="order",
                child_attributes=["customerId"],
                parent_entity="customer",
                parent_attributes=["id"],
                mean_children=5,
            ),
            Relationship(
                child_entity="invoice",
                child_attributes=["orderId"],
                parent_entity="order",
                parent_attributes=["id"],
            ),
        ],
    )
    merged = merge_schemas([db, api])
    links = {(r.child_entity, tuple(r.child_attributes), r.parent_entity) for r in merged.relationships}
    assert links == {("orders", ("customer_id",), "customers"), ("invoice", ("orderId",), "orders")}
    orders_rel = next(r for r in merged.relationships if r.child_entity == "orders")
    assert orders_rel.mean_children == 5
