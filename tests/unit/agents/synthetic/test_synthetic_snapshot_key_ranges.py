"""A schema version read for generation: observed ranges do not bound integer keys or foreign keys
(a job may plan more rows than the source held); CHECK constraints and ordinary columns still bound."""

from __future__ import annotations

from tdm_agents.synthetic.snapshot_convert import from_snapshot
from tdm_metadata_store.snapshot import (
    CheckConstraintInfo,
    ColumnInfo,
    ColumnStats,
    RelationshipInfo,
    SchemaSnapshot,
    TableInfo,
)


def _int_column(name: str, low: str, high: str) -> ColumnInfo:
    return ColumnInfo(
        name=name, data_type="bigint", type_category="integer", nullable=False,
        stats=ColumnStats(min=low, max=high),
    )  # fmt: skip


def test_from_snapshot_frees_observed_key_ranges_unless_a_check_declares_them():
    accounts = TableInfo(
        schema_name="public", name="accounts", primary_key=["id"],
        columns=[_int_column("id", "1", "40"), _int_column("score", "3", "9")],
    )  # fmt: skip
    ledger = TableInfo(
        schema_name="public", name="ledger", primary_key=["id"],
        columns=[_int_column("id", "1", "90"), _int_column("account_id", "1", "40")],
        check_constraints=[CheckConstraintInfo(name="c", expression="CHECK ((id <= 100))")],
    )  # fmt: skip
    rel = RelationshipInfo(
        child_schema="public", child_table="ledger", child_columns=["account_id"],
        parent_schema="public", parent_table="accounts", parent_columns=["id"],
    )  # fmt: skip
    schema = from_snapshot(SchemaSnapshot(schemas=["public"], tables=[accounts, ledger], relationships=[rel]))
    account, entry = schema.entity("accounts"), schema.entity("ledger")
    assert (account.attribute("id").min, account.attribute("id").max) == (None, None)
    assert (entry.attribute("account_id").min, entry.attribute("account_id").max) == (None, None)
    assert (account.attribute("score").min, account.attribute("score").max) == (3.0, 9.0)
    assert entry.attribute("id").max == 90.0  # a declared range keeps the observed one inside it
