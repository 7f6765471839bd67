"""The completeness option in validation: which tables pulled-in parents bring children from."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tdm_agents.subsetting.errors import SubsetValidationError
from tdm_agents.subsetting.request import SubsetRequest
from tdm_agents.subsetting.validation import validate_request
from tests.unit.agents.subsetting.test_subset_graph_and_inputs import rel, snapshot

# rental -> customer, rental -> staff; payment -> rental, payment -> customer; note -> payment;
# customer -> address; review -> customer, review -> product.
SCHEMA = snapshot(
    ["address", "customer", "staff", "rental", "payment", "note", "review", "product"],
    [
        rel("rental", "customer", ["customer_id"]),
        rel("rental", "staff", ["staff_id"]),
        rel("payment", "rental", ["rental_id"]),
        rel("payment", "customer", ["customer_id"]),
        rel("note", "payment", ["payment_id"]),
        rel("customer", "address", ["address_id"]),
        rel("review", "customer", ["customer_id"]),
        rel("review", "product", ["product_id"]),
    ],
)


def resolve(depth: int, **request):
    request.setdefault("root_table", "rental")
    return validate_request(
        SubsetRequest(schema_version_id="sv", connection_string="postgresql://h/db",
                      include_children_of_parents=depth, **request),
        SCHEMA,
    )  # fmt: skip


def test_zero_keeps_todays_behaviour():
    resolved = resolve(0, max_depth=0)
    assert resolved.completion_depths == {}
    assert resolved.upstream_tables == {"customer", "staff", "address"}
    assert resolved.summary()["include_children_of_parents"] == 0


def test_pulled_in_parents_bring_children_to_the_chosen_depth():
    one = resolve(1, max_depth=0)
    assert one.completion_depths == {"rental": 1, "payment": 1, "review": 1, "customer": 1}
    two = resolve(2, max_depth=0)
    assert two.completion_depths["note"] == 2
    assert "note" not in one.completion_depths


def test_overrides_and_modes_limit_the_completion():
    resolved = resolve(
        1,
        max_depth=0,
        relationship_overrides=[{"parent_table": "staff", "follow_children": False},
                                {"parent_table": "customer", "child_table": "review", "follow_children": False}],
        mode={"payment": "skip", "note": "skip"},
        cut_nullable_fks=False,
    )  # fmt: skip
    assert resolved.completion_depths == {"rental": 1, "customer": 1}


def test_parents_of_completion_children_are_pulled_in_and_checked():
    resolved = resolve(1, root_table="note", max_depth=0)
    assert {"payment", "rental", "customer", "staff", "address"} <= resolved.upstream_tables
    assert "review" in resolved.completion_depths


def test_completion_children_referencing_a_skipped_table_are_refused():
    assert resolve(0, max_depth=0, mode={"product": "skip"}).completion_depths == {}
    with pytest.raises(SubsetValidationError) as caught:
        resolve(1, max_depth=0, mode={"product": "skip"})
    assert [p["field"] for p in caught.value.problems] == ["mode.product"]
    assert "include_children_of_parents" in caught.value.problems[0]["message"]


def test_depth_must_not_be_negative():
    with pytest.raises(ValidationError):
        resolve(-1)
