"""Run a validated subset request against the source and stream the result into a sink.

The key sets are built in one session and REPEATABLE READ transaction (see `source_session`);
then the tables are exported, one COPY each, on that session and on further ones importing its
snapshot (see `parallel`), so every row comes from the same instant of the source. Success returns a `SubsetResult`; any failure raises
(`SourceConnectionLost` when the caller may retry, `JobCancelled` when the job was cancelled), and
the caller, which writes the dataset manifest only after success, never sees a half result as done.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from psycopg import sql
from pydantic import BaseModel, Field

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.subsetting.ahead import ExportAhead, tables_ahead
from tdm_agents.subsetting.errors import SourceConnectionLost, SubsetExtractionError
from tdm_agents.subsetting.export import TableSink
from tdm_agents.subsetting.fk_graph import relationship_label
from tdm_agents.subsetting.keysets import KeySetBuilder
from tdm_agents.subsetting.parallel import SharedHooks, export_parallel
from tdm_agents.subsetting.settings import SubsetSettings, get_settings
from tdm_agents.subsetting.source_session import SourceSession
from tdm_agents.subsetting.validation import ResolvedRequest
from tdm_agents.subsetting.value_precheck import WholeTableCheck
from tdm_metadata_store.snapshot import SchemaSnapshot


class SubsetResult(BaseModel):
    """What an extraction produced: small metadata for the job result and dataset metadata."""

    row_counts: dict[str, int] = Field(description="Rows written per table")
    caps_applied: dict[str, int] = Field(description="Tables whose cap cut rows off, with the cap")
    cycles: list[list[str]] = Field(description="Groups of tables that reference each other")
    cut_relationships: list[str] = Field(description="Nullable references not followed to parents")
    snapshot_time: dt.datetime = Field(description="Timestamp of the source snapshot read")
    seed: int = Field(description="Seed of the sampling hash")
    downstream_rounds: int = Field(description="Rounds of child expansion")
    upstream_rounds: int = Field(description="Rounds of parent closure until the fixed point")
    duration_s: float = Field(description="Wall time of the extraction, seconds")
    parameters: dict = Field(description="The resolved request, without filter values")


def extract_subset(
    url: str,
    snapshot: SchemaSnapshot,
    resolved: ResolvedRequest,
    sink: TableSink,
    hooks: JobHooks | None = None,
    settings: SubsetSettings | None = None,
) -> SubsetResult:
    """Extract the subset described by `resolved` from the database at `url` into `sink`.

    `snapshot` must be the one `resolved` was validated against. `sink(table, batches, schema)` is
    called once per output table; with `settings.workers` > 1 (the default) from several threads at
    once, for different tables, in no particular order. A sink that needs load order (parents
    before children) on one thread passes settings with `workers=1`.
    """
    if resolved.snapshot is not snapshot and resolved.snapshot.fingerprint() != snapshot.fingerprint():
        raise ValueError("the request was validated against a different schema snapshot")
    settings = settings or get_settings()
    # One set of hooks for every thread: calls serialized, and a stop for all once one fails.
    shared = SharedHooks(hooks or NullHooks(), len(resolved.output_tables()))
    started = time.perf_counter()
    session = SourceSession(url)
    spare: list[SourceSession] = []
    ahead: ExportAhead | None = None
    try:
        snapshot_time, snapshot_id = _begin(session, settings, shared)
        shared.log("subset snapshot opened", stage="subset")

        def open_worker() -> SourceSession | None:
            return spare.pop() if spare else _worker_session(session, snapshot_id, settings, shared)

        check = None
        if (first := _worker_session(session, snapshot_id, settings, shared)) is not None:
            spare.append(first)
            check = WholeTableCheck(first, resolved)
        keysets = KeySetBuilder(session, resolved, shared)

        def start_ahead() -> None:
            nonlocal ahead
            # A session of its own: the spare one runs the value check until the key sets are done.
            ahead = _export_ahead(
                session, resolved, keysets, sink, shared, check, settings,
                lambda: _worker_session(session, snapshot_id, settings, shared),
            )  # fmt: skip

        try:
            outcome = keysets.build(after_downstream=start_ahead if snapshot_id is not None else None)
        finally:
            suspects = check.stop() if check is not None else {}
        shared.log(
            f"key sets ready: {outcome.downstream_rounds} downstream and {outcome.upstream_rounds} upstream rounds",
            stage="subset",
        )
        done = ahead.tables if ahead is not None else []
        # An export ahead that is already over leaves its share of the sessions to the rest.
        running = ahead is not None and not ahead.finished()
        counts = export_parallel(
            session,
            open_worker,
            settings.workers - (1 if running else 0),
            resolved,
            keysets,
            sink,
            shared,
            suspects,
            [t for t in resolved.output_tables() if t not in done],
        )
        if ahead is not None:
            counts.update(ahead.join())
            shared.raise_first_cause()
    except BaseException as exc:
        shared.fail(exc)  # stops the session exporting ahead at its next batch
        if ahead is not None:
            ahead.join()
        shared.raise_first_cause()
        raise
    finally:
        for worker in spare:
            worker.close()
        session.close()
    counts = {t: counts[t] for t in resolved.output_tables()}
    graph = resolved.graph
    return SubsetResult(
        row_counts=counts,
        caps_applied=outcome.caps_applied,
        cycles=[list(c.tables) for c in graph.cycles()],
        cut_relationships=sorted(
            relationship_label(graph.relationships[i]) for i in resolved.cut_relationships
        ),
        snapshot_time=snapshot_time,
        seed=resolved.seed,
        downstream_rounds=outcome.downstream_rounds,
        upstream_rounds=outcome.upstream_rounds,
        duration_s=round(time.perf_counter() - started, 3),
        parameters=resolved.summary(),
    )


def _export_ahead(
    session: SourceSession,
    resolved: ResolvedRequest,
    keysets: KeySetBuilder,
    sink: TableSink,
    hooks: SharedHooks,
    check: WholeTableCheck | None,
    settings: SubsetSettings,
    open_worker: Callable[[], SourceSession | None],
) -> ExportAhead | None:
    """Start exporting the tables final after the downstream phase on a session of their own, or
    None when there are none or no session can be had (they are then exported with the rest)."""
    tables = tables_ahead(resolved, keysets, settings.workers)
    if settings.workers < 2 or not tables or (worker := open_worker()) is None:
        return None
    hooks.log(f"exporting {len(tables)} table(s) while the key sets are completed", stage="subset")
    suspects = check.suspects_of if check is not None else (lambda _table: None)
    try:
        return ExportAhead(session, worker, tables, resolved, keysets, sink, hooks, suspects)
    except BaseException:
        worker.close()
        raise


def _begin(
    session: SourceSession, settings: SubsetSettings, hooks: JobHooks
) -> tuple[dt.datetime, str | None]:
    """Open the subset's transaction; returns its time and the snapshot id further sessions import.

    The id is None with one worker, or when the source will not share its snapshot (a role without
    EXECUTE on pg_export_snapshot, a PostgreSQL-compatible server without it): the refusal aborted
    the transaction, which nothing had read yet, so a new one is begun and the export runs on it alone.
    """
    snapshot_time = session.begin(work_mem_mb=settings.work_mem_mb)
    if settings.workers <= 1:
        return snapshot_time, None
    try:
        return snapshot_time, session.export_snapshot()
    except SubsetExtractionError as exc:  # a lost connection is not caught: the job retries
        hooks.log(f"{exc}: exporting every table on one session", level="warning", stage="subset")
        session.execute(sql.SQL("ROLLBACK"), stage="begin")
        return session.begin(work_mem_mb=settings.work_mem_mb), None


def _worker_session(
    first: SourceSession, snapshot_id: str | None, settings: SubsetSettings, hooks: JobHooks
) -> SourceSession | None:
    """A further session reading `snapshot_id`, or None when the server refuses one, or refuses it
    the snapshot (the export then goes on with the sessions it has)."""
    if snapshot_id is None:
        return None
    try:
        worker = first.sibling()
    except (SourceConnectionLost, SubsetExtractionError):
        hooks.log("no further source connection: exporting on fewer", level="warning", stage="subset")
        return None
    try:
        worker.begin(snapshot_id=snapshot_id, work_mem_mb=settings.work_mem_mb)
    except SubsetExtractionError as exc:
        worker.close()
        hooks.log(f"{exc}: exporting on fewer sessions", level="warning", stage="subset")
        return None
    except BaseException:
        worker.close()
        raise
    return worker
