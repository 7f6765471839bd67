"""Check referential integrity on the output of a subset: every foreign-key value has its parent.

Runs on what was written (read back through the dataset store's `read_table`, or a MemorySink),
not on the source, so it proves the dataset itself is intact. Only key columns are read, and the
anti-joins run in Arrow's C++ engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, Field

from tdm_agents.subsetting.fk_graph import FkGraph, relationship_label
from tdm_metadata_store.snapshot import RelationshipInfo, SchemaSnapshot

ReadTable = Callable[[str], pa.Table]


class VerificationReport(BaseModel):
    """Row counts per table and orphaned references per relationship (all zero when intact)."""

    row_counts: dict[str, int] = Field(description="Rows per output table")
    orphans: dict[str, int] = Field(description="Child rows whose reference has no parent, per relationship")

    @property
    def intact(self) -> bool:
        """True when no reference dangles."""
        return not any(self.orphans.values())


def verify_subset(
    snapshot: SchemaSnapshot, read_table: ReadTable, tables: Iterable[str]
) -> VerificationReport:
    """Count rows of `tables` and orphans of every relationship whose child table is among them."""
    output = list(tables)
    present = set(output)
    cache: dict[str, pa.Table] = {}

    def load(table: str) -> pa.Table:
        if table not in cache:
            cache[table] = read_table(table)
        return cache[table]

    orphans: dict[str, int] = {}
    for rel in FkGraph.from_snapshot(snapshot).relationships:
        if rel.child_key in present:
            parent = load(rel.parent_key) if rel.parent_key in present else None
            orphans[relationship_label(rel)] = count_orphans(load(rel.child_key), parent, rel)
    return VerificationReport(row_counts={t: load(t).num_rows for t in output}, orphans=orphans)


def count_orphans(child: pa.Table, parent: pa.Table | None, rel: RelationshipInfo) -> int:
    """Child rows with a complete (non-NULL) reference that matches no parent row."""
    names = [f"k{i}" for i in range(len(rel.child_columns))]
    refs = _key_table(child, rel.child_columns, names)
    mask = None
    for name in names:
        valid = pc.is_valid(refs[name])
        mask = valid if mask is None else pc.and_(mask, valid)
    refs = refs.filter(mask) if mask is not None else refs
    if parent is None or refs.num_rows == 0:
        return refs.num_rows
    targets = _key_table(parent, rel.parent_columns, names)
    return refs.join(targets, keys=names, join_type="left anti").num_rows


def _key_table(table: pa.Table, columns: list[str], names: list[str]) -> pa.Table:
    # Extension types (uuid, opaque numeric) cannot be join keys: compare their storage instead.
    arrays = []
    for col in columns:
        arr = table.column(col)
        if isinstance(arr.type, pa.ExtensionType):
            arr = pa.chunked_array([c.storage for c in arr.chunks], type=arr.type.storage_type)
        arrays.append(arr)
    return pa.table(arrays, names=names)
