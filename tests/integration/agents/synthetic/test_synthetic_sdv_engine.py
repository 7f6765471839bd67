"""The learned engine on small training data: HMA where the schema fits, composed mode beyond it.

Training data is made by the rules engine (a stand-in for a masked dataset version).
"""

from __future__ import annotations

import importlib.util

import pytest

from bench.synthetic_sdv import two_level
from tdm_agents.synthetic.engines.sdv_engine import hma_fits, schema_depth
from tdm_agents.synthetic.errors import SyntheticRequestError
from tdm_agents.synthetic.generate import MemorySink, generate_dataset
from tdm_agents.synthetic.packs import load_domain_pack
from tdm_agents.synthetic.schema_model import NormalizedSchema
from tdm_agents.synthetic.settings import SyntheticSettings

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("sdv") is None, reason="sdv is not installed (pip install tdm[sdv])"
    ),
    pytest.mark.slow,
    pytest.mark.timeout(300),
    # One test process imports SDV (and torch) for all of them, not one per process.
    pytest.mark.xdist_group("sdv"),
]
SETTINGS = SyntheticSettings(synthetic_batch_rows=1_000, synthetic_pool_size=300)


def _training(schema: NormalizedSchema, roots: dict[str, int]) -> MemorySink:
    sink = MemorySink()
    generate_dataset(schema, roots, seed=1, sink=sink, settings=SETTINGS)
    return sink


def test_hma_runs_where_the_schema_fits() -> None:
    schema = two_level()
    assert hma_fits(schema) and schema_depth(schema) == 2
    training = _training(schema, {"customer": 150})
    out = MemorySink()
    result = generate_dataset(
        schema,
        {"customer": 100},
        engine="sdv",
        seed=2,
        sink=out,
        training_read_table=training.read_table,
        settings=SETTINGS,
    )
    assert result.engine == "sdv" and result.validation.passed
    assert result.row_counts["customer"] == 100
    statuses = set(out.tables["order"]["status"].to_pylist())
    assert statuses <= {"pending", "paid", "shipped", "delivered", "cancelled", "returned"}
    assert result.quality is not None and result.quality.sdmetrics_available
    assert 0 < result.quality.column_shapes <= 1
    charts = {(c.table, c.column): c for c in result.quality.columns}
    status_chart = charts[("order", "status")]
    assert status_chart.kind == "categorical" and abs(sum(status_chart.real) - 1) < 1e-9
    assert charts[("order", "total_amount")].kind == "numeric"


def test_composed_mode_covers_deeper_schemas_with_learned_cardinalities() -> None:
    schema = load_domain_pack("ecommerce").schema_
    assert not hma_fits(schema) and schema_depth(schema) == 3
    training = _training(schema, {"customer": 120, "product": 40})
    out = MemorySink()
    result = generate_dataset(
        schema,
        {"customer": 80, "product": 30},
        engine="sdv",
        seed=3,
        sink=out,
        training_read_table=training.read_table,
        settings=SETTINGS,
    )
    assert result.validation.passed and result.validation.foreign_key_violations == 0
    assert set(out.tables) == {e.name for e in schema.entities}
    per_order = out.tables["order_item"].group_by("order_id").aggregate([("id", "count")])["id_count"]
    assert per_order.to_numpy().max() <= 30
    assert result.quality is not None and result.quality.per_table


def test_sdv_needs_training_data() -> None:
    with pytest.raises(SyntheticRequestError, match="needs a training dataset version"):
        generate_dataset(two_level(), {"customer": 10}, engine="sdv", sink=MemorySink(), settings=SETTINGS)
