"""The engine's entry points: `generate_dataset` (streams to a sink) and `preview` (small, in memory).

Both validate the request first (row counts positive and under the cap, entities known, scenario
known), then run the chosen engine with constraint checks observing every batch.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, Literal

import pyarrow as pa
from pydantic import BaseModel, Field

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.synthetic.engines.base import (
    DEFAULT_REFERENCE_DATE,
    Engine,
    GenerationOptions,
    GenerationRun,
    ReadTable,
    Sink,
)
from tdm_agents.synthetic.engines.relations import plan_row_counts
from tdm_agents.synthetic.engines.rules import RulesEngine
from tdm_agents.synthetic.errors import SyntheticRequestError
from tdm_agents.synthetic.packs import load_domain_pack, scenario_for
from tdm_agents.synthetic.privacy import HoldoutSplit, holdout_split
from tdm_agents.synthetic.quality import QualityReport, SampleKeeper, quality_report
from tdm_agents.synthetic.scenarios import Scenario
from tdm_agents.synthetic.schema_model import NormalizedSchema
from tdm_agents.synthetic.settings import SyntheticSettings, get_settings
from tdm_agents.synthetic.validate import ConstraintChecker, ValidationReport

EngineName = Literal["rules", "sdv"]


class GenerationResult(BaseModel):
    """What a generation run produced: rows per table, checks, quality and timings (no row data)."""

    engine: str
    seed: int
    scenario: str
    row_counts: dict[str, int]
    validation: ValidationReport
    quality: QualityReport | None = None
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds per stage")

    @property
    def total_rows(self) -> int:
        """Rows over all tables."""
        return sum(self.row_counts.values())


def make_engine(name: str) -> Engine:
    """The engine called `name`; `sdv` raises EngineUnavailable when SDV is not installed."""
    if name == "rules":
        return RulesEngine()
    if name == "sdv":
        from tdm_agents.synthetic.engines.sdv_engine import SdvEngine

        return SdvEngine()
    raise SyntheticRequestError(f"unknown engine {name!r} (known: rules, sdv)")


def resolve_scenario(schema: NormalizedSchema, scenario: str | Scenario) -> Scenario:
    """A scenario by name: from the schema's domain pack when it came from one, else a built-in."""
    if isinstance(scenario, Scenario):
        return scenario
    pack_name = next((s.reference for s in schema.sources if s.kind == "domain_pack"), None)
    return scenario_for(load_domain_pack(pack_name) if pack_name else None, scenario)


def plan_rows(
    schema: NormalizedSchema, row_counts: dict[str, int], scenario: Scenario, max_rows: int, default_rows: int
) -> dict[str, int]:
    """Rows per entity after defaults and the scenario multiplier; refuses totals over `max_rows`."""
    if not schema.entities:
        raise SyntheticRequestError("the schema has no entities to generate")
    planned = plan_row_counts(schema, row_counts, default_rows, scenario.row_multiplier)
    total = sum(planned.values())
    if total > max_rows:
        raise SyntheticRequestError(
            f"{total} rows requested in all; the limit is {max_rows} (TDM_SYNTHETIC_MAX_ROWS)"
        )
    return planned


