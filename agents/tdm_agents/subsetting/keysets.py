"""Compute, inside the source database, the keys of every row the subset contains.

Each table in play gets a key-set TEMP table (its identifying columns, or `tid`, plus the columns
of its references to parents, carried along so that finding parents never re-reads a big child
table) and two delta tables holding the rows added in the previous and the current round.
Rounds run semi-joins from deltas, so work is proportional to what is new, and stop when a round
adds nothing: that fixed point is what handles cycles and self-references.

1. Targets: filters, date range and sampling, then the cap (deterministic ORDER BY key).
2. Downstream: children of rows added in the previous round, along followed relationships, up to
   `max_depth` rounds; each child table's cap limits how many rows it takes.
3. Upstream: every parent of every included row, transitively, never capped, until nothing new.

Work the result cannot need is skipped: a delta is filled only for a table whose rows the next
rounds expand, the anti-join only runs once the key set holds rows, and the first upstream round
does not look for parents along the relationship every row of a child table came in through
(downstream rows were found from their parent, so that parent is already in).

A leaf child that nothing else can add rows to (see `_read_through_parent`), such as order lines
below orders, gets no key set at all: its rows are exactly the children of its parent's final key
set, so the export and the upstream phase read it through that key set. Writing its keys would
cost a pass over it, and joining them back in the export twice what the parent's keys cost.
When such a table is exported ahead, its parents are found from the references its export
gathered (see `references`) instead of from a second pass over it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pyarrow as pa
from psycopg import sql

from tdm_agents.common.progress import JobHooks
from tdm_agents.subsetting.completion import complete_parents
from tdm_agents.subsetting.references import ReferenceCollector
from tdm_agents.subsetting.source_session import SourceSession
from tdm_agents.subsetting.sql_builder import (
    KeySpec,
    Params,
    condition_sql,
    equalities,
    sampling_sql,
    table_ident,
    where_all,
)
from tdm_agents.subsetting.validation import ResolvedRequest
from tdm_metadata_store.snapshot import RelationshipInfo

# References the upstream phase may take from an export (they load back exactly), by column type.
_INTEGER_WIDTHS = {"int2": pa.int16(), "int4": pa.int32(), "int8": pa.int64()}
# A key set or delta read by a round gets statistics first from this many rows on.
_ANALYZE_ROWS = 1_000


@dataclass
class KeySetOutcome:
    """What the key-set phase found: keys per table, where caps bit, how many rounds it took."""

    counts: dict[str, int] = field(default_factory=dict)
    caps_applied: dict[str, int] = field(default_factory=dict)
    downstream_rounds: int = 0
    upstream_rounds: int = 0


class KeySetBuilder:
    """Builds the key sets of one request in one session (see the module docstring)."""

    def __init__(self, session: SourceSession, resolved: ResolvedRequest, hooks: JobHooks):
        self.session = session
        self.req = resolved
        self.hooks = hooks
        in_play = set(resolved.downstream_depths) | resolved.upstream_tables
        in_play |= {t for t, m in resolved.modes.items() if m == "full"}
        in_play |= set(resolved.completion_depths)  # children pulled in by the completeness option
        self.tables = [t for t in resolved.graph.tables if t in in_play and resolved.modes[t] != "skip"]
        self.keys = {t: KeySpec.of(resolved.table(t)) for t in self.tables}
        self.carried = {t: self._carried_columns(t) for t in self.tables}
        self._only_from_answers: dict[str, int | None] = {}
        self.derived = self._read_through_parent()
        self._ids = {t: i for i, t in enumerate(self.tables)}
        self._current = {t: f"_tdm_a{i}" for t, i in self._ids.items()}
        self._next = {t: f"_tdm_b{i}" for t, i in self._ids.items()}
        self.outcome = KeySetOutcome(counts=dict.fromkeys(self.tables, 0))
        # How each table's rows came in: "seed", or ("down", i) for downstream through relationship i.
        self._entries: dict[str, set] = {t: set() for t in self.tables}
        # Tables exported ahead whose references to parents are gathered from their export.
        self.collectors: dict[str, ReferenceCollector] = {}
        # Key sets filled by `ingest`, which gives them statistics, and not written since.
        self._ingested: set[str] = set()

    def keyset_name(self, table: str) -> str | None:
        """Name of the TEMP table holding `table`'s keys, or None when the table has no rows in play
        or is read through its parent's key set (see `derived_rows`)."""
        return self.keyset_table(table) if table in self._ids and table not in self.derived else None

    def derived_rows(self, table: str, alias: str) -> sql.Composable | None:
        """For a table read through its parent's key set: the condition selecting its rows of the
        subset as `alias` (it reads only the parent's key columns, which every export session has)."""
        index = self.derived.get(table)
        if index is None:
            return None
        rel = self.req.graph.relationships[index]
        return self._child_of_keys(
            rel, self.keyset_table(rel.parent_key), alias, self.keys[rel.parent_key].columns
        )

    def _read_through_parent(self) -> dict[str, int]:
        """Tables read through their parent's key set, with the relationship to that parent.

        A table qualifies when its rows are exactly the children of its parent's final key set: they
        all come in along one relationship (`_only_from`), with no depth limit, cap, filter or
        completeness option that could cut or add rows; it has no children in play, and no cut
        reference is checked against it; and no table can add rows to its parent after the
        downstream phase (every other child the parent has in play came in the same way). Read
        more than twice (the export, and upstream along more than one further relationship), a
        key set is cheaper.
        """
        req = self.req
        if req.max_depth is not None or req.include_children_of_parents:
            return {}
        derived: dict[str, int] = {}
        for table in self.tables:
            entry = self._only_from(table)
            if entry is None or table in req.caps or req.conditions.get(table):
                continue
            if any(self._written_child(i) for i in req.graph.relationships_to_children(table)):
                continue
            parent = req.graph.relationships[entry].parent_key
            feeding = [
                i
                for i in req.graph.relationships_to_children(parent)
                if i != entry and self._in_play_child(i) and self._only_from(self._child(i)) != i
            ]
            further = [i for i in self._followed_parents(table) if i != entry]
            if req.modes[parent] == "subset" and parent != table and not feeding and len(further) <= 1:
                derived[table] = entry
        return derived

    def _only_from(self, table: str) -> int | None:
        """The relationship along which every row of `table` comes in, if there is one (see
        `_entry_alone`); kept, since `_read_through_parent` and `settled_after_downstream` both ask
        about every table."""
        if table not in self._only_from_answers:
            self._only_from_answers[table] = self._entry_alone(table, frozenset())
        return self._only_from_answers[table]

    def _entry_alone(self, table: str, seen: frozenset[str]) -> int | None:
        """A subset table, no target, reached downstream along one relationship alone, whose
        children in play (followed upstream) came in only from it in turn, so the upstream phase
        adds it nothing: that relationship; else None (also on a loop back to a table in `seen`)."""
        req = self.req
        if req.modes[table] != "subset" or table in req.targets or table in seen:
            return None
        entries = [
            i
            for i in req.graph.relationships_to_parents(table)
            if i in req.followed_children and req.graph.relationships[i].parent_key in req.downstream_depths
        ]
        if len(entries) != 1:
            return None
        for index in req.graph.relationships_to_children(table):
            if self._in_play_child(index) and self._entry_alone(self._child(index), seen | {table}) != index:
                return None
        return entries[0]

    def _child(self, index: int) -> str:
        return self.req.graph.relationships[index].child_key

    def _in_play_child(self, index: int) -> bool:
        """Whether the upstream phase follows relationship `index` from a child with rows in play."""
        return index not in self.req.cut_relationships and self._child(index) in self.keys

    def _written_child(self, index: int) -> bool:
        """Whether relationship `index` leads to a child with rows in play, or to a written child
        whose cut reference is checked against the parent's key set."""
        cut_checked = index in self.req.cut_relationships and self.req.modes[self._child(index)] != "skip"
        return self._in_play_child(index) or cut_checked

    def keyset_table(self, table: str) -> str:
        """Name of the TEMP table holding the keys of `table`, which is in play."""
        return f"_tdm_k{self._ids[table]}"

    def settled_after_downstream(self) -> list[str]:
        """Tables whose key sets no phase after the downstream one can change: whole tables, and
        subset tables every child in play of which came in from them alone (so the upstream phase
        adds them nothing); none when the completeness option is on."""
        if self.req.include_children_of_parents:
            return []
        return [
            table
            for table in self.tables
            if self.req.modes[table] == "full"
            or all(
                not self._in_play_child(i) or self._only_from(self._child(i)) == i
                for i in self.req.graph.relationships_to_children(table)
            )
        ]

    def build(self, after_downstream: Callable[[], None] | None = None) -> KeySetOutcome:
        """Run the three phases; the key-set tables stay in the session for the export.
        `after_downstream` runs between the downstream and upstream phases, when the tables of
        `settled_after_downstream` hold their final keys (and nothing else runs on the session)."""
        for table in self.tables:
            if table not in self.derived:
                self._create(table)
        for table in self.req.targets:
            self._seed_target(table)
        for table in self.tables:
            if self.req.modes[table] == "full":
                self._seed_full(table)
        self._advance(truncate=[])
        self._downstream()
        self._estimate_derived()
        if after_downstream is not None:
            after_downstream()
        self._upstream()
        complete_parents(self)
        self._analyze()
        return self.outcome

    def _analyze(self) -> None:
        """Statistics for the key sets, which autovacuum never sees: without them the planner
        guesses their size and may hash the whole source table to join a few keys."""
        names = [
            sql.Identifier(self.keyset_table(t))
            for t in self.tables
            if self.outcome.counts[t] and t not in self.derived
        ]
        if names:
            self._run(sql.SQL("ANALYZE {}").format(sql.SQL(", ").join(names)))

    def _analyze_sources(self, names: dict[str, str]) -> None:
        """Statistics for the key sets or deltas a round is about to read (`names`, per table), where
        they may hold many rows: without them the planner takes 200 distinct keys and may probe an
        index once per key where one hash join is twice as fast (TPC-H SF1: orders of 15k sampled
        customers, 0.53 s vs 0.25 s)."""
        big = [
            sql.Identifier(name)
            for table, name in sorted(names.items())
            if self.outcome.counts[table] >= _ANALYZE_ROWS and name not in self._ingested
        ]
        if big:
            self._run(sql.SQL("ANALYZE {}").format(sql.SQL(", ").join(big)))

    def _carried_columns(self, table: str) -> list[str]:
        """Columns of `table`'s followed references to parents that are not already key columns."""
        carried: list[str] = []
        for index in self.req.graph.relationships_to_parents(table):
            rel = self.req.graph.relationships[index]
            if index in self.req.cut_relationships or self.req.modes[rel.parent_key] == "skip":
                continue
            carried += [
                c for c in rel.child_columns if c not in self.keys[table].columns and c not in carried
            ]
        return carried

    def _set_columns(self, table: str) -> list[str]:
        return self.keys[table].set_columns + self.carried[table]

    def _select_row(self, table: str, alias: str) -> sql.Composable:
        """Key and carried columns of `alias`, in key-set column order."""
        parts = [self.keys[table].select(alias)] + [sql.Identifier(alias, c) for c in self.carried[table]]
        return sql.SQL(", ").join(parts)

    def _create(self, table: str) -> None:
        source = table_ident(self.req.table(table))
        for name in (self.keyset_table(table), self._current[table], self._next[table]):
            self._run(
                sql.SQL("CREATE TEMP TABLE {} AS SELECT {} FROM {} t WITH NO DATA").format(
                    sql.Identifier(name), self._select_row(table, "t"), source
                )
            )

    def _seed_target(self, table: str) -> None:
        key, params = self.keys[table], Params()
        parts = [condition_sql("t", c, params) for c in self.req.conditions.get(table, [])]
        if self.req.sampling_pct is not None:
            parts.append(sampling_sql("t", key, self.req.sampling_pct, self.req.seed, params))
        candidates = sql.SQL("SELECT {} FROM {} t{}").format(
            self._select_row(table, "t"), table_ident(self.req.table(table)), where_all(parts)
        )
        self._entries[table].add("seed")
        self._insert(table, candidates, params, delta=self._expands_down(table))

    def _seed_full(self, table: str) -> None:
        keyset = sql.Identifier(self.keyset_table(table))
        self._run(
            sql.SQL("INSERT INTO {} SELECT {} FROM {} t").format(
                keyset, self._select_row(table, "t"), table_ident(self.req.table(table))
            )
        )
        count = self.session.execute(sql.SQL("SELECT count(*) FROM {}").format(keyset))
        self.outcome.counts[table] = int(count[0][0])
        self._entries[table].add("seed")

    def _followed_children(self, parent: str) -> list[int]:
        """Relationships the downstream phase follows from `parent` to a subset child."""
        return [
            i
            for i in self.req.graph.relationships_to_children(parent)
            if i in self.req.followed_children
            and self.req.modes[self.req.graph.relationships[i].child_key] == "subset"
        ]

    def _followed_parents(self, child: str) -> list[int]:
        """Relationships the upstream phase follows from `child` to a subset parent."""
        return [
            i
            for i in self.req.graph.relationships_to_parents(child)
            if i not in self.req.cut_relationships
            and self.req.modes[self.req.graph.relationships[i].parent_key] == "subset"
        ]

    def _expands_down(self, table: str) -> bool:
        """Whether a later downstream round reads `table`'s delta: a child read through its key set
        (see `derived_rows`) needs none."""
        return any(self._child(i) not in self.derived for i in self._followed_children(table))

    def _expands_up(self, table: str) -> bool:
        return bool(self._followed_parents(table))

    def _downstream(self) -> None:
        active = {t for t in self.req.targets if self.outcome.counts[t]}
        while active and (self.req.max_depth is None or self.outcome.downstream_rounds < self.req.max_depth):
            self.outcome.downstream_rounds += 1
            self._analyze_sources({t: self._current[t] for t in active})
            produced: set[str] = set()
            for parent in sorted(active):
                for index in self._followed_children(parent):
                    rel = self.req.graph.relationships[index]
                    if rel.child_key in self.derived:
                        self._entries[rel.child_key].add(("down", index))  # read through `parent` later
                        continue
                    params = Params()
                    candidates = self._children_of(rel, self._current[parent], params)
                    if self._insert(
                        rel.child_key, candidates, params, delta=self._expands_down(rel.child_key)
                    ):
                        produced.add(rel.child_key)
                        self._entries[rel.child_key].add(("down", index))
            self._advance(truncate=sorted(active))
            active = produced
            self.hooks.progress(
                "subset.downstream", self.outcome.downstream_rounds, None, f"{len(active)} tables grew"
            )
        self._advance(truncate=sorted(active))

    def _upstream(self, sources: dict[str, str] | None = None) -> None:
        """Parents of the rows in `sources` (every key set by default), transitively."""
        # Only whole key sets hold nothing but rows whose way in `_entries` records.
        whole = sources is None
        if sources is None:
            sources = {t: self.keyset_table(t) for t in self.tables if self.outcome.counts[t]}
        while sources:
            self.outcome.upstream_rounds += 1
            self._analyze_sources({t: name for t, name in sources.items() if t not in self.derived})
            produced: set[str] = set()
            # A parent whose key set is empty as the round starts holds this round's rows alone at
            # its end: the next round reads that key set, and no delta is written for it.
            fresh = {t for t in self.tables if not self.outcome.counts[t]}
            gathered: list[tuple[str, int]] = []  # read from their export's references, last
            for child in sorted(sources):
                for index in self._followed_parents(child):
                    if whole and self._entries[child] == {("down", index)}:
                        continue  # every row was found from its parent through this relationship
                    if whole and index in self._gathering(child):
                        gathered.append((child, index))
                        continue
                    source = self._relation(child, sources[child])
                    if self._parents_found(index, source, fresh):
                        produced.add(self.req.graph.relationships[index].parent_key)
            for child, index in gathered:
                if self._gathered_parents(child, index, sources[child], fresh):
                    produced.add(self.req.graph.relationships[index].parent_key)
            self._advance(truncate=[t for t, name in sources.items() if name == self._current[t]])
            sources = {t: self.keyset_table(t) if t in fresh else self._current[t] for t in produced}
            whole = False
            self.hooks.progress(
                "subset.upstream", self.outcome.upstream_rounds, None, f"{len(sources)} tables grew"
            )

    def _parents_found(self, index: int, source: sql.Composable, fresh: set[str]) -> int:
        """Add the parents along relationship `index` of the rows in `source`; returns how many."""
        rel = self.req.graph.relationships[index]
        candidates = self._parents_of(rel, source)
        delta = self._expands_up(rel.parent_key) and rel.parent_key not in fresh
        return self._insert(rel.parent_key, candidates, Params(), capped=False, delta=delta)

    def gatherable(self, table: str) -> dict[int, list[str]]:
        """For a table read through its parent's key set: the relationships the upstream phase
        follows from it whose references are integers, with their columns (see `references`)."""
        if table not in self.derived:
            return {}
        info = self.req.table(table)
        found = {}
        for index in self._followed_parents(table):
            if self._entries[table] == {("down", index)}:
                continue
            columns = self.req.graph.relationships[index].child_columns
            if all((c := info.column(n)) is not None and c.udt_name in _INTEGER_WIDTHS for n in columns):
                found[index] = list(columns)
        return found

    def _gathering(self, table: str) -> dict[int, list[str]]:
        collector = self.collectors.get(table)
        return collector.references if collector is not None else {}

    def _gathered_parents(self, table: str, index: int, source: str, fresh: set[str]) -> int:
        """Add the parents along `index` of `table`'s rows from the references its export gathered,
        once it is done (straight into an empty key set when they are its whole key, else through a
        TEMP table); from the table itself when they could not all be gathered."""
        references = self.collectors[table].wait(self.hooks.check_cancelled)
        if references is None:
            return self._parents_found(index, self._relation(table, source), fresh)
        rows = references.get(index)
        if rows is None:
            return 0  # no row references a parent along `index`
        keys = self._as_parent_keys(index, rows, fresh)
        if keys is not None:
            parent = self.req.graph.relationships[index].parent_key
            self.session.ingest(self.keyset_table(parent), pa.RecordBatchReader.from_batches(
                keys.schema, keys.to_batches()
            ))  # fmt: skip
            self.outcome.counts[parent] += keys.num_rows
            self._ingested.add(self.keyset_table(parent))
            return keys.num_rows
        name = f"_tdm_r{index}"
        rel = self.req.graph.relationships[index]
        columns = sql.SQL(", ").join(sql.Identifier(c) for c in rel.child_columns)
        self._run(
            sql.SQL("CREATE TEMP TABLE {} AS SELECT {} FROM {} WITH NO DATA").format(
                sql.Identifier(name), columns, table_ident(self.req.table(table))
            )
        )
        rows = rows.select(list(rel.child_columns))
        self.session.ingest(name, pa.RecordBatchReader.from_batches(rows.schema, rows.to_batches()))
        return self._parents_found(index, sql.Identifier(name), fresh)

    def _as_parent_keys(self, index: int, rows: pa.Table, fresh: set[str]) -> pa.Table | None:
        """`rows` (distinct, non-null references along `index`) as rows of the parent's key set,
        when they are exactly that: the parent's whole integer key, a real foreign key (the rows
        exist), and a key set still empty (nothing to leave out) since the round began (no delta
        to fill: the next round reads it whole). None otherwise."""
        rel = self.req.graph.relationships[index]
        parent, key = rel.parent_key, self.keys[rel.parent_key]
        straight = self._references_are_keys(rel) and self.outcome.counts[parent] == 0 and parent in fresh
        if not straight:
            return None
        info = self.req.table(parent)
        arrays, names = [], []
        for column in key.columns:
            width = _INTEGER_WIDTHS.get(getattr(info.column(column), "udt_name", ""))
            if width is None:
                return None
            values = rows.column(rel.child_columns[rel.parent_columns.index(column)])
            try:
                arrays.append(values.cast(width))
            except pa.ArrowInvalid:  # a reference out of the parent's range: let SQL say so
                return None
            names.append(column)
        return pa.table(arrays, names=names)

    def _estimate_derived(self) -> None:
        """Row counts of the tables read through their parent, from the parent's and the tables'
        statistics (no pass over them): they only weigh the export's sharing out; a table whose
        parent has no rows has none."""
        for table, index in self.derived.items():
            parent = self.req.graph.relationships[index].parent_key
            rows = self.req.table(table).row_estimate or 0
            parent_rows = self.req.table(parent).row_estimate or 0
            ratio = rows / parent_rows if rows > 0 and parent_rows > 0 else 1.0
            found = self.outcome.counts[parent]
            self.outcome.counts[table] = max(round(found * ratio), 1) if found else 0

    def _relation(self, table: str, source: str) -> sql.Composable:
        """What the upstream phase reads `table`'s rows from: the key set or delta `source`, or for a
        table read through its parent, its key and carried columns selected through that parent."""
        rows = self.derived_rows(table, "c")
        if rows is None:
            return sql.Identifier(source)
        return sql.SQL("(SELECT {} FROM {} c WHERE {})").format(
            self._select_row(table, "c"), table_ident(self.req.table(table)), rows
        )

    def _child_of_keys(
        self, rel: RelationshipInfo, source: str, alias: str, available: Sequence[str]
    ) -> sql.Composable:
        """True for rows `alias` of `rel`'s child that reference a row in `source`, a key set or
        delta of the parent holding its `available` columns (else the parent table is joined)."""
        parent = rel.parent_key
        if set(rel.parent_columns) <= set(available) and not self.keys[parent].uses_ctid:
            return sql.SQL("EXISTS (SELECT 1 FROM {} d WHERE {})").format(
                sql.Identifier(source), equalities("d", rel.parent_columns, alias, rel.child_columns)
            )
        return sql.SQL("EXISTS (SELECT 1 FROM {} p JOIN {} d ON {} WHERE {})").format(
            table_ident(self.req.table(parent)),
            sql.Identifier(source),
            self.keys[parent].join("p", "d"),
            equalities("p", rel.parent_columns, alias, rel.child_columns),
        )

    def _children_of(self, rel: RelationshipInfo, source: str, params: Params) -> sql.Composable:
        """Rows of the child table referencing a row in `source` (a delta of the parent)."""
        semi = self._child_of_keys(rel, source, "c", self._set_columns(rel.parent_key))
        # A target's own filters pick its seeds; its rows reached again through a cycle are children.
        own = [] if rel.child_key in self.req.targets else self.req.conditions.get(rel.child_key, [])
        parts = [semi] + [condition_sql("c", cond, params) for cond in own]
        return sql.SQL("SELECT {} FROM {} c{}").format(
            self._select_row(rel.child_key, "c"), table_ident(self.req.table(rel.child_key)), where_all(parts)
        )

    def _references_are_keys(self, rel: RelationshipInfo) -> bool:
        """Whether `rel`'s references are whole rows of its parent's key set, parents that exist: the
        parent's whole key (no ctid, no carried columns) along a real foreign key (a virtual one
        guarantees no row, so it goes through the parent table)."""
        key = self.keys[rel.parent_key]
        return (
            not rel.is_virtual
            and not key.uses_ctid
            and not self.carried[rel.parent_key]
            and set(rel.parent_columns) == set(key.columns)
        )

    def _parents_of(self, rel: RelationshipInfo, source: sql.Composable) -> sql.Composable:
        """Rows of the parent table referenced by the rows in `source` (their references are carried)."""
        parent, parent_key = rel.parent_key, self.keys[rel.parent_key]
        if self._references_are_keys(rel):
            # The references are the parent's whole key-set row: no need to read the parent table.
            mapped = [rel.child_columns[rel.parent_columns.index(col)] for col in parent_key.columns]
            select = sql.SQL(", ").join(
                sql.SQL("{} AS {}").format(sql.Identifier("d", m), sql.Identifier(p))
                for m, p in zip(mapped, parent_key.columns, strict=True)
            )
            not_null = sql.SQL(" AND ").join(
                sql.SQL("{} IS NOT NULL").format(sql.Identifier("d", m)) for m in mapped
            )
            return sql.SQL("SELECT DISTINCT {} FROM {} d WHERE {}").format(select, source, not_null)
        return sql.SQL("SELECT {} FROM {} p WHERE EXISTS (SELECT 1 FROM {} d WHERE {})").format(
            self._select_row(parent, "p"),
            table_ident(self.req.table(parent)),
            source,
            equalities("p", rel.parent_columns, "d", rel.child_columns),
        )

    def _insert(
        self, table: str, candidates: sql.Composable, params: Params, capped: bool = True, delta: bool = True
    ) -> int:
        """Add the new rows among `candidates` to the key set (and the next delta if `delta`); returns how many.

        With a cap, candidates are ordered by key and one more than the room left is fetched, which
        tells whether the cap cut anything off. Statements run one after another in the session,
        so the anti-join against the key set also sees rows added earlier in the same round.
        """
        self.hooks.check_cancelled()
        self._ingested.discard(self.keyset_table(table))
        key, keyset = self.keys[table], sql.Identifier(self.keyset_table(table))
        cap = self.req.caps.get(table) if capped else None
        room = None if cap is None else max(cap - self.outcome.counts[table], 0)
        new_only = sql.SQL("SELECT * FROM ({}) s").format(candidates)
        if self.outcome.counts[table]:
            new_only += sql.SQL(" WHERE NOT EXISTS (SELECT 1 FROM {} k WHERE {})").format(
                keyset, equalities("s", key.set_columns, "k", key.set_columns)
            )
        if room is None:
            # Uncapped: candidates flow straight into the insert, with nothing to count twice.
            query = sql.SQL("WITH {} SELECT count(*), 0 FROM {}").format(
                *self._inserts(table, new_only, delta)
            )
        else:
            order = sql.SQL(", ").join(sql.Identifier("s", c) for c in key.set_columns)
            cand = new_only + sql.SQL(" ORDER BY {} LIMIT {}").format(order, sql.Literal(room + 1))
            pick = sql.SQL("SELECT * FROM cand s ORDER BY {} LIMIT {}").format(order, sql.Literal(room))
            inserts, last = self._inserts(table, pick, delta)
            query = sql.SQL(
                "WITH cand AS ({}), {} SELECT (SELECT count(*) FROM {}), (SELECT count(*) FROM cand)"
            ).format(cand, inserts, last)
        inserted, candidates_found = self.session.execute(query, params.values)[0]
        self.outcome.counts[table] += int(inserted)
        if cap is not None and room is not None and int(candidates_found) > room:
            self.outcome.caps_applied[table] = cap
        return int(inserted)

    def _inserts(
        self, table: str, rows: sql.Composable, delta: bool
    ) -> tuple[sql.Composable, sql.Identifier]:
        """CTEs inserting `rows` into the key set (and the next delta), and the one to count."""
        keyset = sql.Identifier(self.keyset_table(table))
        if not delta:
            return sql.SQL("ins AS (INSERT INTO {} {} RETURNING 1)").format(keyset, rows), sql.Identifier(
                "ins"
            )
        ctes = sql.SQL(
            "ins AS (INSERT INTO {} {} RETURNING *), nd AS (INSERT INTO {} SELECT * FROM ins RETURNING 1)"
        ).format(keyset, rows, sql.Identifier(self._next[table]))
        return ctes, sql.Identifier("nd")

    def _advance(self, truncate: list[str]) -> None:
        """Empty the deltas just consumed, then make the next deltas current."""
        if truncate:
            names = sql.SQL(", ").join(sql.Identifier(self._current[t]) for t in truncate)
            self._run(sql.SQL("TRUNCATE {}").format(names))
        self._current, self._next = self._next, self._current

    def _run(self, query: sql.Composable) -> None:
        self.session.execute(query)
