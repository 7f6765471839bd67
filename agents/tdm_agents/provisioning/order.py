"""Load order: parents before children (topological by FK), reversed for truncation.

Cycles (a store's manager is a staff member of a store) have no topological order. The loader does
not need one for correctness: foreign keys touching the dataset's tables are dropped before the
load and (re)created after it, inside the same transaction, so every FK is validated once, in bulk,
against the complete data. The order still puts parents first wherever the graph allows, which
keeps smoke-test failures and progress readable; inside a cycle the table with the fewest
unloaded parents goes first (ties by name, so the order is stable).
"""

from __future__ import annotations

from collections.abc import Iterable

from tdm_metadata_store.snapshot import RelationshipInfo


def load_order(tables: Iterable[str], relationships: Iterable[RelationshipInfo]) -> list[str]:
    """The tables with every parent before its children where possible; cycles broken deterministically."""
    names = sorted(set(tables))
    parents: dict[str, set[str]] = {name: set() for name in names}
    for rel in relationships:
        if rel.child_key in parents and rel.parent_key in parents and not rel.is_self_reference:
            parents[rel.child_key].add(rel.parent_key)
    ordered: list[str] = []
    remaining = set(names)
    while remaining:
        ready = sorted(t for t in remaining if not (parents[t] & remaining))
        if not ready:
            ready = [min(remaining, key=lambda t: (len(parents[t] & remaining), t))]
        for table in ready:
            ordered.append(table)
            remaining.discard(table)
    return ordered


def truncate_order(tables: Iterable[str], relationships: Iterable[RelationshipInfo]) -> list[str]:
    """Children before parents: the reverse of the load order."""
    return list(reversed(load_order(tables, relationships)))
