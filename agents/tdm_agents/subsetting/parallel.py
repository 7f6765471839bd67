"""Export the subset's tables on several source sessions at once, all reading one snapshot.

As pg_dump -j does: the key-set session exports its snapshot, each further session imports it
(`SET TRANSACTION SNAPSHOT`) before reading anything, so every table comes from the same instant
of the source whatever session exports it. The key sets are TEMP tables of the first session,
invisible to the others: a table exported elsewhere gets copies of the key sets its query joins,
streamed as Arrow from the first session into TEMP tables of its own (COPY binary, a few bytes per
key, far less than the rows they select). Tables are dealt out biggest first to the least loaded
session, the first session's share costing no copy. Key sets whose columns are not plain integers,
text or dates (ctid keys, uuids, ...) are not copied: their tables stay on the first session.

Sinks are called from several threads at once, one table each; hooks are serialized.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa
from psycopg import sql

from tdm_agents.common.progress import JobHooks
from tdm_agents.subsetting.errors import SourceConnectionLost, SubsetExtractionError
from tdm_agents.subsetting.export import Observer, TableSink, export_table, keysets_read
from tdm_agents.subsetting.keysets import KeySetBuilder
from tdm_agents.subsetting.source_session import SourceSession
from tdm_agents.subsetting.sql_builder import table_ident
from tdm_agents.subsetting.validation import ResolvedRequest

# Key columns whose Arrow form loads back (COPY binary) into a column of the very same type.
_COPYABLE_TYPES = frozenset({"int2", "int4", "int8", "text", "varchar", "date"})
# A copied key costs about this share of exporting its row (measured on TPC-H: ~12 bytes vs ~120).
_COPY_COST = 0.2


class Aborted(Exception):
    """Another session failed: stop this one at its next batch."""


class SharedHooks:
    """The job's hooks for several threads: one call at a time, and a stop once any session failed."""

    def __init__(self, hooks: JobHooks, total: int):
        self._hooks, self._lock, self.failed = hooks, threading.Lock(), threading.Event()
        self._done, self._total = 0, total
        self._errors: list[BaseException] = []  # in the order the sessions failed: the first is the cause

    def fail(self, error: BaseException) -> None:
        """Record a session's failure and stop the others at their next batch."""
        with self._lock:
            self._errors.append(error)
        self.failed.set()

    def raise_first_cause(self) -> None:
        """Raise the failure that stopped the export, if any: a lost connection first (the error a
        job retries), whichever session saw it, else the first failure in time."""
        real = [e for e in self._errors if not isinstance(e, Aborted)]
        if real:
            lost = [e for e in real if isinstance(e, SourceConnectionLost)]
            raise (lost or real)[0]
        if self._errors:
            raise SubsetExtractionError("the export stopped without a cause")

    def check_cancelled(self) -> None:
        if self.failed.is_set():
            raise Aborted
        with self._lock:
            self._hooks.check_cancelled()

    def progress(self, stage: str, done: int, total: int | None = None, message: str = "") -> None:
        with self._lock:
            self._hooks.progress(stage, done, total, message)

    def log(self, message: str, level: str = "info", stage: str | None = None) -> None:
        with self._lock:
            self._hooks.log(message, level, stage)

    def table_done(self, table: str) -> None:
        with self._lock:
            self._done += 1
            self._hooks.progress("subset.export", self._done, self._total, table)


def export_parallel(
    main: SourceSession,
    open_worker: Callable[[], SourceSession | None],
    workers: int,
    resolved: ResolvedRequest,
    keysets: KeySetBuilder,
    sink: TableSink,
    hooks: SharedHooks,
    suspects: dict[str, frozenset[str]] | None = None,
    tables: list[str] | None = None,
) -> dict[str, int]:
    """Write `tables` (every output table by default) to `sink`, on `main` and up to `workers - 1`
    sessions from `open_worker` (None when no further session can be had); returns the rows per
    table. `suspects` are the columns per table that may hold values Arrow cannot carry (tables
    absent: unknown, all checked)."""
    tables = resolved.output_tables() if tables is None else tables
    sessions: list[SourceSession] = [main]
    try:
        while len(sessions) < min(workers, len(tables)) and (worker := open_worker()) is not None:
            sessions.append(worker)
        shares = assign(resolved, keysets, tables, len(sessions))
        for session, share in zip(sessions[1:], shares[1:], strict=True):
            copy_keysets(main, session, resolved, keysets, share)
        return run_shares(sessions, shares, resolved, keysets, sink, hooks, (suspects or {}).get)
    finally:
        for session in sessions[1:]:
            session.close()


