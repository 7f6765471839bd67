"""FK graph, request parsing, value coercion and orphan counting, without a database."""

from __future__ import annotations

import pyarrow as pa
import pytest
from pydantic import ValidationError

from tdm_agents.subsetting.coercion import cast_type, coerce_value, op_problem
from tdm_agents.subsetting.fk_graph import FkGraph
from tdm_agents.subsetting.request import SubsetRequest
from tdm_agents.subsetting.verify import count_orphans
from tdm_metadata_store.snapshot import ColumnInfo, RelationshipInfo, SchemaSnapshot, TableInfo


def rel(child: str, parent: str, cols=("id",), pcols=("id",)) -> RelationshipInfo:
    return RelationshipInfo(
        child_schema="public",
        child_table=child,
        child_columns=list(cols),
        parent_schema="public",
        parent_table=parent,
        parent_columns=list(pcols),
    )


def snapshot(names: list[str], rels: list[RelationshipInfo]) -> SchemaSnapshot:
    return SchemaSnapshot(tables=[TableInfo(schema_name="public", name=n) for n in names], relationships=rels)


def test_graph_finds_cycles_self_references_and_orders_parents_first():
    graph = FkGraph.from_snapshot(
        snapshot(
            ["region", "customers", "orders", "stores", "staff", "employee"],
            [
                rel("customers", "region"),
                rel("orders", "customers"),
                rel("staff", "stores"),
                rel("stores", "staff"),
                rel("employee", "employee"),
                rel("employee", "stores"),
            ],
        )
    )
    assert sorted(c.tables for c in graph.cycles()) == [("employee",), ("staff", "stores")]
    order = [t for comp in graph.condensation_order() for t in comp]
    assert order.index("region") < order.index("customers") < order.index("orders")
    assert order.index("stores") < order.index("employee")


def test_graph_ignores_relationships_to_unknown_tables():
    graph = FkGraph.from_snapshot(snapshot(["a"], [rel("a", "elsewhere")]))
    assert graph.relationships == [] and graph.cycles() == []


def test_short_form_filters_expand_to_equality():
    req = SubsetRequest(
        schema_version_id="s",
        connection_id="c",
        root_table="customers",
        filters={"customers": {"region": "US"}},
    )
    assert [(c.column, c.op, c.value) for c in req.filters["customers"]] == [("region", "=", "US")]
    assert req.targets == ["customers"]


def test_request_needs_exactly_one_connection_and_a_known_op():
    with pytest.raises(ValidationError):
        SubsetRequest(schema_version_id="s", root_table="t")
    with pytest.raises(ValidationError):
        SubsetRequest(
            schema_version_id="s", connection_id="c", connection_string="postgresql://x", root_table="t"
        )
    with pytest.raises(ValidationError):
        SubsetRequest(
            schema_version_id="s",
            connection_id="c",
            root_table="t",
            filters={"t": [{"column": "a", "op": "~"}]},
        )


def test_connection_string_is_not_shown_in_repr():
    req = SubsetRequest(schema_version_id="s", connection_string="postgresql://u:pw@h/db", root_table="t")
    assert "pw" not in repr(req)


@pytest.mark.parametrize(
    ("category", "value", "expected"),
    [
        ("integer", "42", "42"),
        ("integer", 7.0, "7"),
        ("decimal", 1.25, "1.25"),
        ("boolean", "yes", "true"),
        ("date", "2024-02-03", "2024-02-03"),
        ("timestamp", "2024-02-03T04:05:06Z", "2024-02-03T04:05:06+00:00"),
        ("uuid", "12345678-1234-5678-1234-567812345678", "12345678-1234-5678-1234-567812345678"),
    ],
)
def test_values_are_normalised_per_type(category, value, expected):
    assert coerce_value(ColumnInfo(name="c", data_type="x", type_category=category), value) == expected


@pytest.mark.parametrize(
    ("category", "value"),
    [("integer", True), ("integer", "1.5"), ("date", "soon"), ("string", 5), ("decimal", "nan")],
)
def test_values_of_the_wrong_type_are_refused_without_echo(category, value):
    with pytest.raises(ValueError) as info:
        coerce_value(ColumnInfo(name="c", data_type="x", type_category=category), value)
    assert str(value) not in str(info.value)


def test_casts_drop_type_modifiers_so_values_are_never_truncated():
    varchar = ColumnInfo(
        name="c", data_type="character varying(3)", udt_name="varchar", type_category="string"
    )
    enum = ColumnInfo(name="e", data_type='"Sales".tier', udt_name="tier", type_category="enum")
    assert cast_type(varchar).as_string(None) == '"varchar"'
    assert cast_type(enum).as_string(None) == '"Sales".tier'
    assert op_problem(varchar, "like") is None
    assert op_problem(ColumnInfo(name="n", data_type="integer", type_category="integer"), "ilike")


def test_orphans_count_only_complete_references_without_parent():
    relationship = rel("items", "orders", cols=("o", "n"), pcols=("o", "n"))
    child = pa.table({"o": [1, 1, 2, None], "n": [1, 2, 1, 5]})
    parent = pa.table({"o": [1, 2], "n": [1, 1]})
    assert count_orphans(child, parent, relationship) == 1
    assert count_orphans(child, None, relationship) == 3
