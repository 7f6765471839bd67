"""Row estimates and per-column statistics from one bounded sample per table.

Estimates come from pg_class (free); statistics come from a single statement per table that
samples about `sample_size` rows (see `sampling`) and computes every column's aggregates at
once. The same statement returns a few raw text values per string column, which are handed to
`on_values` (semantic type inference) and then dropped: the table is read once, and sampled
values are never logged nor kept in the snapshot beyond the truncated min/max.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from tdm_agents.common.progress import JobHooks, NullHooks
from tdm_agents.schema_discovery import catalog_sql
from tdm_agents.schema_discovery.connector import DiscoveryError, query_error
from tdm_agents.schema_discovery.profile_query import ColumnAggregates, build_profile_query, plan_columns
from tdm_agents.schema_discovery.sampling import SamplingPlan, estimated_rows, plan_sampling
from tdm_metadata_store.snapshot import ColumnStats, SchemaSnapshot, TableInfo

STAGE = "profile_statistics"
DEFAULT_VALUE_SAMPLE = 200
MAX_VALUE_SAMPLE = 1000
# At most 6 aggregates per column plus count(*): 250 columns stay under the 1,664-column limit.
COLUMNS_PER_STATEMENT = 250

ValuesCallback = Callable[[TableInfo, dict[str, list[str]]], None]


@dataclass
class RelationSize:
    """What the catalog says about a relation's size and readability right now."""

    reltuples: int | None
    heap_pages: int
    kind: str
    populated: bool
    readable: bool


@dataclass
class TableProfile:
    """The outcome of sampling one table (values are for inference only, never persisted)."""

    plan: SamplingPlan
    sample_rows: int
    stats: dict[str, ColumnStats] = field(default_factory=dict)
    values: dict[str, list[str]] = field(default_factory=dict)


def read_sizes(conn: psycopg.Connection, snapshot: SchemaSnapshot) -> dict[str, RelationSize]:
    """Sizes by qualified name; a partitioned parent gets the sums of its partitions."""
    try:
        with conn.cursor(row_factory=dict_row) as cur:
            rows = cur.execute(catalog_sql.ESTIMATES, {"schemas": snapshot.schemas}).fetchall()
    except psycopg.Error as exc:
        raise query_error(exc, "reading row estimates") from None
    sizes = {
        f"{r['nspname']}.{r['relname']}": RelationSize(
            r["reltuples"], int(r["heap_pages"]), r["relkind"], r["relispopulated"], r["readable"]
        )
        for r in rows
    }
    for table in snapshot.tables:
        parent = sizes.get(table.qualified_name)
        parts = [sizes[p] for p in table.partitions if p in sizes]
        if parent is None or not parts:
            continue
        parent.heap_pages = sum(p.heap_pages for p in parts)
        if parent.reltuples is None and all(p.reltuples is not None for p in parts):
            parent.reltuples = sum(p.reltuples or 0 for p in parts)
    return sizes


def profiled_tables(snapshot: SchemaSnapshot, sizes: dict[str, RelationSize]) -> list[TableInfo]:
    """Tables worth sampling: tables, partitioned parents (not each partition) and populated
    materialized views. Views would run arbitrary queries and foreign tables remote scans."""
    chosen = []
    for table in snapshot.tables:
        size = sizes.get(table.qualified_name)
        if size is None or table.partition_of is not None:
            continue
        if table.kind in ("table", "partitioned_table") or (
            table.kind == "materialized_view" and size.populated
        ):
            chosen.append(table)
    return chosen


def require_select(tables: Iterable[TableInfo], sizes: dict[str, RelationSize]) -> None:
    """Fail before reading anything when some table cannot be read by this user."""
    denied = [t.qualified_name for t in tables if not sizes[t.qualified_name].readable]
    if denied:
        more = f" and {len(denied) - 1} other table(s)" if len(denied) > 1 else ""
        raise DiscoveryError(f'The user lacks SELECT privilege on "{denied[0]}"{more}.', "privileges")