def assign(
    resolved: ResolvedRequest, keysets: KeySetBuilder, tables: list[str], sessions: int
) -> list[list[str]]:
    """Tables per session, biggest first to the least loaded; tables whose key sets cannot be
    copied go to the first session. Each session exports its biggest table first: a sink that
    can take one table at a time (a target's COPY) then takes that one as it streams, and the
    small ones after."""
    loads = [0.0] * sessions
    shares: list[list[str]] = [[] for _ in range(sessions)]
    for table in sorted(tables, key=lambda t: -export_cost(resolved, keysets, t)):
        names = keysets_read(resolved, keysets, table)
        movable = all(copyable(resolved, keysets, table_of(keysets, n)) for n in names)
        costs = [export_cost(resolved, keysets, table)] * sessions
        for i in range(1, sessions):
            costs[i] += _COPY_COST * sum(keysets.outcome.counts[table_of(keysets, n)] for n in names)
        best = min(range(sessions if movable else 1), key=lambda i: loads[i] + costs[i])
        loads[best] += costs[best]
        shares[best].append(table)
    return shares


def export_cost(resolved: ResolvedRequest, keysets: KeySetBuilder, table: str) -> float:
    """Rows exported times their average width (from the schema's statistics, else columns * 8)."""
    info = resolved.table(table)
    rows = keysets.outcome.counts.get(table, 0) if table in keysets.keys else 0
    if resolved.modes[table] == "full":
        rows = max(rows, info.row_estimate or 0)
    width: float = len(info.columns) * 8
    if info.size_bytes and info.row_estimate:
        width = max(info.size_bytes / info.row_estimate, 1)
    return rows * width


def table_of(keysets: KeySetBuilder, name: str) -> str:
    return next(t for t in keysets.tables if keysets.keyset_name(t) == name)


def copyable(resolved: ResolvedRequest, keysets: KeySetBuilder, table: str) -> bool:
    """Whether `table`'s key set can be copied to another session exactly (same column types)."""
    key = keysets.keys[table]
    if key.uses_ctid:
        return False
    info = resolved.table(table)
    return all((c := info.column(name)) is not None and c.udt_name in _COPYABLE_TYPES for name in key.columns)


def copy_keysets(
    main: SourceSession,
    worker: SourceSession,
    resolved: ResolvedRequest,
    keysets: KeySetBuilder,
    tables: list[str],
) -> None:
    """Give `worker` copies of the key sets the exports of `tables` join."""
    for name in sorted({n for t in tables for n in keysets_read(resolved, keysets, t)}):
        copy_keyset(main, worker, resolved, keysets, name)


def copy_keyset(
    main: SourceSession, worker: SourceSession, resolved: ResolvedRequest, keysets: KeySetBuilder, name: str
) -> None:
    """Give `worker` a TEMP table `name` with the keys of `main`'s key set `name`, typed as the source."""
    table = table_of(keysets, name)
    columns = sql.SQL(", ").join(sql.Identifier(c) for c in keysets.keys[table].columns)
    worker.execute(
        sql.SQL("CREATE TEMP TABLE {} AS SELECT {} FROM {} WITH NO DATA").format(
            sql.Identifier(name), columns, table_ident(resolved.table(table))
        ),
        stage="key set copy",
    )
    schema, batches = main.stream(
        sql.SQL("SELECT {} FROM {}").format(columns, sql.Identifier(name)), stage="key set copy"
    )
    worker.ingest(name, pa.RecordBatchReader.from_batches(schema, batches))


def run_shares(
    sessions: list[SourceSession],
    shares: list[list[str]],
    resolved: ResolvedRequest,
    keysets: KeySetBuilder,
    sink: TableSink,
    hooks: SharedHooks,
    suspects: Callable[[str], frozenset[str] | None],
) -> dict[str, int]:
    """Export each share on its session, all at once; returns the rows per table. The first
    failure stops the others and is raised (see `first_cause`)."""
    counts: dict[str, int] = {}

    def work(session: SourceSession, share: list[str]) -> None:
        export_share(session, share, resolved, keysets, sink, hooks, suspects, counts)

    with ThreadPoolExecutor(max_workers=len(sessions), thread_name_prefix="tdm-subset-export") as pool:
        for future in [
            pool.submit(work, s, share) for s, share in zip(sessions, shares, strict=True) if share
        ]:
            future.result()
    hooks.raise_first_cause()
    return {t: counts[t] for t in resolved.output_tables() if t in counts}


def export_share(
    session: SourceSession,
    share: list[str],
    resolved: ResolvedRequest,
    keysets: KeySetBuilder,
    sink: TableSink,
    hooks: SharedHooks,
    suspects: Callable[[str], frozenset[str] | None],
    counts: dict[str, int],
    observers: Mapping[str, Observer] | None = None,
) -> None:
    """Export `share` on `session`, one table after another, into `counts`; a failure is recorded
    in `hooks` (which stops the other sessions), never raised. `observers` see the batches of
    their tables on the way to the sink."""
    observers = observers or {}
    try:
        for table in share:
            counts[table] = export_table(
                session, resolved, keysets, table, sink, hooks, suspects(table), observers.get(table)
            )
            hooks.table_done(table)
    except BaseException as exc:
        hooks.fail(exc)
