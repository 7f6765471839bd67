"""The dry run: what a subset would do and cost, from PostgreSQL's statistics, without extracting.

Estimates come from the planner itself (`EXPLAIN (FORMAT JSON)`): the filtered target query gives
the selectivity, a plain `SELECT *` gives each table's row count and average row width. Children are
estimated in proportion to their included parents; parents by the references pointing at them.
"""

from __future__ import annotations

from typing import Literal

import psycopg
from psycopg import sql
from pydantic import BaseModel, Field

from tdm_agents.subsetting.fk_graph import relationship_label
from tdm_agents.subsetting.sql_builder import KeySpec, Params, condition_sql, table_ident, where_all
from tdm_agents.subsetting.validation import ResolvedRequest
from tdm_metadata_store.snapshot import SchemaSnapshot, TableInfo

Phase = Literal["target", "downstream", "upstream", "completion", "full", "unreached"]


class TableEstimate(BaseModel):
    """Expected rows and bytes of one table in the subset."""

    table: str
    phase: Phase = Field(description="How the table's rows enter the subset")
    depth: int | None = Field(None, description="Downstream hops from a target")
    completion_depth: int | None = Field(
        None,
        description="Hops from a parent pulled in upstream, when include_children_of_parents adds rows here",
    )
    source_rows: int = Field(description="Rows in the source table (planner estimate)")
    estimated_rows: int
    estimated_bytes: int
    cap: int | None = None
    cap_bites: bool = Field(False, description="The cap is expected to cut rows off")


class CyclePlan(BaseModel):
    """A cycle of references and how the extraction deals with it."""

    tables: list[str]
    relationships: list[str]
    resolution: str


class IndexWarning(BaseModel):
    """A followed foreign key whose child columns no index covers: each round scans the child table."""

    relationship: str
    table: str
    columns: list[str]
    create_index: str


class SubsetPlan(BaseModel):
    """The dry run's answer."""

    traversal_order: list[str] = Field(description="Tables in the order they are visited")
    tables: list[TableEstimate]
    limits_bite: list[str] = Field(description="Tables where a cap is expected to cut rows off")
    cycles: list[CyclePlan]
    missing_indexes: list[IndexWarning]
    estimated_rows: int
    estimated_bytes: int
    include_children_of_parents: int = Field(
        0, description="Completeness depth the plan was made with (children of pulled-in parents)"
    )


def plan_subset(conn: psycopg.Connection, snapshot: SchemaSnapshot, resolved: ResolvedRequest) -> SubsetPlan:
    """Plan the subset of `resolved` on the source reached by `conn` (read-only, no temp tables)."""
    if resolved.snapshot is not snapshot and resolved.snapshot.fingerprint() != snapshot.fingerprint():
        raise ValueError("the request was validated against a different schema snapshot")
    stats = {
        t: _explain(conn, sql.SQL("SELECT * FROM {}").format(table_ident(resolved.table(t))))
        for t in resolved.output_tables()
    }
    estimates: dict[str, TableEstimate] = {}
    for table in sorted(resolved.downstream_depths, key=lambda t: (resolved.downstream_depths[t], t)):
        estimates[table] = _downstream_estimate(conn, resolved, table, stats, estimates)
    for comp in reversed(resolved.graph.condensation_order()):
        for table in comp:
            if table in resolved.upstream_tables and resolved.modes[table] == "subset":
                estimates[table] = _upstream_estimate(resolved, table, stats, estimates)
    _completion_estimates(resolved, stats, estimates)
    for table in resolved.output_tables():
        if table not in estimates:
            rows, width = stats[table]
            phase: Phase = "full" if resolved.modes[table] == "full" else "unreached"
            kept = rows if phase == "full" else 0
            estimates[table] = TableEstimate(
                table=table, phase=phase, source_rows=rows, estimated_rows=kept, estimated_bytes=kept * width
            )
    order = _traversal_order(resolved, estimates)
    return SubsetPlan(
        traversal_order=order,
        tables=[estimates[t] for t in order] + [e for t, e in estimates.items() if t not in order],
        limits_bite=sorted(t for t, e in estimates.items() if e.cap_bites),
        cycles=_cycle_plans(resolved),
        missing_indexes=_missing_indexes(conn, resolved),
        estimated_rows=sum(e.estimated_rows for e in estimates.values()),
        estimated_bytes=sum(e.estimated_bytes for e in estimates.values()),
        include_children_of_parents=resolved.include_children_of_parents,
    )


