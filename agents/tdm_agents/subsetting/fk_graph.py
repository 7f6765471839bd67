"""The foreign-key graph of a schema snapshot: tables as nodes, relationships as child → parent edges.

Real and virtual foreign keys are treated alike. Cycles (including self-references) are found as
strongly connected components; the condensation of those components is a DAG whose topological
order (parents first) is the order a loader must follow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from graphlib import TopologicalSorter

from tdm_agents.schema_discovery.partition_keys import fold_partition_keys
from tdm_metadata_store.snapshot import RelationshipInfo, SchemaSnapshot


def relationship_label(rel: RelationshipInfo) -> str:
    """A readable, unique name for a relationship: `child(cols) -> parent(cols)`."""
    return (
        f"{rel.child_key}({', '.join(rel.child_columns)}) -> "
        f"{rel.parent_key}({', '.join(rel.parent_columns)})"
    )


@dataclass(frozen=True)
class Cycle:
    """A strongly connected group of tables and the relationships that close the loop."""

    tables: tuple[str, ...]
    relationships: tuple[int, ...]


@dataclass
class FkGraph:
    """Tables and the relationships between them, indexed both ways."""

    tables: list[str]
    relationships: list[RelationshipInfo]
    _parents: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _children: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for index, rel in enumerate(self.relationships):
            self._parents[rel.child_key].append(index)
            self._children[rel.parent_key].append(index)

    @classmethod
    def from_snapshot(cls, snapshot: SchemaSnapshot) -> FkGraph:
        """Graph over the tables that can be extracted, with every relationship between two of them."""
        tables = sorted(t.key for t in snapshot.tables if t.is_subset_source)
        known = set(tables)
        # Folded again: schema versions discovered earlier list keys declared on partitions as such.
        folded = fold_partition_keys(snapshot, snapshot.relationships)
        rels = [r for r in folded if r.child_key in known and r.parent_key in known]
        rels.sort(key=relationship_label)
        return cls(tables=tables, relationships=rels)

    def relationships_to_parents(self, table: str) -> list[int]:
        """Indexes of the relationships in which `table` is the child."""
        return list(self._parents.get(table, ()))

    def relationships_to_children(self, table: str) -> list[int]:
        """Indexes of the relationships in which `table` is the parent."""
        return list(self._children.get(table, ()))

    def components(self) -> list[list[str]]:
        """Strongly connected components (Tarjan), each sorted; singletons included."""
        return _tarjan(self.tables, self._successors())

    def cycles(self) -> list[Cycle]:
        """Components that loop: several tables, or one table that references itself."""
        found = []
        for comp in self.components():
            members = set(comp)
            rels = tuple(
                i
                for i, r in enumerate(self.relationships)
                if r.child_key in members and r.parent_key in members
            )
            if len(comp) > 1 or rels:
                found.append(Cycle(tables=tuple(comp), relationships=rels))
        return found

    def condensation_order(self) -> list[list[str]]:
        """Components in topological order, parents before children (the order rows can be loaded)."""
        comps = self.components()
        comp_of = {t: i for i, comp in enumerate(comps) for t in comp}
        sorter: TopologicalSorter[int] = TopologicalSorter()
        for i in range(len(comps)):
            sorter.add(i)
        for rel in self.relationships:
            child, parent = comp_of[rel.child_key], comp_of[rel.parent_key]
            if child != parent:
                sorter.add(child, parent)
        sorter.prepare()
        order: list[list[str]] = []
        while sorter.is_active():
            ready = sorted(sorter.get_ready(), key=lambda i: comps[i])
            order.extend(comps[i] for i in ready)
            sorter.done(*ready)
        return order

    def _successors(self) -> dict[str, list[str]]:
        succ: dict[str, list[str]] = {t: [] for t in self.tables}
        for rel in self.relationships:
            succ[rel.child_key].append(rel.parent_key)
        return succ


def _tarjan(nodes: Iterable[str], successors: dict[str, list[str]]) -> list[list[str]]:
    """Iterative Tarjan: no recursion limit on long reference chains."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(successors[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        comp.append(member)
                        if member == node:
                            break
                    result.append(sorted(comp))
            elif nxt not in index:
                index[nxt] = low[nxt] = counter
                counter += 1
                stack.append(nxt)
                on_stack.add(nxt)
                work.append((nxt, iter(successors[nxt])))
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
    return result