def generate_dataset(
    schema: NormalizedSchema,
    row_counts: dict[str, int],
    engine: EngineName | str = "rules",
    seed: int | None = None,
    locale: str = "en_US",
    scenario: str | Scenario = "default",
    sink: Sink | None = None,
    hooks: JobHooks | None = None,
    training_read_table: ReadTable | None = None,
    max_rows: int | None = None,
    settings: SyntheticSettings | None = None,
    reference_date: date = DEFAULT_REFERENCE_DATE,
) -> GenerationResult:
    """Generate every entity of `schema` into `sink` and check the result.

    `row_counts` names rows per entity; entities left out get their parent's rows times the
    relationship's mean children, or their default rows. `seed` makes the output reproducible
    (a random one is drawn and reported when None). With `training_read_table` the `sdv` engine
    learns from it, and either engine's output is compared with it in `quality`.
    """
    if sink is None:
        raise SyntheticRequestError("a sink is required (the dataset store's write_table)")
    settings = settings or get_settings()
    hooks = hooks or NullHooks()
    chosen = resolve_scenario(schema, scenario)
    limit = max_rows or settings.synthetic_max_rows
    planned = plan_rows(schema, row_counts, chosen, limit, settings.synthetic_default_rows)
    worker = make_engine(engine)
    if engine == "sdv" and training_read_table is None:
        raise SyntheticRequestError("the sdv engine needs a training dataset version")
    timings: dict[str, float] = {}
    split = _holdout(schema, training_read_table, worker.name)
    if training_read_table is not None:
        started = time.perf_counter()
        hooks.log(f"fitting the {engine} engine", stage="train_sdv_relational_model")
        worker.fit(schema, split.train if split is not None else training_read_table)
        timings["fit"] = time.perf_counter() - started
    checks = _RunChecks(schema, settings, keep_sample=training_read_table is not None)
    run_seed = seed if seed is not None else secrets.randbits(63)
    options = GenerationOptions(
        seed=run_seed,
        locale=locale,
        scenario=chosen,
        batch_rows=settings.synthetic_batch_rows,
        pool_size=settings.synthetic_pool_size,
        reference_date=reference_date,
        observe=checks.observe,
    )
    started = time.perf_counter()
    written = worker.generate(GenerationRun(schema, planned, options, sink, hooks))
    timings["generate"] = time.perf_counter() - started
    started = time.perf_counter()
    validation, quality = checks.finish(training_read_table, split)
    timings["validate"] = time.perf_counter() - started
    hooks.log(
        f"validation: {validation.foreign_key_violations} FK violations, {len(validation.violations)} broken checks",
        stage="validate_distribution",
    )
    return GenerationResult(
        engine=worker.name,
        seed=run_seed,
        scenario=chosen.name,
        row_counts=written,
        validation=validation,
        quality=quality,
        timings=timings,
    )


class _RunChecks:
    """Observes every generated batch: constraint checks always, a sample when training data exists."""

    def __init__(self, schema: NormalizedSchema, settings: SyntheticSettings, keep_sample: bool) -> None:
        self.schema, self.settings = schema, settings
        self.checker = ConstraintChecker(schema)
        self.keeper = SampleKeeper(settings.synthetic_validation_sample_rows) if keep_sample else None

    def observe(self, table: str, batch: pa.RecordBatch) -> None:
        """Check one batch (and keep it for the quality report while the sample has room)."""
        self.checker.observe(table, batch)
        if self.keeper is not None:
            self.keeper.observe(table, batch)

    def finish(
        self, training: ReadTable | None, split: HoldoutSplit | None
    ) -> tuple[ValidationReport, QualityReport | None]:
        """The constraint report, and the quality report when training data was given."""
        quality = None
        if training is not None and self.keeper is not None:
            sample_rows = self.settings.synthetic_validation_sample_rows
            note = _privacy_note(self.schema, split)
            quality = quality_report(self.schema, training, self.keeper.tables(), sample_rows, split, note)
        return self.checker.report(), quality


def _holdout(schema: NormalizedSchema, training: ReadTable | None, engine: str) -> HoldoutSplit | None:
    """A holdout for engines that learn from rows (the rules engine learns nothing: no holdout needed)."""
    if training is None or engine == "rules":
        return None
    return holdout_split(schema, training)


def _privacy_note(schema: NormalizedSchema, split: HoldoutSplit | None) -> str | None:
    if split is None:
        return "rules engine: no rows were learned, so membership figures do not apply"
    related = len(schema.entities) - len(split.tables)
    if related:
        return f"{related} table(s) in relationships were fitted whole: no holdout, no membership figures"
    return None


class MemorySink:
    """Keeps generated tables in memory; `read_table` gives them back as training data."""

    def __init__(self) -> None:
        self.tables: dict[str, pa.Table] = {}

    def write_table(self, table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> int:
        """Keep the table in memory; returns its rows."""
        self.tables[table] = pa.Table.from_batches(list(batches), schema=schema)
        return self.tables[table].num_rows

    def read_table(self, table: str) -> Iterator[pa.RecordBatch]:
        """The batches of a kept table (a `ReadTable`)."""
        return iter(self.tables[table].to_batches())


def preview(
    schema: NormalizedSchema,
    rows: int = 20,
    seed: int | None = 0,
    locale: str = "en_US",
    scenario: str | Scenario = "default",
    settings: SyntheticSettings | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """A few rows per entity, generated synchronously by the rules engine (for `POST /synthetic/preview`)."""
    if rows <= 0 or rows > 1_000:
        raise SyntheticRequestError("preview rows must be between 1 and 1000")
    sink = MemorySink()
    counts = {entity.name: rows for entity in schema.entities}
    generate_dataset(
        schema, counts, seed=seed, locale=locale, scenario=scenario, sink=sink, settings=settings
    )
    return {name: table.slice(0, rows).to_pylist() for name, table in sink.tables.items()}
