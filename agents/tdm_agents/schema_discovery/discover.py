"""Schema discovery end to end (`discover`), and the same work cut into graph-node-sized stages.

Each stage function takes and returns plain JSON-ready data (the snapshot as
`SchemaSnapshot.model_dump(mode="json")`), so a LangGraph node can call it and checkpoint the
result. Stages that read the source take its URL and open their own read-only session: a
connection cannot live in checkpointed state. Stage names match the subgraph nodes.

Sampled values never leave the `profile_statistics` stage; the snapshot carries structure,
statistics and semantic labels only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.schema_discovery import catalog, profiler, type_inference
from tdm_agents.schema_discovery.connector import open_source
from tdm_metadata_store.snapshot import SchemaSnapshot

SnapshotDict = dict[str, Any]
SaveSnapshot = Callable[[SchemaSnapshot], str]

STAGES: tuple[str, ...] = (
    "connect_db",
    "fetch_tables",
    "fetch_columns",
    "infer_column_types",
    "profile_statistics",
    "infer_primary_keys",
    "infer_foreign_keys",
    "save_metadata",
)


def load_snapshot(data: SnapshotDict) -> SchemaSnapshot:
    """Rebuild a snapshot from its JSON-ready dict (as kept in graph state)."""
    return SchemaSnapshot.model_validate(data)


def dump_snapshot(snapshot: SchemaSnapshot) -> SnapshotDict:
    """The JSON-ready dict form of a snapshot, for graph state."""
    return snapshot.model_dump(mode="json")


def _done(hooks: JobHooks, stage: str, count: int, message: str) -> None:
    hooks.progress(stage, count, count, message)
    hooks.check_cancelled()


def connect_db(url: str, timeout_s: float = 10, hooks: JobHooks = NullHooks()) -> dict[str, str]:
    """Check that the source answers; returns its database name, server version and user.

    Raises `DiscoveryError` with one clear sentence (no password) when it does not.
    """
    with open_source(url, timeout_s) as conn:
        database, version, user = catalog.read_server(conn)
    _done(hooks, "connect_db", 1, "connected")
    return {"database": database, "server_version": version, "user": user}


def fetch_tables(
    url: str, schemas: Sequence[str] = ("public",), hooks: JobHooks = NullHooks()
) -> SnapshotDict:
    """A snapshot listing the tables, views and partitions of `schemas`, without columns yet."""
    with open_source(url) as conn:
        snapshot = catalog.start_snapshot(conn, schemas)
    _done(hooks, "fetch_tables", len(snapshot.tables), f"{len(snapshot.tables)} tables")
    return dump_snapshot(snapshot)


def fetch_columns(url: str, snapshot: SnapshotDict, hooks: JobHooks = NullHooks()) -> SnapshotDict:
    """Add columns (types, defaults, identity, generated, limits, comments), enums and domains."""
    model = load_snapshot(snapshot)
    with open_source(url) as conn:
        catalog.read_columns(conn, model)
    columns = sum(len(t.columns) for t in model.tables)
    _done(hooks, "fetch_columns", columns, f"{columns} columns")
    return dump_snapshot(model)


def infer_column_types(snapshot: SnapshotDict, hooks: JobHooks = NullHooks()) -> SnapshotDict:
    """Label columns with semantic types from names and declared types (values come later)."""
    model = type_inference.infer_from_names(load_snapshot(snapshot))
    labelled = sum(1 for t in model.tables for c in t.columns if c.inferred_type)
    _done(hooks, "infer_column_types", labelled, f"{labelled} columns labelled by name")
    return dump_snapshot(model)


def profile_statistics(
    url: str,
    snapshot: SnapshotDict,
    sample_size: int = 10000,
    exact_counts: bool = False,
    hooks: JobHooks = NullHooks(),
) -> SnapshotDict:
    """Row estimates and column statistics from one bounded sample per table; refines semantic
    types with the sampled values. Checks for cancellation between tables."""
    model = load_snapshot(snapshot)
    with open_source(url) as conn:
        profiler.profile_snapshot(
            conn,
            model,
            sample_size=sample_size,
            exact_counts=exact_counts,
            hooks=hooks,
            on_values=type_inference.refine_from_values,
        )
    return dump_snapshot(model)


def infer_primary_keys(url: str, snapshot: SnapshotDict, hooks: JobHooks = NullHooks()) -> SnapshotDict:
    """Add primary keys (composite too), unique constraints, indexes and check constraints."""
    model = load_snapshot(snapshot)
    with open_source(url) as conn:
        catalog.read_keys(conn, model)
    with_pk = sum(1 for t in model.tables if t.primary_key)
    _done(hooks, "infer_primary_keys", with_pk, f"{with_pk} tables with a primary key")
    return dump_snapshot(model)


def infer_foreign_keys(url: str, snapshot: SnapshotDict, hooks: JobHooks = NullHooks()) -> SnapshotDict:
    """Add foreign keys: composite ones with ordered column pairs, self-references and cycles."""
    model = load_snapshot(snapshot)
    with open_source(url) as conn:
        catalog.read_foreign_keys(conn, model)
    count = len(model.relationships)
    _done(hooks, "infer_foreign_keys", count, f"{count} foreign keys")
    return dump_snapshot(model)


def save_metadata(snapshot: SnapshotDict, save: SaveSnapshot, hooks: JobHooks = NullHooks()) -> str:
    """Validate the finished snapshot and hand it to `save` (the metadata store's unit of work,
    e.g. `SchemaRepository.save_version`), returning the id it gives back."""
    model = load_snapshot(snapshot)
    version_id = save(model)
    hooks.progress("save_metadata", 1, 1, f"fingerprint {model.fingerprint()[:12]}")
    return version_id


def discover(
    url: str,
    schemas: Sequence[str] = ("public",),
    include_stats: bool = True,
    sample_size: int = 10000,
    exact_counts: bool = False,
    hooks: JobHooks = NullHooks(),
    timeout_s: float = 10,
) -> SchemaSnapshot:
    """Discover `schemas` of the database at `url` over one read-only session.

    The catalog is read in one repeatable-read transaction (a consistent structure), then each
    table is sampled for statistics when `include_stats` (otherwise no table data is read and
    semantic types come from names alone). Raises `DiscoveryError` or `JobCancelled`.
    """
    with open_source(url, timeout_s) as conn:
        _done(hooks, "connect_db", 1, "connected")
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot = catalog.start_snapshot(conn, schemas)
            _done(hooks, "fetch_tables", len(snapshot.tables), f"{len(snapshot.tables)} tables")
            catalog.read_columns(conn, snapshot)
            _done(hooks, "fetch_columns", sum(len(t.columns) for t in snapshot.tables), "columns read")
            catalog.read_keys(conn, snapshot)
            _done(hooks, "infer_primary_keys", sum(1 for t in snapshot.tables if t.primary_key), "keys read")
            catalog.read_foreign_keys(conn, snapshot)
            _done(hooks, "infer_foreign_keys", len(snapshot.relationships), "foreign keys read")
        type_inference.infer_from_names(snapshot)
        _done(hooks, "infer_column_types", len(snapshot.tables), "names read")
        if include_stats:
            profiler.profile_snapshot(
                conn,
                snapshot,
                sample_size=sample_size,
                exact_counts=exact_counts,
                hooks=hooks,
                on_values=type_inference.refine_from_values,
            )
    return snapshot
