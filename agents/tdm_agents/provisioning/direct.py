"""Direct delivery: each table of a subset goes into the target's COPY while it is written to Parquet.

The extraction reads the source once; every record batch it yields is sent to the target (binary
COPY inside one provisioning transaction, see `session`) and handed on to the dataset store, so the
provisioning never reads the Parquet files back. Both legs see the same batches, and their row
counts are compared once a table is done.

Failure of either leg fails the whole run: an exception from the store's writer aborts that
table's COPY, an exception from the COPY (a constraint, a type, a lost target) stops the store's
writer, and the caller rolls the target back by leaving `deliver` without `commit`.

The target connection does one COPY at a time. When the extraction hands over a second table
while one is being copied (tables extracted on several connections), that table is only written
to the store and loaded from it in `complete`, so a parallel extraction never waits on the target.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.common.read_ahead import read_ahead
from tdm_agents.provisioning.errors import LoadError
from tdm_agents.provisioning.loader import TableLoad
from tdm_agents.provisioning.options import ProvisionOptions
from tdm_agents.provisioning.session import ProvisionSession, open_session
from tdm_metadata_store.snapshot import SchemaSnapshot

TableSink = Callable[[str, Iterable[pa.RecordBatch], pa.Schema], Any]
StoredReader = Callable[[str], Iterable[pa.RecordBatch]]


@contextmanager
def deliver(
    url: str,
    snapshot: SchemaSnapshot,
    tables: list[str],
    options: ProvisionOptions,
    hooks: JobHooks = NullHooks(),
) -> Iterator[DirectDelivery]:
    """A prepared provisioning run on the target at `url` for `tables`, fed by `DirectDelivery.tee`.

    Rolled back unless `DirectDelivery.commit()` is called inside the block.
    """
    with open_session(url, snapshot, tables, options, hooks) as session:
        yield DirectDelivery(session)


class DirectDelivery:
    """Wraps a dataset store sink so each table's batches also stream into the open target run."""

    def __init__(self, session: ProvisionSession) -> None:
        self.session = session
        self.deferred: dict[str, pa.Schema] = {}
        self._target = threading.Lock()
        self._broken = False  # a leg failed: the target transaction is aborted and takes no more COPYs

    def tee(self, sink: TableSink) -> TableSink:
        """A sink with `sink`'s signature and result that also loads each table into the target."""

        def tee_sink(table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> Any:
            if not self._target.acquire(blocking=False):
                self.deferred[table] = schema  # the target is busy with another table: load it later
                return sink(table, batches, schema)
            try:
                if self._broken:
                    # Another table's failure is the run's error; a COPY here would only add a second
                    # one ("transaction aborted") that could be reported in its place.
                    return sink(table, batches, schema)
                with self.session.loading(table, schema) as load:
                    written = sink(table, _copied(batches, load), schema)
                _check_equal(table, load.rows, written)
                return written
            except BaseException:
                self._broken = True
                raise
            finally:
                self._target.release()

        return tee_sink

    def complete(self, row_counts: dict[str, int], read_stored: StoredReader) -> dict[str, Any]:
        """Load the tables deferred to the store, then keys, indexes, sequences and smoke tests."""
        for table, schema in self.deferred.items():
            self.session.load(table, schema, read_ahead(read_stored(table)))
        return self.session.finish(row_counts)

    def commit(self) -> None:
        """Make the delivered rows visible in the target."""
        self.session.commit()


def _copied(batches: Iterable[pa.RecordBatch], load: TableLoad) -> Iterator[pa.RecordBatch]:
    """Each batch, sent to the target's COPY before it is handed on to the store's writer."""
    for batch in batches:
        load.write(batch)
        yield batch


def _check_equal(table: str, copied: int, written: Any) -> None:
    """Both legs took the same rows (the store's file info counts what it wrote)."""
    stored = getattr(written, "rows", None)
    if stored is not None and stored != copied:
        raise LoadError(
            f"Table {table}: {copied} rows went to the target but {stored} to the dataset; the load was rolled back."
        )