def _stats_from_row(row: tuple, specs: list[ColumnAggregates]) -> TableProfile:
    sample_rows = int(row[0])
    profile = TableProfile(plan=SamplingPlan("full", None, 0), sample_rows=sample_rows)
    pos = 1
    for spec in specs:
        non_null, distinct = int(row[pos]), int(row[pos + 1])
        pos += 2
        stats = ColumnStats(
            sample_rows=sample_rows,
            null_fraction=(1 - non_null / sample_rows) if sample_rows else None,
            distinct_count=distinct,
            distinct_fraction=(distinct / non_null) if non_null else None,
        )
        if spec.has_minmax:
            stats.min, stats.max = row[pos], row[pos + 1]
            pos += 2
        if spec.has_avg_length:
            stats.avg_length = round(row[pos], 3) if row[pos] is not None else None
            pos += 1
        if spec.wants_values:
            profile.values[spec.column.name] = list(row[pos] or [])
            pos += 1
        profile.stats[spec.column.name] = stats
    return profile


def profile_table(
    conn: psycopg.Connection,
    table: TableInfo,
    plan: SamplingPlan,
    value_sample_size: int = DEFAULT_VALUE_SAMPLE,
) -> TableProfile:
    """Run the one sampling statement for `table` and turn its single row into statistics."""
    specs = plan_columns(table)
    profile: TableProfile | None = None
    # A statement returns at most 1,664 columns: wide tables are profiled in column chunks.
    for start in range(0, max(len(specs), 1), COLUMNS_PER_STATEMENT):
        chunk = specs[start : start + COLUMNS_PER_STATEMENT]
        query = build_profile_query(table, chunk, plan, min(value_sample_size, MAX_VALUE_SAMPLE))
        try:
            row = conn.execute(query).fetchone()
        except psycopg.Error as exc:
            raise query_error(exc, f'sampling table "{table.qualified_name}"') from None
        assert row is not None  # an aggregate without GROUP BY always returns one row
        part = _stats_from_row(row, chunk)
        if profile is None:
            profile = part
        else:
            profile.stats.update(part.stats)
            profile.values.update(part.values)
    assert profile is not None
    profile.plan = plan
    return profile


def count_rows(conn: psycopg.Connection, table: TableInfo) -> int:
    """Exact row count (a full scan: only when the caller asked for exact counts)."""
    only = sql.SQL("ONLY ") if table.inherited_by else sql.SQL("")
    query = sql.SQL("SELECT count(*) FROM {}{}").format(only, sql.Identifier(table.schema_name, table.name))
    try:
        row = conn.execute(query).fetchone()
    except psycopg.Error as exc:
        raise query_error(exc, f'counting rows of "{table.qualified_name}"') from None
    return int(row[0]) if row else 0


def _apply_profile(table: TableInfo, size: RelationSize, profile: TableProfile) -> None:
    for column in table.columns:
        column.stats = profile.stats.get(column.name)
    read_whole_table = profile.plan.method == "full" and profile.sample_rows < profile.plan.limit
    if size.reltuples is not None:
        table.row_estimate = size.reltuples
    elif read_whole_table:
        table.row_estimate = profile.sample_rows
    else:
        # Never analyzed and larger than the sample: the page-based guess is all there is.
        table.row_estimate = estimated_rows(size.reltuples, size.heap_pages)


def profile_snapshot(
    conn: psycopg.Connection,
    snapshot: SchemaSnapshot,
    sample_size: int = 10000,
    exact_counts: bool = False,
    hooks: JobHooks | None = None,
    on_values: ValuesCallback | None = None,
    value_sample_size: int = DEFAULT_VALUE_SAMPLE,
) -> SchemaSnapshot:
    """Fill row estimates (all relations), column stats and optionally exact counts, in place.

    Calls `hooks.check_cancelled()` before each table and `hooks.progress()` after it.
    """
    hooks = hooks or NullHooks()
    sizes = read_sizes(conn, snapshot)
    for table in snapshot.tables:
        size = sizes.get(table.qualified_name)
        if size is not None and size.reltuples is not None:
            table.row_estimate = size.reltuples
    tables = profiled_tables(snapshot, sizes)
    require_select(tables, sizes)
    hooks.progress(STAGE, 0, len(tables), "sampling tables")
    for done, table in enumerate(tables, start=1):
        hooks.check_cancelled()
        size = sizes[table.qualified_name]
        plan = plan_sampling(size.reltuples, size.heap_pages, sample_size)
        profile = profile_table(conn, table, plan, value_sample_size)
        _apply_profile(table, size, profile)
        if exact_counts:
            whole = plan.method == "full" and profile.sample_rows < plan.limit
            table.exact_row_count = profile.sample_rows if whole else count_rows(conn, table)
        if on_values is not None and profile.values:
            on_values(table, profile.values)
        hooks.progress(STAGE, done, len(tables), table.qualified_name)
    return snapshot
