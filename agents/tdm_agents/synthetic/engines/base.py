"""What every engine offers and what it writes to, so engines are interchangeable.

An engine may learn from training data (`fit`) and then writes each table to a sink with the
dataset store's shape, `write_table(table, batches, schema)`. A licence-clean learned engine can
be added later by implementing the same two methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import pyarrow as pa

from tdm_agents.common.progress import JobHooks
from tdm_agents.synthetic.scenarios import Scenario
from tdm_agents.synthetic.schema_model import NormalizedSchema

ReadTable = Callable[[str], Iterator[pa.RecordBatch]]
BatchObserver = Callable[[str, pa.RecordBatch], None]

# Default date windows end here rather than "today", so the same seed gives the same bytes on
# any day; callers pass another day to move the window.
DEFAULT_REFERENCE_DATE = date(2026, 1, 1)


class Sink(Protocol):
    """Where generated tables go: the dataset store, a Parquet directory, memory in tests."""

    def write_table(self, table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> object:
        """Consume every batch of one table (the dataset store's write side)."""


@dataclass
class GenerationOptions:
    """Per-run settings an engine needs besides the schema and row counts."""

    seed: int
    locale: str = "en_US"
    scenario: Scenario = field(default_factory=lambda: Scenario(name="default"))
    batch_rows: int = 100_000
    pool_size: int = 10_000
    reference_date: date = DEFAULT_REFERENCE_DATE
    observe: BatchObserver | None = None


@dataclass(frozen=True)
class GenerationRun:
    """One generation request: the schema, rows per table, settings, where rows go, job hooks."""

    schema: NormalizedSchema
    row_counts: dict[str, int]
    options: GenerationOptions
    sink: Sink
    hooks: JobHooks


class Engine(Protocol):
    """A generator of multi-table data from a normalized schema."""

    name: str

    def fit(self, schema: NormalizedSchema, read_table: ReadTable) -> None:
        """Learn from training tables (a no-op for engines that need none)."""

    def generate(self, run: GenerationRun) -> dict[str, int]:
        """Write every entity's rows to `run.sink`; returns rows written per table."""