def _explain(
    conn: psycopg.Connection, query: sql.Composable, params: list[str] | None = None
) -> tuple[int, int]:
    """(rows, width) the planner expects for `query`."""
    row = conn.execute(sql.SQL("EXPLAIN (FORMAT JSON) ") + query, params or None).fetchone()
    assert row is not None, "EXPLAIN answers one row"
    plan = row[0][0]["Plan"]
    return int(plan["Plan Rows"]), int(plan["Plan Width"])


def _selectivity(conn, resolved: ResolvedRequest, table: str, rows: int, sampled: bool) -> float:
    params = Params(style="pyformat")
    parts = [condition_sql("t", c, params) for c in resolved.conditions.get(table, [])]
    fraction = 1.0
    if parts and rows:
        query = sql.SQL("SELECT {} FROM {} t{}").format(
            KeySpec.of(resolved.table(table)).select("t"),
            table_ident(resolved.table(table)),
            where_all(parts),
        )
        fraction = min(_explain(conn, query, params.values)[0] / rows, 1.0)
    if sampled and resolved.sampling_pct is not None:
        fraction *= resolved.sampling_pct / 100
    return fraction


def _downstream_estimate(conn, resolved: ResolvedRequest, table: str, stats, estimates) -> TableEstimate:
    rows, width = stats[table]
    depth = resolved.downstream_depths[table]
    if depth == 0:
        wanted = rows * _selectivity(conn, resolved, table, rows, sampled=True)
    else:
        wanted = 0.0
        for index in resolved.graph.relationships_to_parents(table):
            parent = resolved.graph.relationships[index].parent_key
            known = estimates.get(parent)
            if index in resolved.followed_children and known is not None and known.source_rows:
                wanted += rows * known.estimated_rows / known.source_rows
        wanted = min(wanted, rows) * _selectivity(conn, resolved, table, rows, sampled=False)
    cap = resolved.caps.get(table)
    kept = int(round(wanted if cap is None else min(wanted, cap)))
    return TableEstimate(
        table=table,
        phase="target" if depth == 0 else "downstream",
        depth=depth,
        source_rows=rows,
        estimated_rows=kept,
        estimated_bytes=kept * width,
        cap=cap,
        cap_bites=cap is not None and wanted > cap,
    )


def _upstream_estimate(resolved: ResolvedRequest, table: str, stats, estimates) -> TableEstimate:
    rows, width = stats[table]
    referenced = 0
    for index in resolved.graph.relationships_to_children(table):
        child = estimates.get(resolved.graph.relationships[index].child_key)
        if index not in resolved.cut_relationships and child is not None:
            referenced += child.estimated_rows
    kept = min(rows, referenced)
    return TableEstimate(
        table=table, phase="upstream", source_rows=rows, estimated_rows=kept, estimated_bytes=kept * width
    )


