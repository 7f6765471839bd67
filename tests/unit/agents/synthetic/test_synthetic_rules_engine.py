"""The rules engine: constraints hold, FKs resolve with realistic spreads, dates in order, seeds reproduce."""

from __future__ import annotations

import io
from collections.abc import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from tdm_agents.common.progress import JobCancelled, RecordingHooks
from tdm_agents.synthetic.errors import SyntheticRequestError
from tdm_agents.synthetic.generate import generate_dataset, preview
from tdm_agents.synthetic.packs import load_domain_pack
from tdm_agents.synthetic.schema_model import (
    Attribute,
    Entity,
    LogNormal,
    NormalizedSchema,
    Relationship,
    WeightedChoice,
)
from tdm_agents.synthetic.settings import SyntheticSettings
from tdm_agents.synthetic.validate import validate_tables


class TableSink:
    """Collects tables in memory, batch count included."""

    def __init__(self) -> None:
        self.tables: dict[str, pa.Table] = {}
        self.batches: dict[str, int] = {}

    def write_table(self, table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> None:
        collected = list(batches)
        self.batches[table] = len(collected)
        self.tables[table] = pa.Table.from_batches(collected, schema=schema)


def _settings(**overrides: object) -> SyntheticSettings:
    values: dict[str, object] = {"synthetic_batch_rows": 1_000, "synthetic_pool_size": 500}
    values.update(overrides)
    return SyntheticSettings.model_validate(values)


def _schema() -> NormalizedSchema:
    return NormalizedSchema(
        entities=[
            Entity(
                name="customer",
                primary_key=["id"],
                attributes=[
                    Attribute(name="id", type="integer", nullable=False),
                    Attribute(
                        name="email", semantic_type="email", unique=True, nullable=False, max_length=60
                    ),
                    Attribute(name="full_name", semantic_type="full_name", nullable=False, max_length=30),
                    Attribute(name="code", pattern=r"C[0-9]{5}", unique=True, nullable=False),
                    Attribute(name="age", type="integer", min=18, max=99, nullable=False),
                    Attribute(name="created_at", type="datetime", nullable=False),
                    Attribute(name="updated_at", type="datetime", nullable=False),
                ],
            ),
            Entity(
                name="order",
                primary_key=["id"],
                attributes=[
                    Attribute(name="id", type="uuid", nullable=False),
                    Attribute(name="customer_id", type="integer", nullable=False),
                    Attribute(
                        name="status",
                        nullable=False,
                        enum_values=["new", "paid", "void"],
                        distribution=WeightedChoice(weights={"new": 1, "paid": 8, "void": 1}),
                    ),
                    Attribute(
                        name="amount",
                        type="decimal",
                        scale=2,
                        min=1,
                        max=900,
                        nullable=False,
                        distribution=LogNormal(mu=3, sigma=0.5),
                    ),
                    Attribute(name="placed_at", type="date", nullable=False),
                    Attribute(name="note", max_length=12),
                ],
            ),
            Entity(
                name="employee",
                primary_key=["id"],
                attributes=[
                    Attribute(name="id", type="integer", nullable=False),
                    Attribute(name="manager_id", type="integer"),
                ],
            ),
        ],
        relationships=[
            Relationship(
                child_entity="order",
                child_attributes=["customer_id"],
                parent_entity="customer",
                parent_attributes=["id"],
                min_children=1,
                max_children=9,
                distribution="lognormal",
            ),
            Relationship(
                child_entity="employee",
                child_attributes=["manager_id"],
                parent_entity="employee",
                parent_attributes=["id"],
            ),
        ],
    )


def _run(schema: NormalizedSchema, counts: dict[str, int], **kwargs: object) -> tuple[TableSink, object]:
    sink = TableSink()
    kwargs.setdefault("settings", _settings())
    result = generate_dataset(schema, counts, sink=sink, seed=kwargs.pop("seed", 11), **kwargs)  # type: ignore[arg-type]
    return sink, result


def test_constraints_hold_and_fks_resolve_with_bounded_spread() -> None:
    sink, result = _run(_schema(), {"customer": 1_500, "order": 6_000, "employee": 200})
    assert result.validation.passed and result.validation.foreign_key_violations == 0
    assert result.row_counts == {"customer": 1_500, "order": 6_000, "employee": 200}
    customers, orders = sink.tables["customer"], sink.tables["order"]
    assert sink.batches["order"] == 6  # streamed in batches, not one table
    assert pc.count_distinct(customers["email"]).as_py() == 1_500
    assert pc.count_distinct(customers["code"]).as_py() == 1_500
    assert all(c.startswith("C") and len(c) == 6 for c in customers["code"].to_pylist()[:50])
    assert pc.max(pc.utf8_length(customers["full_name"])).as_py() <= 30
    per_customer = orders.group_by("customer_id").aggregate([("id", "count")])["id_count"].to_numpy()
    assert len(per_customer) == 1_500 and per_customer.min() >= 1 and per_customer.max() <= 9
    assert per_customer.std() > 0.5  # a spread, not every customer with the same count
    shares = pc.value_counts(orders["status"]).to_pylist()
    paid = next(s["counts"] for s in shares if s["values"] == "paid") / orders.num_rows
    assert 0.72 < paid < 0.88
    amounts = pc.cast(orders["amount"], pa.float64()).to_numpy()
    assert amounts.min() >= 1 and amounts.max() <= 900 and np.median(amounts) < 40  # lognormal around e^3
    assert orders["id"].null_count == 0 and pc.count_distinct(orders["id"]).as_py() == 6_000


def test_dates_are_ordered_within_rows_and_after_parents() -> None:
    sink, _ = _run(_schema(), {"customer": 300, "order": 900, "employee": 10})
    customers, orders = sink.tables["customer"], sink.tables["order"]
    assert pc.all(pc.less_equal(customers["created_at"], customers["updated_at"])).as_py()
    joined = orders.join(
        customers.select(["id", "created_at"]).rename_columns(["customer_id", "c_created"]),
        keys="customer_id",
    )
    parent_day = pc.cast(joined["c_created"], pa.date32())
    assert pc.all(pc.greater_equal(joined["placed_at"], parent_day)).as_py()


def test_self_reference_points_at_earlier_rows() -> None:
    sink, _ = _run(_schema(), {"customer": 10, "order": 10, "employee": 300})
    employees = sink.tables["employee"]
    ids, managers = employees["id"].to_numpy(), employees["manager_id"].to_pylist()
    assert any(m is None for m in managers) and any(m is not None for m in managers)
    assert all(m is None or m <= i for i, m in zip(ids, managers, strict=True))


def _parquet_bytes(tables: dict[str, pa.Table]) -> dict[str, bytes]:
    out = {}
    for name, table in tables.items():
        buffer = io.BytesIO()
        pq.write_table(table, buffer)
        out[name] = buffer.getvalue()
    return out


def test_same_seed_gives_byte_identical_output_and_another_seed_differs() -> None:
    counts = {"customer": 400, "order": 1_000, "employee": 50}
    first, _ = _run(_schema(), counts, seed=5)
    second, _ = _run(_schema(), counts, seed=5)
    third, _ = _run(_schema(), counts, seed=6)
    assert _parquet_bytes(first.tables) == _parquet_bytes(second.tables)
    assert _parquet_bytes(first.tables)["order"] != _parquet_bytes(third.tables)["order"]


def test_edge_cases_scenario_mixes_boundaries_unicode_and_nulls() -> None:
    sink, result = _run(_schema(), {"customer": 2_000, "order": 2_000, "employee": 10}, scenario="edge_cases")
    assert result.validation.passed
    ages = sink.tables["customer"]["age"].to_numpy()
    assert (ages == 18).sum() > 100 and (ages == 99).sum() > 100
    names = sink.tables["customer"]["full_name"].to_pylist()
    assert any(not n.isascii() for n in names)
    notes = sink.tables["order"]["note"]
    assert notes.null_count > 100 and pc.max(pc.utf8_length(notes)).as_py() == 12


def test_every_domain_pack_generates_valid_data() -> None:
    for name in ("ecommerce", "banking", "telecom", "healthcare", "insurance"):
        schema = load_domain_pack(name).schema_
        roots = {e.name: 40 for e in schema.entities if not schema.parents_of(e.name)}
        sink, result = _run(schema, roots, scenario="edge_cases")
        assert result.validation.passed, (name, result.validation.violations)
        assert set(sink.tables) == {e.name for e in schema.entities}


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({"customer": 0}, "must be positive"),
        ({"customer": -5}, "must be positive"),
        ({"nobody": 5}, "unknown entities"),
        ({"customer": 2_000, "order": 5_000}, "the limit is 5000"),
    ],
)
def test_bad_row_counts_are_refused(counts: dict[str, int], message: str) -> None:
    with pytest.raises(SyntheticRequestError, match=message):
        _run(_schema(), counts, settings=_settings(synthetic_max_rows=5_000))


