"""How to read a bounded sample of a table whatever its size.

The cost of profiling must not grow with the table: past a size, `TABLESAMPLE SYSTEM` reads a
fraction of the table's pages chosen so that about `sample_size` rows come back. Mid-sized
tables use `BERNOULLI` (every page is visited but rows are picked independently, which avoids the
clustering of page sampling), and small tables are read whole (sampling a few pages would
return a lumpy, sometimes empty, sample).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from psycopg import sql

# A heap page holds tens of rows for typical widths; used only when the table was never ANALYZEd.
ROWS_PER_PAGE_GUESS = 60
# Above sample_size x this many rows, a full BERNOULLI pass costs too much and SYSTEM takes over.
BERNOULLI_MAX_FACTOR = 50
# Ask for a little more than needed: the sampling methods return a random number of rows.
OVERSAMPLE = 1.5
MIN_PERCENT = 0.000001

SamplingMethod = Literal["full", "bernoulli", "system"]


@dataclass(frozen=True)
class SamplingPlan:
    """The chosen method, its percentage (for TABLESAMPLE) and the row cap."""

    method: SamplingMethod
    percent: float | None
    limit: int

    def from_clause(self, relation: sql.Composable) -> sql.Composable:
        """`relation [TABLESAMPLE method (p)]`, ready to put after FROM (the LIMIT goes at the end)."""
        if self.method == "full" or self.percent is None:
            return relation
        method = sql.SQL("SYSTEM") if self.method == "system" else sql.SQL("BERNOULLI")
        return sql.SQL("{} TABLESAMPLE {} ({})").format(relation, method, sql.Literal(round(self.percent, 6)))


def estimated_rows(reltuples: int | None, heap_pages: int) -> int:
    """Rows by the catalog's estimate, else guessed from the current page count."""
    if reltuples is not None and reltuples >= 0:
        return int(reltuples)
    return heap_pages * ROWS_PER_PAGE_GUESS


def plan_sampling(reltuples: int | None, heap_pages: int, sample_size: int) -> SamplingPlan:
    """Pick the cheapest method that yields about `sample_size` rows from a table of this size."""
    rows = estimated_rows(reltuples, heap_pages)
    if rows <= sample_size:
        return SamplingPlan("full", None, sample_size)
    percent = max(MIN_PERCENT, min(100.0, 100.0 * sample_size * OVERSAMPLE / rows))
    if percent >= 100.0:
        return SamplingPlan("full", None, sample_size)
    method: SamplingMethod = "bernoulli" if rows <= sample_size * BERNOULLI_MAX_FACTOR else "system"
    return SamplingPlan(method, percent, sample_size)
