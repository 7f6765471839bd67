"""The engine over record batches and datasets; integrity and leak checks; preview."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from tdm_agents.common.progress import JobCancelled, RecordingHooks
from tdm_agents.masking.engine import mask_dataset, mask_table
from tdm_agents.masking.preview import preview
from tdm_agents.masking.rules import ResolvedRule, validate_rules
from tdm_agents.masking.validator import check_integrity, leak_check
from tests.unit.agents.masking.masking_support import context, shop_schema

ROWS = 300


def _dataset() -> dict[str, pa.Table]:
    emails = [f"customer{i}@mail.test" for i in range(ROWS)]
    customers = pa.table({
        "id": pa.array(range(ROWS), pa.int64()),
        "email": emails,
        "name": [f"Name {i}" for i in range(ROWS)],
        "pan": ["4111111111111111"] * ROWS,
        "phone": [f"555-01{i:04d}" if i % 10 else None for i in range(ROWS)],
        "dob": pa.array([None] * ROWS, pa.date32()),
        "notes": [json.dumps({"email": e}) for e in emails],
    })  # fmt: skip
    orders = pa.table({
        "id": pa.array(range(ROWS * 2), pa.int64()),
        "customer_email": [emails[i % ROWS] for i in range(ROWS * 2)],
        "placed": pa.array([None] * (ROWS * 2), pa.date32()),
    })  # fmt: skip
    audit = pa.table({"id": pa.array(range(50), pa.int64()), "order_email": emails[:50]})
    return {"customers": customers, "orders": orders, "audit": audit}


class MemoryDataset:
    """Tables as Arrow tables, read in small batches, as the dataset store would serve them."""

    def __init__(self, tables: dict[str, pa.Table]) -> None:
        self.tables = dict(tables)

    def read(self, table: str, columns: list[str] | None = None):
        data = self.tables[table]
        return (data.select(columns) if columns else data).to_batches(max_chunksize=64)

    def write(self, table: str, batches, schema) -> None:
        self.tables[table] = pa.Table.from_batches(list(batches), schema=schema)


RULES = {
    "customers.email": "mask.email_deterministic",
    "customers.name": "mask.fake_name",
    "customers.pan": "mask.fpe_pan",
    "customers.phone": "mask.fpe_digits",
    "customers.notes": {
        "type": "mask.json_path",
        "options": {"paths": ["$.email"], "rule": {"type": "mask.hash"}},
    },
}


def _masked() -> tuple[MemoryDataset, MemoryDataset, list[ResolvedRule]]:
    source = MemoryDataset(_dataset())
    target = MemoryDataset({})
    rules = validate_rules(RULES, shop_schema())
    hooks = RecordingHooks()
    result = mask_dataset(source.read, target.write, list(source.tables), rules, context(), hooks)
    assert [t.rows_out for t in result.tables] == [ROWS, ROWS * 2, 50]
    assert hooks.events[-1][1:3] == (3, 3)
    assert {"column": "customer_email", "rule": "mask.email_deterministic", "source": "foreign_key",
            "derived_from": "customers.email"} in result.column_rules  # fmt: skip
    return source, target, rules


def test_dataset_masking_keeps_rows_types_nulls_and_joins() -> None:
    source, target, rules = _masked()
    for name, original in source.tables.items():
        assert target.tables[name].schema == original.schema
        assert target.tables[name].num_rows == original.num_rows
    phones = target.tables["customers"].column("phone")
    assert phones.null_count == source.tables["customers"].column("phone").null_count
    report = check_integrity(target.read, shop_schema(), list(target.tables))
    assert report.ok and report.row_counts == {"customers": ROWS, "orders": ROWS * 2, "audit": 50}
    assert [o.orphans for o in report.orphans] == [0, 0]


def test_integrity_check_finds_orphans_of_a_broken_rule_set() -> None:
    source = MemoryDataset(_dataset())
    target = MemoryDataset({})
    broken = [r for r in validate_rules(RULES, shop_schema()) if r.source == "explicit"]
    mask_dataset(source.read, target.write, list(source.tables), broken, context())
    report = check_integrity(target.read, shop_schema(), list(target.tables))
    assert not report.ok
    assert {o.relationship: o.orphans for o in report.orphans}["orders_customer_email_fkey"] == ROWS * 2


def test_leak_check_passes_real_rules_and_catches_an_identity_rule() -> None:
    source, target, rules = _masked()
    report = leak_check(source.read, target.read, rules)
    assert report.ok, report.summary()
    assert {c.column for c in report.columns} >= {"email", "pan", "phone"}
    identity = validate_rules(
        {"customers.name": {"type": "mask.regex_replace", "options": {"pattern": "^$", "replacement": "x"}}},
        shop_schema(),
    )
    leaked = MemoryDataset(_dataset())
    mask_dataset(source.read, leaked.write, ["customers"], identity, context())
    bad = leak_check(source.read, leaked.read, identity)
    assert not bad.ok and bad.columns[0].exact_matches == ROWS
    assert "Name 1" not in bad.summary()


def test_cancel_is_checked_between_batches() -> None:
    source = MemoryDataset(_dataset())
    with pytest.raises(JobCancelled):
        mask_dataset(source.read, MemoryDataset({}).write, list(source.tables), [], context(),
                     RecordingHooks(cancel_after_checks=3))  # fmt: skip


def test_shuffle_in_two_passes_or_buffered_gives_the_same_result() -> None:
    data = _dataset()["orders"]
    rules = [
        ResolvedRule(
            table="orders", column="customer_email", type="mask.shuffle", options={}, category="string"
        )
    ]
    buffered = pa.Table.from_batches(list(mask_table("orders", data.to_batches(64), rules, context())))
    reader = lambda cols: data.select(cols).to_batches(50)  # noqa: E731
    streamed = pa.Table.from_batches(
        list(mask_table("orders", data.to_batches(64), rules, context(), reader))
    )
    assert buffered.equals(streamed)
    assert sorted(buffered.column("customer_email").to_pylist()) == sorted(
        data.column("customer_email").to_pylist()
    )


def test_preview_returns_before_and_after() -> None:
    rows = _dataset()["customers"].slice(0, 5)
    rules = validate_rules({"customers.email": "mask.email_deterministic"}, shop_schema())
    before, after = preview(rows, rules, context())
    assert before.equals(rows) and after.num_rows == 5
    assert after.column("email").to_pylist() != rows.column("email").to_pylist()
    assert after.column("name").equals(rows.column("name"))
