"""Sampling the learned engine into the sink.

Composed mode runs the rules engine's table pipeline (keys, references, date order, streaming
batches) with learned column values and learned children-per-parent counts. HMA mode samples all
tables at once at a scale matched to the requested root row counts, then fills the columns HMA
does not model with the rules engine's generators.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from tdm_agents.synthetic.engines.arrow_types import arrow_schema
from tdm_agents.synthetic.engines.base import GenerationOptions, GenerationRun
from tdm_agents.synthetic.engines.columns import ColumnContext, RowSpan, column_rng, generate_column
from tdm_agents.synthetic.engines.relations import generation_order, primary_parent
from tdm_agents.synthetic.engines.rules import column_context, generate_tables
from tdm_agents.synthetic.engines.sdv_engine import LearnedModel
from tdm_agents.synthetic.engines.sdv_fit import quietly
from tdm_agents.synthetic.engines.sdv_metadata import from_pandas
from tdm_agents.synthetic.engines.table_batches import LearnedColumns
from tdm_agents.synthetic.schema_model import Entity, NormalizedSchema


class _ComposedSource:
    """Learned values and counts, handed to the rules pipeline table by table."""

    def __init__(self, model: LearnedModel, schema: NormalizedSchema) -> None:
        self.model, self.schema = model, schema

    def observed_children(self, table: str) -> np.ndarray | None:
        """Training children-per-parent counts of the table's main reference."""
        primary = primary_parent(self.schema, table)
        if primary is None:
            return None
        return self.model.children_counts.get((table, tuple(primary.child_attributes)))

    def sampler(self, table: str) -> LearnedColumns | None:
        """Learned values for a span of rows of `table`, if it has a model."""
        synthesizer = self.model.synthesizers.get(table)
        entity = self.schema.entity(table)
        if synthesizer is None or entity is None:
            return None
        columns = self.model.modelled[table]

        def sample(span: RowSpan, batch: int) -> dict[str, pa.Array]:
            """One batch of learned column values."""
            frame = quietly(synthesizer.sample, num_rows=span.size)
            if isinstance(frame, dict):  # SDV 2 returns {table: DataFrame} from single-table models too
                frame = frame[table]
            return from_pandas(frame.reset_index(drop=True), entity, columns)

        return sample


def sample_composed(model: LearnedModel, run: GenerationRun) -> dict[str, int]:
    """Per-table learned models inside the rules pipeline."""
    return generate_tables(run, _ComposedSource(model, run.schema))


def sample_hma(model: LearnedModel, run: GenerationRun) -> dict[str, int]:
    """HMA samples every table at a scale matched to the root tables' requested rows."""
    schema, row_counts, options, hooks = run.schema, run.row_counts, run.options, run.hooks
    roots = [e.name for e in schema.entities if not schema.parents_of(e.name)]
    scale = float(np.mean([row_counts[r] / model.training_rows[r] for r in roots]))
    synthesizer = model.synthesizers["*"]
    sampled = quietly(getattr(synthesizer, "sample_scale", None) or synthesizer.sample, scale=scale)
    ctx = column_context(options, row_counts)
    written = {}
    for name in generation_order(schema):
        entity = schema.entity(name)
        assert entity is not None
        frame = sampled[name].reset_index(drop=True)
        learned = from_pandas(frame, entity, list(frame.columns))
        batches = list(_hma_batches(entity, learned, len(frame), ctx, options))
        for batch in batches:
            hooks.check_cancelled()
            if options.observe is not None:
                options.observe(name, batch)
        run.sink.write_table(name, batches, arrow_schema(entity))
        written[name] = len(frame)
        hooks.progress("generate_multi_table_data", len(written), len(schema.entities), name)
    return written


def _hma_batches(
    entity: Entity, learned: dict[str, pa.Array], rows: int, ctx: ColumnContext, options: GenerationOptions
) -> Iterator[pa.RecordBatch]:
    """HMA's columns, plus rules-generated values for the columns HMA does not model."""
    schema_out = arrow_schema(entity)
    for number, start in enumerate(range(0, rows, options.batch_rows)):
        span = RowSpan(start, min(start + options.batch_rows, rows), rows)
        columns = {}
        for attribute in entity.attributes:
            if attribute.name in learned:
                columns[attribute.name] = learned[attribute.name].slice(span.start, span.size)
            else:
                rng = column_rng(options.seed, entity.name, attribute.name, number)
                is_key = [attribute.name] == entity.primary_key
                columns[attribute.name] = generate_column(attribute, span, rng, ctx, entity.name, is_key)
        yield pa.RecordBatch.from_arrays([columns[f.name] for f in schema_out], schema=schema_out)
