"""A sink that keeps extracted tables in memory as Arrow tables: for previews, tests and checks."""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa


class MemorySink:
    """Collects `write_table` calls; `read_table` gives them back (the dataset store's read side)."""

    def __init__(self) -> None:
        self.tables: dict[str, pa.Table] = {}

    def write_table(self, table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> int:
        """Store every batch of `table`; returns the number of rows."""
        self.tables[table] = pa.Table.from_batches(list(batches), schema=schema)
        return self.tables[table].num_rows

    __call__ = write_table

    def read_table(self, table: str) -> pa.Table:
        """The rows written for `table`."""
        return self.tables[table]
