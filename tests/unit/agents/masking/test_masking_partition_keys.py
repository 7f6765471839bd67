"""Rules propagate along keys declared on partitions, to the partitioned table the dataset holds."""

from __future__ import annotations

import pytest

from tdm_agents.masking.rules import RuleValidationError, validate_rules
from tdm_metadata_store.snapshot import ColumnInfo, RelationshipInfo, SchemaSnapshot, TableInfo


def _schema() -> SchemaSnapshot:
    key = ColumnInfo(name="email", data_type="text", type_category="string", nullable=False)
    customer = TableInfo(schema_name="public", name="customer", columns=[key], primary_key=["email"])
    payment = TableInfo(
        schema_name="public", name="payment", kind="partitioned_table", columns=[key.model_copy()],
        partitions=["public.payment_2024"],
    )  # fmt: skip
    part = TableInfo(
        schema_name="public", name="payment_2024", columns=[key.model_copy()], partition_of="public.payment"
    )
    # As a schema version discovered before keys were folded lists it: on the partition.
    declared = RelationshipInfo(
        name="payment_2024_email_fkey", child_schema="public", child_table="payment_2024",
        child_columns=["email"], parent_schema="public", parent_table="customer", parent_columns=["email"],
    )  # fmt: skip
    return SchemaSnapshot(tables=[customer, payment, part], relationships=[declared])


def test_rule_on_a_referenced_key_reaches_the_partitioned_table() -> None:
    rules = validate_rules({"customer.email": "mask.email_deterministic"}, _schema())
    by_target = {r.target: r for r in rules}
    assert set(by_target) == {"customer.email", "payment.email"}
    assert by_target["payment.email"].source == "foreign_key"


def test_masking_only_the_partitioned_reference_would_orphan_rows() -> None:
    with pytest.raises(RuleValidationError) as exc:
        validate_rules({"payment.email": "mask.hash"}, _schema())
    assert exc.value.problems[0]["field"] == "payment.email"
