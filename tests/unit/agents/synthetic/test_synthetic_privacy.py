"""Privacy figures of synthetic data on small known tables: copies, distances, membership, holdout."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from tdm_agents.synthetic.generate import MemorySink, generate_dataset
from tdm_agents.synthetic.privacy import (
    HOLDOUT_EVERY,
    closest_distances,
    encode,
    exact_copy_rate,
    holdout_split,
    membership_auc,
    table_privacy,
)
from tdm_agents.synthetic.schema_model import Attribute, Entity, NormalizedSchema, Relationship


def people(n: int, seed: int, offset: float = 0.0) -> pa.Table:
    rng = np.random.default_rng(seed)
    return pa.table({
        "id": pa.array(range(n), type=pa.int64()),
        "age": pa.array(rng.integers(18, 90, n) + offset),
        "income": pa.array(rng.normal(50_000, 15_000, n) + offset * 1000),
        "city": pa.array(rng.choice(["Berlin", "Paris", "Madrid", "Rome", "Oslo"], n)),
    })  # fmt: skip


def test_an_exact_copy_has_copy_rate_one_and_distance_zero() -> None:
    real = people(300, 1)
    figures = table_privacy(real, real, None, keys={"id"})
    assert figures is not None
    assert figures.exact_copy_rate == 1.0 and figures.dcr_median == 0.0 and figures.dcr_p05 == 0.0
    assert figures.columns_compared == 3 and figures.membership_auc is None


def test_unrelated_data_has_no_copies_and_positive_distances() -> None:
    figures = table_privacy(people(300, 2, offset=500.0), people(300, 1), None, keys={"id"})
    assert figures is not None
    assert figures.exact_copy_rate == 0.0 and figures.dcr_p05 > 0.1


def test_copying_the_training_rows_is_caught_by_the_holdout_figures() -> None:
    training, holdout = people(400, 3), people(400, 4)
    leaky = table_privacy(training, training, holdout, keys={"id"})
    assert leaky is not None and leaky.holdout_rows == 400 and leaky.membership_auc is not None
    assert leaky.closer_to_training_share == 1.0 and leaky.membership_auc > 0.95
    fresh = table_privacy(people(400, 5), training, holdout, keys={"id"})
    assert (
        fresh is not None and fresh.closer_to_training_share is not None and fresh.membership_auc is not None
    )
    assert abs(fresh.closer_to_training_share - 0.5) < 0.1 and abs(fresh.membership_auc - 0.5) < 0.1


def test_membership_auc_counts_ties_as_half() -> None:
    assert membership_auc(np.array([3.0, 4.0]), np.array([1.0, 2.0])) == 1.0
    assert membership_auc(np.array([1.0]), np.array([1.0])) == 0.5
    assert membership_auc(np.array([0.0, 0.0]), np.array([1.0, 2.0])) == 0.0


def test_gower_distance_scales_numbers_and_counts_nulls_as_different() -> None:
    reference = pa.table({"x": [0.0, 10.0], "c": ["a", "b"]})
    rows = pa.table({"x": [5.0, None], "c": ["a", None]})
    (ref_m, rows_m), categorical = encode(["x", "c"], [reference, rows])
    assert categorical.tolist() == [False, True]
    distances = closest_distances(rows_m, ref_m, categorical)
    assert distances.tolist() == pytest.approx([0.25, 1.0])


def test_exact_copies_compare_nulls_as_equal() -> None:
    synthetic = pa.table({"a": [1, None, 3], "b": ["x", "y", None]})
    training = pa.table({"a": [1, None, 4], "b": ["x", "y", "z"]})
    assert exact_copy_rate(synthetic, training, ["a", "b"]) == pytest.approx(2 / 3)


def _schema() -> NormalizedSchema:
    return NormalizedSchema(
        entities=[
            Entity(name="solo", primary_key=["id"], attributes=[Attribute(name="id", type="integer"), Attribute(name="v", type="integer")]),
            Entity(name="parent", primary_key=["id"], attributes=[Attribute(name="id", type="integer")]),
            Entity(name="child", primary_key=["id"], attributes=[Attribute(name="id", type="integer"), Attribute(name="parent_id", type="integer")]),
        ],
        relationships=[Relationship(parent_entity="parent", parent_attributes=["id"], child_entity="child", child_attributes=["parent_id"])],
    )  # fmt: skip


def test_holdout_split_holds_out_every_fifth_row_of_unrelated_tables_only() -> None:
    sink = MemorySink()
    for name in ("solo", "parent"):
        sink.tables[name] = pa.table({"id": pa.array(range(100), type=pa.int64())})
    split = holdout_split(_schema(), sink.read_table)
    assert split.tables == frozenset({"solo"})
    held = pa.Table.from_batches(list(split.holdout("solo"))).column("id").to_pylist()
    kept = pa.Table.from_batches(list(split.train("solo"))).column("id").to_pylist()
    assert held == list(range(HOLDOUT_EVERY - 1, 100, HOLDOUT_EVERY)) and sorted(held + kept) == list(
        range(100)
    )
    assert len(pa.Table.from_batches(list(split.train("parent")))) == 100
    assert list(split.holdout("parent")) == []


def test_rules_engine_output_gets_its_privacy_report() -> None:
    schema = NormalizedSchema(entities=[_schema().entities[0]])
    training = MemorySink()
    generate_dataset(schema, {"solo": 200}, "rules", seed=1, sink=training)
    output = MemorySink()
    result = generate_dataset(
        schema, {"solo": 200}, "rules", seed=2, sink=output, training_read_table=training.read_table
    )
    assert result.quality is not None and result.quality.privacy is not None
    privacy = result.quality.privacy
    assert set(privacy.per_table) == {"solo"} and privacy.exact_copy_rate is not None
    assert privacy.membership_auc is None and "rules engine" in (privacy.note or "")
