"""The default engine: semantic generators and constraint-aware draws, no training data needed.

Tables are generated parents first, batch by batch, straight into the sink. Faker runs only to
fill value pools; every row value is a numpy draw or an Arrow kernel over a pool.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import pyarrow as pa

from tdm_agents.synthetic.engines.arrow_types import arrow_schema
from tdm_agents.synthetic.engines.base import GenerationOptions, GenerationRun, ReadTable
from tdm_agents.synthetic.engines.columns import ColumnContext
from tdm_agents.synthetic.engines.pools import ValuePools
from tdm_agents.synthetic.engines.relations import generation_order
from tdm_agents.synthetic.engines.table_batches import (
    GeneratedTable,
    LearnedColumns,
    plan_table,
    table_batches,
)
from tdm_agents.synthetic.engines.values_numeric import reference_datetime
from tdm_agents.synthetic.errors import SyntheticRequestError
from tdm_agents.synthetic.schema_model import NormalizedSchema


class LearnedSource(Protocol):
    """What a learned engine contributes to table generation."""

    def observed_children(self, table: str) -> np.ndarray | None:
        """Children per parent seen in training for the table's main reference, if learned."""

    def sampler(self, table: str) -> LearnedColumns | None:
        """A function giving learned column values for a span of rows, if the table has a model."""


class RulesEngine:
    """Generates from the schema's declared types, constraints, distributions and cardinalities."""

    name = "rules"

    def fit(self, schema: NormalizedSchema, read_table: ReadTable) -> None:
        """The rules engine learns nothing; training data is used only for the quality report."""
        return None

    def generate(self, run: GenerationRun) -> dict[str, int]:
        """Write every entity in `run.row_counts` to the sink, parents first; returns rows per table."""
        return generate_tables(run)


def column_context(options: GenerationOptions, row_counts: dict[str, int]) -> ColumnContext:
    """Value pools and per-run settings shared by every column generator of one run."""
    return ColumnContext(
        # A pool larger than the biggest table adds Faker time and no variety.
        pools=ValuePools(
            options.seed, options.locale, min(options.pool_size, max(500, *row_counts.values()))
        ),
        scenario=options.scenario,
        seed=options.seed,
        reference=reference_datetime(options.reference_date),
    )


def generate_tables(run: GenerationRun, learned: LearnedSource | None = None) -> dict[str, int]:
    """Generate tables parents first; a learned engine may supply column values and child counts."""
    schema, row_counts, options, hooks = run.schema, run.row_counts, run.options, run.hooks
    ctx = column_context(options, row_counts)
    generated: dict[str, GeneratedTable] = {}
    written: dict[str, int] = {}
    order = generation_order(schema)
    total = sum(row_counts[name] for name in order)
    done = 0
    for name in order:
        entity = schema.entity(name)
        if entity is None or name not in row_counts:
            raise SyntheticRequestError(f"no row count planned for entity {name!r}")
        observed = learned.observed_children(name) if learned is not None else None
        plan = plan_table(schema, entity, row_counts[name], generated, options.seed, observed)

        def observe(batch: pa.RecordBatch, table: str = name) -> None:
            """Between batches: honour cancellation, run the checks, report progress."""
            nonlocal done
            hooks.check_cancelled()
            if options.observe is not None:
                options.observe(table, batch)
            done += batch.num_rows
            hooks.progress("generate_multi_table_data", done, total, table)

        sampler = learned.sampler(name) if learned is not None else None
        batches = table_batches(plan, generated, ctx, options.batch_rows, observe, sampler)
        run.sink.write_table(name, batches, arrow_schema(entity))
        written[name] = plan.rows
        hooks.log(f"generated {plan.rows} rows of {name}", stage="generate_multi_table_data")
    return written