def _completion_estimates(resolved: ResolvedRequest, stats, estimates: dict[str, TableEstimate]) -> None:
    """Children of pulled-in parents, by hop: their share of each parent's kept rows, plus what the
    table already had (capped by the table's size and cap)."""
    pulled = {
        t
        for t in resolved.upstream_tables
        if t not in resolved.downstream_depths and resolved.modes[t] == "subset"
    }
    depths = resolved.completion_depths
    for table in sorted(depths, key=lambda t: (depths[t], t)):
        rows, width = stats[table]
        extra = 0.0
        for index in resolved.graph.relationships_to_parents(table):
            parent = resolved.graph.relationships[index].parent_key
            known = estimates.get(parent)
            source_side = parent in pulled or depths.get(parent) == depths[table] - 1
            if index in resolved.followed_children and source_side and known and known.source_rows:
                extra += rows * known.estimated_rows / known.source_rows
        before = estimates.get(table)
        wanted = min(rows, (before.estimated_rows if before else 0) + extra)
        cap = resolved.caps.get(table)
        kept = int(round(wanted if cap is None else min(wanted, cap)))
        estimates[table] = TableEstimate(
            table=table,
            phase=before.phase if before and before.phase != "unreached" else "completion",
            depth=before.depth if before is not None else None,
            completion_depth=depths[table],
            source_rows=rows,
            estimated_rows=kept,
            estimated_bytes=kept * width,
            cap=cap,
            cap_bites=cap is not None and wanted > cap,
        )


def _traversal_order(resolved: ResolvedRequest, estimates: dict[str, TableEstimate]) -> list[str]:
    """Targets, then children by depth, then parents in closure order, then whole tables."""
    down = sorted(resolved.downstream_depths, key=lambda t: (resolved.downstream_depths[t], t))
    up = [
        t
        for comp in reversed(resolved.graph.condensation_order())
        for t in comp
        if t in resolved.upstream_tables and t not in down
    ]
    depths = resolved.completion_depths
    seen = set(down) | set(up)
    completion = [t for t in sorted(depths, key=lambda t: (depths[t], t)) if t not in seen]
    full = [t for t, e in estimates.items() if e.phase == "full"]
    return down + up + completion + sorted(full)


def _cycle_plans(resolved: ResolvedRequest) -> list[CyclePlan]:
    plans = []
    for cycle in resolved.graph.cycles():
        rels = [resolved.graph.relationships[i] for i in cycle.relationships]
        cut = [
            relationship_label(resolved.graph.relationships[i])
            for i in cycle.relationships
            if i in resolved.cut_relationships
        ]
        resolution = "followed until a round adds no key (fixed point)"
        if cut:
            resolution += "; cut (not followed to parents, NULL when the parent is absent): " + ", ".join(cut)
        plans.append(
            CyclePlan(
                tables=list(cycle.tables),
                relationships=[relationship_label(r) for r in rels],
                resolution=resolution,
            )
        )
    return plans


def _indexed(snapshot: SchemaSnapshot, table: TableInfo, wanted: set[str]) -> bool:
    """An index leads with `wanted` on `table`, or on every partition of it (declared one by one)."""
    leading = [list(i.columns) for i in table.indexes] + [table.primary_key]
    leading += [u.columns for u in table.unique_constraints]
    if any(set(cols[: len(wanted)]) == wanted for cols in leading):
        return True
    parts = [p for p in (snapshot.table(name) for name in table.partitions) if p is not None]
    return bool(parts) and all(_indexed(snapshot, p, wanted) for p in parts)


def _missing_indexes(conn: psycopg.Connection, resolved: ResolvedRequest) -> list[IndexWarning]:
    warnings = []
    for index, rel in enumerate(resolved.graph.relationships):
        followed = index in resolved.followed_children and rel.parent_key in resolved.downstream_depths
        if not followed or rel.child_key not in resolved.downstream_depths:
            continue
        child = resolved.table(rel.child_key)
        if _indexed(resolved.snapshot, child, set(rel.child_columns)):
            continue
        statement = sql.SQL("CREATE INDEX ON {} ({})").format(
            sql.Identifier(child.schema_name, child.name),
            sql.SQL(", ").join(map(sql.Identifier, rel.child_columns)),
        )
        warnings.append(
            IndexWarning(
                relationship=relationship_label(rel),
                table=rel.child_key,
                columns=list(rel.child_columns),
                create_index=statement.as_string(conn),
            )
        )
    return warnings
