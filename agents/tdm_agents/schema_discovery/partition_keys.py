"""Foreign keys declared on partitions, folded into the relationships of the partitioned parent.

A partition is read, subset and masked through the root of its partition tree, so keys declared on
`payment_p2022_01`, `payment_p2022_02`, ... are one relationship of `payment` for every consumer
(the FK graph, the orphan check, masking propagation). Where each key was declared is kept in
`partition_constraints`, so provisioning recreates it on the same partitions. A key of the root and
identical keys of its partitions merge into one relationship; two keys of the root never merge.
Folding is idempotent, so readers of schema versions discovered before keys were folded fold them
on the fly.
"""

from __future__ import annotations

import json

from tdm_metadata_store.snapshot import RelationshipInfo, SchemaSnapshot, TableInfo


def partition_root(tables: dict[str, TableInfo], qualified: str) -> str:
    """The qualified name of the top of `qualified`'s partition tree (itself when not a partition)."""
    seen = {qualified}
    current = tables.get(qualified)
    while current is not None and current.partition_of is not None and current.partition_of not in seen:
        qualified = current.partition_of
        seen.add(qualified)
        current = tables.get(qualified)
    return qualified


def fold_partition_keys(snapshot: SchemaSnapshot, rels: list[RelationshipInfo]) -> list[RelationshipInfo]:
    """`rels` with every partition (child or parent side) replaced by its root, declared keys merged."""
    tables = {t.qualified_name: t for t in snapshot.tables}
    shapes: dict[str, RelationshipInfo] = {}
    out: list[RelationshipInfo] = []
    for rel in rels:
        declared = f"{rel.child_schema}.{rel.child_table}"
        child = partition_root(tables, declared)
        parent = partition_root(tables, f"{rel.parent_schema}.{rel.parent_table}")
        on_partition = child != declared
        folded = rel.model_copy(
            update={
                "child_schema": child.split(".", 1)[0],
                "child_table": child.split(".", 1)[1],
                "parent_schema": parent.split(".", 1)[0],
                "parent_table": parent.split(".", 1)[1],
                "name": None if on_partition else rel.name,
                "partition_constraints": {declared: rel.name or ""}
                if on_partition
                else dict(rel.partition_constraints),
            }
        )
        shape = _shape(folded)
        known = shapes.get(shape)
        if known is None:
            shapes[shape] = folded
            out.append(folded)
        elif on_partition:
            known.partition_constraints[declared] = rel.name or ""
        elif known.name is None:
            known.name = rel.name  # partition keys seen first; the root declares the same key
        else:
            out.append(folded)  # a second, identical key of the root itself stays separate
    return out


def _shape(rel: RelationshipInfo) -> str:
    """Everything that makes two keys the same key, whatever their names and declaring partitions."""
    return json.dumps(rel.model_dump(mode="json", exclude={"name", "partition_constraints"}), sort_keys=True)