def test_unknown_scenario_engine_and_locale_are_refused() -> None:
    with pytest.raises(SyntheticRequestError, match="unknown scenario"):
        _run(_schema(), {"customer": 5}, scenario="nope")
    with pytest.raises(SyntheticRequestError, match="unknown engine"):
        _run(_schema(), {"customer": 5}, engine="magic")
    with pytest.raises(SyntheticRequestError, match="unknown locale"):
        _run(_schema(), {"customer": 5}, locale="xx_XX")


def test_progress_and_cancellation_between_batches() -> None:
    hooks = RecordingHooks()
    _run(_schema(), {"customer": 3_000, "order": 3_000, "employee": 10}, hooks=hooks)
    assert hooks.events[-1][1:3] == (6_010, 6_010)
    with pytest.raises(JobCancelled):
        _run(_schema(), {"customer": 3_000}, hooks=RecordingHooks(cancel_after_checks=1))


def test_locale_changes_the_pools() -> None:
    sink, _ = _run(_schema(), {"customer": 200, "order": 200, "employee": 5}, locale="ja_JP")
    assert any(not n.isascii() for n in sink.tables["customer"]["full_name"].to_pylist())


def test_preview_is_small_and_valid() -> None:
    rows = preview(load_domain_pack("ecommerce").schema_, rows=5)
    assert set(rows) >= {"customer", "order", "order_item", "payment"}
    assert all(len(v) == 5 for v in rows.values())
    customer_ids = {r["id"] for r in rows["customer"]}
    assert {r["customer_id"] for r in rows["order"]} <= customer_ids


def test_validation_catches_what_generation_must_never_produce() -> None:
    schema = _schema()
    sink, _ = _run(schema, {"customer": 50, "order": 100, "employee": 5})
    orders = sink.tables["order"]
    broken = {
        **sink.tables,
        "order": orders.set_column(
            1, "customer_id", pa.array([10_000] * orders.num_rows, pa.int64())
        ).set_column(2, "status", pa.array(["lost"] * orders.num_rows)),
        "customer": sink.tables["customer"]
        .set_column(4, "age", pa.array([7] * 50, pa.int64()))
        .set_column(1, "email", pa.array(["same@x.org"] * 50)),
    }
    report = validate_tables(schema, broken)
    checks = {(v.table, v.check) for v in report.violations}
    assert report.foreign_key_violations == 100
    assert {
        ("order", "foreign_key"),
        ("order", "enum"),
        ("customer", "range"),
        ("customer", "unique"),
    } <= checks
