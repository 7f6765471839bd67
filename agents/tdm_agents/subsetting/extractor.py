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

from psycopg import sql
from pydantic import BaseModel, Field

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.subsetting.errors import SourceConnectionLost, SubsetExtractionError
from tdm_agents.subsetting.export import TableSink
from tdm_agents.subsetting.fk_graph import relationship_label
from tdm_agents.subsetting.keysets import KeySetBuilder
from tdm_agents.subsetting.parallel import export_parallel
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
    hooks = hooks or NullHooks()
    settings = settings or get_settings()
    started = time.perf_counter()
    session = SourceSession(url)
    early: list[SourceSession] = []
    try:
        snapshot_time, snapshot_id = _begin(session, settings, hooks)
        hooks.log("subset snapshot opened", stage="subset")
        check = None
        if (first := _worker_session(url, snapshot_id, settings, hooks)) is not None:
            early.append(first)
            check = WholeTableCheck(first, resolved)
        keysets = KeySetBuilder(session, resolved, hooks)
        try:
            outcome = keysets.build()
        finally:
            suspects = check.stop() if check is not None else {}
        hooks.log(
            f"key sets ready: {outcome.downstream_rounds} downstream and {outcome.upstream_rounds} upstream rounds",
            stage="subset",
        )
        counts = export_parallel(
            session,
            lambda: early.pop() if early else _worker_session(url, snapshot_id, settings, hooks),
            settings.workers,
            resolved,
            keysets,
            sink,
            hooks,
            suspects,
        )
    finally:
        for worker in early:
            worker.close()
        session.close()
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
    url: str, snapshot_id: str | None, settings: SubsetSettings, hooks: JobHooks
) -> SourceSession | None:
    """A further session reading `snapshot_id`, or None when the server refuses one, or refuses it
    the snapshot (the export then goes on with the sessions it has)."""
    if snapshot_id is None:
        return None
    try:
        worker = SourceSession(url)
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
