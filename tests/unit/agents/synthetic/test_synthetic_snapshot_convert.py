"""Normalized schema <-> SchemaSnapshot: types, keys, CHECK constraints, stats, FKs, PG types."""

from __future__ import annotations

from tdm_agents.synthetic.check_constraints import read_check_constraints
from tdm_agents.synthetic.packs import load_domain_pack
from tdm_agents.synthetic.snapshot_convert import from_snapshot, to_snapshot
from tdm_metadata_store.snapshot import (
    CheckConstraintInfo,
    ColumnInfo,
    ColumnStats,
    RelationshipInfo,
    SchemaSnapshot,
    TableInfo,
    UniqueConstraintInfo,
)


def _snapshot() -> SchemaSnapshot:
    customers = TableInfo(
        schema_name="public",
        name="customers",
        primary_key=["id"],
        columns=[
            ColumnInfo(name="id", data_type="integer", type_category="integer", nullable=False),
            ColumnInfo(name="email", data_type="text", type_category="string", inferred_type="email"),
            ColumnInfo(
                name="first_name", data_type="character varying(40)", type_category="string", max_length=40
            ),
            ColumnInfo(name="tier", data_type="tier", type_category="enum", enum_values=["gold", "basic"]),
            ColumnInfo(
                name="score",
                data_type="integer",
                type_category="integer",
                stats=ColumnStats(min="1", max="900", null_fraction=0.25),
            ),
        ],
        unique_constraints=[UniqueConstraintInfo(name="customers_email_key", columns=["email"])],
        check_constraints=[
            CheckConstraintInfo(name="c1", expression="CHECK (((score > 0) AND (score <= 850)))")
        ],
    )
    orders = TableInfo(
        schema_name="sales",
        name="orders",
        primary_key=["id"],
        columns=[
            ColumnInfo(name="id", data_type="uuid", type_category="uuid", nullable=False),
            ColumnInfo(name="customer_id", data_type="integer", type_category="integer", nullable=False),
            ColumnInfo(name="total", data_type="numeric(12,2)", type_category="decimal", numeric_scale=2),
            ColumnInfo(name="placed_at", data_type="timestamp with time zone", type_category="timestamp"),
            ColumnInfo(name="status", data_type="text", type_category="string"),
        ],
        check_constraints=[
            CheckConstraintInfo(
                name="c2", expression="CHECK ((status = ANY (ARRAY['new'::text, 'paid'::text])))"
            )
        ],
    )
    rel = RelationshipInfo(
        child_schema="sales",
        child_table="orders",
        child_columns=["customer_id"],
        parent_schema="public",
        parent_table="customers",
        parent_columns=["id"],
    )
    return SchemaSnapshot(schemas=["public", "sales"], tables=[customers, orders], relationships=[rel])


def test_from_snapshot_reads_types_keys_checks_and_stats() -> None:
    schema = from_snapshot(_snapshot(), reference="sv-1")
    customers, orders = schema.entity("customers"), schema.entity("sales.orders")
    assert customers is not None and orders is not None
    assert customers.attribute("email").unique and customers.attribute("email").semantic_type == "email"
    assert customers.attribute("first_name").semantic_type == "first_name"
    assert customers.attribute("tier").enum_values == ["gold", "basic"]
    score = customers.attribute("score")
    assert (score.min, score.max, score.null_fraction) == (1.0, 850.0, 0.25)  # CHECK narrows the stats
    assert orders.attribute("status").enum_values == ["new", "paid"]
    assert orders.attribute("placed_at").type == "datetime" and orders.attribute("id").type == "uuid"
    assert orders.attribute("total").scale == 2
    rel = schema.relationships[0]
    assert (rel.child_entity, rel.parent_entity) == ("sales.orders", "customers")
    assert schema.sources[0].reference == "sv-1"


def test_to_snapshot_gives_provisionable_tables() -> None:
    snapshot = to_snapshot(load_domain_pack("ecommerce").schema_)
    order = snapshot.table("order")
    assert order is not None and order.primary_key == ["id"]
    types = {c.name: c.data_type for c in order.columns}
    assert types["total_amount"] == "numeric(18,2)" and types["created_at"] == "timestamp without time zone"
    assert types["id"] == "bigint"
    assert any(c.name == "order_currency_check" for c in order.check_constraints)
    customer = snapshot.table("customer")
    assert any(u.columns == ["email"] for u in customer.unique_constraints)
    assert {c.name: c.data_type for c in customer.columns}["email"] == "character varying(120)"
    assert len(snapshot.relationships) == 5
    roundtrip = from_snapshot(snapshot)
    assert {e.name for e in roundtrip.entities} == {
        e.name for e in load_domain_pack("ecommerce").schema_.entities
    }
    assert roundtrip.entity("order").attribute("currency").enum_values == ["USD", "EUR", "GBP"]


def test_unreadable_checks_are_listed_not_guessed() -> None:
    reading = read_check_constraints(["CHECK ((char_length(code) <= 10))", "CHECK ((0 < qty))"])
    assert reading.not_understood == ["CHECK ((char_length(code) <= 10))"]
    assert reading.columns["qty"].min == 0 and reading.columns["qty"].min_exclusive
