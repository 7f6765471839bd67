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
to the store, so a parallel extraction never waits on the target; a loader thread then loads it
from the store as soon as the target is free (or `complete` does, if the caller gave no reader).
Within a table the two legs overlap too: the COPY's encoding and sending run on a thread of their
own (`WriteBehind`) while the store's writer encodes the same batch.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

import pyarrow as pa

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.common.read_ahead import read_ahead
from tdm_agents.common.write_behind import WriteBehind
from tdm_agents.provisioning.errors import LoadError
from tdm_agents.provisioning.options import ProvisionOptions
from tdm_agents.provisioning.session import ProvisionSession, open_session
from tdm_metadata_store.snapshot import SchemaSnapshot


class TableSink(Protocol):
    """Where a table's batches go: the extraction's sink (the dataset store's writer, say)."""

    def __call__(self, table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> Any: ...


StoredReader = Callable[[str], Iterable[pa.RecordBatch]]
# How often a table waiting for the key builds looks whether the target has started a COPY instead.
_KEYS_POLL_S = 0.02


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
        delivery = DirectDelivery(session)
        try:
            yield delivery
        finally:
            delivery.stop()  # before the session rolls back: nothing may still be loading


class DirectDelivery:
    """Wraps a dataset store sink so each table's batches also stream into the open target run."""

    def __init__(self, session: ProvisionSession) -> None:
        self.session = session
        self.deferred: dict[str, pa.Schema] = {}
        self.target = threading.Lock()  # held by whoever is loading a table into the target
        self.broken = False  # a leg failed: the target transaction is aborted and takes no more COPYs
        self.copying = False  # the target's holder is loading a table (not building keys)
        self._waiting, self._waiting_lock = 0, threading.Lock()  # tables waiting for the key builds
        self._late: LateLoader | None = None

    def tee(self, sink: TableSink, read_stored: StoredReader | None = None) -> TableSink:
        """A sink with `sink`'s signature and result that also loads each table into the target.

        With `read_stored`, a table written while the target was busy is loaded from the store as
        soon as the target is free; without, by `complete`."""
        if read_stored is not None and self._late is None:
            self._late = LateLoader(self, read_stored)

        def tee_sink(table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> Any:
            if self._late is not None:
                self._late.raise_error()  # the target failed to load a table: stop here
            acquired = self.target.acquire(blocking=False) or (
                self._late is not None and self._wait_for_keys()
            )
            if not acquired:
                self.deferred[table] = schema  # the target is busy with another table: load it later
                written = sink(table, batches, schema)
                if self._late is not None:
                    self._late.queue(table)
                return written
            try:
                if self.broken:
                    # Another table's failure is the run's error; a COPY here would only add a second
                    # one ("transaction aborted") that could be reported in its place.
                    return sink(table, batches, schema)
                self.copying = True
                with (
                    self.session.loading(table, schema) as load,
                    WriteBehind(load.write, name=f"tdm-copy-{table}") as copy_leg,
                ):
                    written = sink(table, _copied(batches, copy_leg), schema)
                _check_equal(table, load.rows, written)
            except BaseException:
                self.broken = True
                raise
            finally:
                self.copying = False
                self.target.release()
            if self._late is not None:
                self._late.build_keys()  # while the target would wait for the next table
            return written

        return tee_sink

    def complete(self, row_counts: dict[str, int], read_stored: StoredReader) -> dict[str, Any]:
        """Load the tables deferred to the store (after the loader thread, if any, is done), then
        keys, indexes, sequences and smoke tests."""
        if self._late is not None:
            self._late.finish()
        for table, schema in self.deferred.items():
            if table not in self.session.loaded:
                self.session.load(table, schema, read_ahead(read_stored(table)))
        return self.session.finish(row_counts)

    def complete_while(
        self, check: Callable[[], None], row_counts: dict[str, int], read_stored: StoredReader
    ) -> dict[str, Any]:
        """`complete` on a thread of its own while `check` (the dataset's own verification, say)
        runs in the caller: the target builds its keys while the caller reads the store. Raises
        `check`'s failure first, once the target is done with `complete`, so the caller can roll back."""
        outcome: dict[str, Any] = {}
        failure: list[BaseException] = []

        def run() -> None:
            try:
                outcome.update(self.complete(row_counts, read_stored))
            except BaseException as exc:  # noqa: BLE001 - raised below, in the caller
                failure.append(exc)

        finishing = threading.Thread(target=run, name="tdm-direct-complete", daemon=True)
        finishing.start()
        try:
            check()
        finally:
            finishing.join()  # the target's connection is free again before anyone rolls it back
        if failure:
            raise failure[0]
        return outcome

    def _wait_for_keys(self) -> bool:
        """Wait for the target while it is held to build keys, which stop at the next statement for
        a table that waits (better than reading the table back from the store later); give up as
        soon as the target loads another table, which may take long."""
        with self._waiting_lock:
            self._waiting += 1
        try:
            while not self.copying:
                if self.target.acquire(timeout=_KEYS_POLL_S):
                    return True
            return False
        finally:
            with self._waiting_lock:
                self._waiting -= 1

    def table_waiting(self) -> bool:
        """Whether a table waits for the target (held to build keys)."""
        return self._waiting > 0

    def commit(self) -> None:
        """Make the delivered rows visible in the target."""
        self.session.commit()

    def stop(self) -> None:
        """Stop the loader thread, abandoning the table it is loading (the run is being left)."""
        if self._late is not None:
            self._late.stop()


class LateLoader:
    """A thread loading deferred tables from the store, in the order they were written, whenever
    the target is free; with nothing more queued, it builds the keys of the tables loaded so far
    (the target would otherwise wait for the next table, then build them all at the end). A
    failure marks the delivery broken and is raised by `finish` (or the next table handed to the tee)."""

    def __init__(self, delivery: DirectDelivery, read_stored: StoredReader) -> None:
        self._delivery, self._read_stored = delivery, read_stored
        self._tables: queue.Queue[str | _Keys | None] = queue.Queue()
        self._stopping = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="tdm-direct-late-load", daemon=True)
        self._thread.start()

    def queue(self, table: str) -> None:
        """Load `table` (fully written to the store) once the target is free."""
        self._tables.put(table)

    def build_keys(self) -> None:
        """Build the keys of the tables loaded so far, once the target is free and nothing is queued."""
        self._tables.put(_KEYS)

    def _run(self) -> None:
        delivery = self._delivery
        for table in iter(self._tables.get, None):
            with delivery.target:
                if delivery.broken or self._stopping.is_set():
                    continue
                try:
                    if isinstance(table, str):
                        batches = _until(self._stopping, read_ahead(self._read_stored(table)))
                        delivery.copying = True
                        try:
                            delivery.session.load(table, delivery.deferred[table], batches)
                        finally:
                            delivery.copying = False
                    if self._tables.empty():
                        # Nothing else to load yet: build what keys can be, rather than at the end.
                        delivery.session.build_keys(until=delivery.table_waiting)
                except BaseException as exc:  # noqa: BLE001 - raised in the caller by finish()
                    delivery.broken = True
                    self._error = exc

    def raise_error(self) -> None:
        """Raise the failure of a table's load, if one failed."""
        if self._error is not None:
            raise self._error

    def finish(self) -> None:
        """Wait until every queued table is loaded; raises a load's failure."""
        self._tables.put(None)
        self._thread.join()
        self.raise_error()

    def stop(self) -> None:
        """End the thread without loading what is still queued."""
        self._stopping.set()
        self._tables.put(None)
        self._thread.join()


class _Keys:
    """Queued for the loader: build the keys of what is loaded (no table to load)."""


_KEYS = _Keys()


class _Stopped(Exception):
    """The delivery is being left: the table being loaded is abandoned."""


def _until(stopping: threading.Event, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        if stopping.is_set():
            raise _Stopped
        yield batch


def _copied(
    batches: Iterable[pa.RecordBatch], copy_leg: WriteBehind[pa.RecordBatch]
) -> Iterator[pa.RecordBatch]:
    """Each batch, queued for the target's COPY (encoded and sent on the copy leg's thread) and
    handed on to the store's writer meanwhile."""
    for batch in batches:
        copy_leg.put(batch)
        yield batch


def _check_equal(table: str, copied: int, written: Any) -> None:
    """Both legs took the same rows (the store's file info counts what it wrote)."""
    stored = getattr(written, "rows", None)
    if stored is not None and stored != copied:
        raise LoadError(
            f"Table {table}: {copied} rows went to the target but {stored} to the dataset; the load was rolled back."
        )
