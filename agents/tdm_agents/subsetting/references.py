"""The references to parents of a table exported ahead, gathered from its own export.

A table read through its parent's key set (order lines below orders, see `KeySetBuilder.derived`)
is exported ahead while the upstream phase looks for its parents; finding them in SQL reads the
whole table a second time on the key-set session (TPC-H SF1: a pass over 6M lineitem rows, as
long as the export's own). Its rows already pass through here on their way to the sink, so the
distinct values of each followed reference are taken from the export's batches instead; the
upstream phase waits for them and loads them into the parent's key set (or into a TEMP table the
parents are looked up from).

Only integer references are gathered (they load back exactly), and only up to a bound: a table
with more distinct references than `MAX_DISTINCT` gives up, and its parents are found in SQL, so
memory stays bounded whatever the size of the source.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pyarrow as pa

# Beyond this many distinct references per relationship, the key-set session finds them in SQL.
MAX_DISTINCT = 2_000_000
# Per-batch distinct values are merged once this many have piled up (or twice what the last merge
# kept, so that merging costs a bounded share of the gathering).
_COMPACT_ROWS = 500_000
_WAIT_S = 0.1


class ReferenceCollector:
    """Distinct non-null references of one table's export, per relationship (its child columns)."""

    def __init__(self, table: str, references: dict[int, list[str]]) -> None:
        self.table, self.references = table, references
        self._parts: dict[int, list[pa.Table]] = {i: [] for i in references}
        self._rows = dict.fromkeys(references, 0)
        self._merge_at = dict.fromkeys(references, _COMPACT_ROWS)
        self._given_up = False
        self._complete = False
        self._done = threading.Event()

    def observe(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        """`batches`, unchanged, gathering their references on the way; complete once exhausted."""
        try:
            for batch in batches:
                if not self._given_up:
                    self._gather(batch)
                yield batch
            self._complete = True
        finally:
            self._done.set()

    def _gather(self, batch: pa.RecordBatch) -> None:
        for index, columns in self.references.items():
            part = _distinct(pa.Table.from_batches([batch.select(columns)]))
            self._parts[index].append(part)
            self._rows[index] += part.num_rows
            if self._rows[index] > min(self._merge_at[index], MAX_DISTINCT):
                merged = _distinct(pa.concat_tables(self._parts[index]))
                self._parts[index], self._rows[index] = [merged], merged.num_rows
                self._merge_at[index] = max(_COMPACT_ROWS, 2 * merged.num_rows)
                if merged.num_rows > MAX_DISTINCT:
                    self._given_up = True
                    self._parts.clear()
                    return

    def wait(self, stop: Callable[[], None]) -> dict[int, pa.Table] | None:
        """The distinct references per relationship once the export is done (a relationship with
        none is absent), or None when they were not all gathered (given up, or the export stopped).
        `stop` is called while waiting, to raise when the run is failing or cancelled."""
        while not self._done.wait(_WAIT_S):
            stop()
        if not self._complete or self._given_up:
            return None
        return {
            index: _distinct(pa.concat_tables(parts)) if len(parts) > 1 else parts[0]
            for index, parts in self._parts.items()
            if parts
        }


def _distinct(table: pa.Table) -> pa.Table:
    """The distinct rows of `table` without a null in any column (a null references no parent)."""
    table = table.drop_null()
    return table.group_by(table.column_names, use_threads=False).aggregate([])
