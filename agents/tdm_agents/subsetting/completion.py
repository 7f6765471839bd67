"""The completeness option: rows pulled in as parents bring their own children, N hops down.

Runs in the key-set session after the upstream phase (`include_children_of_parents` > 0). The
tables reached only upstream hold nothing but pulled-in parents, so their whole key sets seed the
first hop; each hop follows the followed relationships to subset children (capped like any child,
filtered by the child's own filters), and the rows a hop adds seed the next. Then the parents of
every child added are pulled in as in the upstream phase. Those parents do not bring children in
turn: repeating would grow the subset to the whole connected database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from psycopg import sql

from tdm_agents.subsetting.sql_builder import Params

if TYPE_CHECKING:
    from tdm_agents.subsetting.keysets import KeySetBuilder


def complete_parents(builder: KeySetBuilder) -> int:
    """Add the children of pulled-in parents and those children's parents; returns the hops run."""
    req = builder.req
    sources = {
        t: builder.keyset_table(t)
        for t in sorted(req.upstream_tables)
        if t in builder.keys
        and req.modes[t] == "subset"  # whole (full) tables are not pulled-in parents
        and t not in req.downstream_depths
        and builder.outcome.counts.get(t)
    }
    added: dict[str, str] = {}
    hops = 0
    while sources and hops < req.include_children_of_parents:
        hops += 1
        produced = _hop(builder, sources)
        builder._advance(truncate=[t for t, name in sources.items() if name == builder._current[t]])
        sources = {t: builder._current[t] for t in sorted(produced)}
        for table, delta in sources.items():
            added[table] = _collect(builder, table, delta)
        builder.hooks.progress(
            "subset.completion", hops, req.include_children_of_parents, f"{len(produced)} tables grew"
        )
    builder._advance(truncate=sorted(sources))
    if added:
        builder._upstream(sources=added)
    return hops


def _hop(builder: KeySetBuilder, sources: Mapping[str, str | None]) -> set[str]:
    """Children of the rows in `sources`, along followed relationships to subset tables."""
    req = builder.req
    produced: set[str] = set()
    for parent, source in sorted(sources.items()):
        for index in req.graph.relationships_to_children(parent):
            rel = req.graph.relationships[index]
            if index not in req.followed_children or req.modes[rel.child_key] != "subset":
                continue
            if rel.child_key not in builder.keys or source is None:
                continue
            params = Params()
            if builder._insert(rel.child_key, builder._children_of(rel, source, params), params):
                produced.add(rel.child_key)
    return produced


def _collect_name(builder: KeySetBuilder, table: str) -> str:
    return f"_tdm_c{builder._ids[table]}"


def _collect(builder: KeySetBuilder, table: str, delta: str) -> str:
    """Append the rows of `delta` to `table`'s collection of completion rows; returns its name."""
    name = sql.Identifier(_collect_name(builder, table))
    builder._run(
        sql.SQL("CREATE TEMP TABLE IF NOT EXISTS {} AS SELECT * FROM {} WITH NO DATA").format(
            name, sql.Identifier(delta)
        )
    )
    builder._run(sql.SQL("INSERT INTO {} SELECT * FROM {}").format(name, sql.Identifier(delta)))
    return _collect_name(builder, table)
