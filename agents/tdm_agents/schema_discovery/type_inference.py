"""Give columns a semantic type (`ColumnInfo.inferred_type`) from their names, types and values.

Two passes, matching the discovery stages: `infer_from_names` needs no data and runs for every
column; `refine_from_values` runs per table on the values the profiler already sampled (the
table is not read a second time) and replaces name-based guesses with value-based ones.
"""

from __future__ import annotations

from tdm_agents.semantic import infer_semantic_type
from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo

# Below this confidence a guess is not recorded: a wrong label misleads masking more than none.
MIN_CONFIDENCE = 0.5


def _declared_type(column: ColumnInfo) -> str:
    # Domains and enums print their own name; the udt/base type is what the values look like.
    if column.type_category == "string":
        return "text"
    return column.udt_name or column.data_type


def infer_column(column: ColumnInfo, values: list[str] | None = None) -> str | None:
    """The semantic type for one column, or None when the evidence is too weak."""
    semantic, confidence = infer_semantic_type(column.name, _declared_type(column), values)
    return semantic if confidence >= MIN_CONFIDENCE else None


def infer_from_names(snapshot: SchemaSnapshot) -> SchemaSnapshot:
    """Set `inferred_type` on every column from its name and declared type alone (in place)."""
    for table in snapshot.tables:
        for column in table.columns:
            column.inferred_type = infer_column(column)
    return snapshot


def refine_from_values(table: TableInfo, values: dict[str, list[str]]) -> None:
    """Re-infer the columns of `table` that have sampled values (a profiler `on_values` callback)."""
    for column in table.columns:
        sample = values.get(column.name)
        if sample is not None:
            column.inferred_type = infer_column(column, sample)
