"""The schema to create for a dataset without a schema version (synthetic data).

The synthetic engine's normalized schema, when the dataset's metadata carries it, converts to a
snapshot with keys and relationships. Otherwise the Parquet files' Arrow schemas give columns and
types (no keys): enough to create loadable tables.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from tdm_metadata_store.snapshot import ColumnInfo, SchemaSnapshot, TableInfo

NORMALIZED_SCHEMA_KEY = "normalized_schema"


def snapshot_for_dataset(metadata: dict[str, Any], arrow_schemas: dict[str, pa.Schema]) -> SchemaSnapshot:
    """The normalized schema's snapshot when the metadata has one, else one derived from Arrow schemas."""
    normalized = metadata.get(NORMALIZED_SCHEMA_KEY)
    if isinstance(normalized, dict):
        from tdm_agents.synthetic.schema_model import NormalizedSchema
        from tdm_agents.synthetic.snapshot_convert import to_snapshot

        snapshot = to_snapshot(NormalizedSchema.model_validate(normalized))
        if all(snapshot.table(name) is not None for name in arrow_schemas):
            return snapshot
    return snapshot_from_arrow(arrow_schemas)


def snapshot_from_arrow(arrow_schemas: dict[str, pa.Schema]) -> SchemaSnapshot:
    """Tables whose columns take the PostgreSQL type matching each Arrow field (nullable as stored)."""
    tables = []
    for key, schema in sorted(arrow_schemas.items()):
        schema_name, _, name = key.rpartition(".")
        columns = [
            ColumnInfo(
                name=f.name, data_type=postgres_type(f.type), nullable=f.nullable, ordinal_position=i + 1
            )
            for i, f in enumerate(schema)
        ]
        tables.append(TableInfo(schema_name=schema_name or "public", name=name, columns=columns))
    schemas = sorted({t.schema_name for t in tables}) or ["public"]
    return SchemaSnapshot(schemas=schemas, tables=tables)


_SIMPLE = [
    (pa.types.is_boolean, "boolean"),
    (pa.types.is_int8, "smallint"),
    (pa.types.is_int16, "smallint"),
    (pa.types.is_int32, "integer"),
    (pa.types.is_int64, "bigint"),
    (pa.types.is_uint8, "smallint"),
    (pa.types.is_uint16, "integer"),
    (pa.types.is_uint32, "bigint"),
    (pa.types.is_uint64, "numeric(20,0)"),
    (pa.types.is_float16, "real"),
    (pa.types.is_float32, "real"),
    (pa.types.is_float64, "double precision"),
    (pa.types.is_date, "date"),
    (pa.types.is_time, "time"),
    (pa.types.is_duration, "interval"),
    (pa.types.is_string, "text"),
    (pa.types.is_large_string, "text"),
    (pa.types.is_binary, "bytea"),
    (pa.types.is_large_binary, "bytea"),
]


def postgres_type(arrow: pa.DataType) -> str:
    """The PostgreSQL type that holds values of an Arrow type without loss."""
    if isinstance(arrow, pa.UuidType):
        return "uuid"
    if isinstance(arrow, pa.JsonType):
        return "jsonb"
    if isinstance(arrow, pa.BaseExtensionType):
        return postgres_type(arrow.storage_type)
    if pa.types.is_decimal(arrow):
        return f"numeric({arrow.precision},{arrow.scale})"
    if pa.types.is_timestamp(arrow):
        return "timestamp with time zone" if arrow.tz else "timestamp without time zone"
    if pa.types.is_list(arrow) or pa.types.is_large_list(arrow):
        return f"{postgres_type(arrow.value_type)}[]"
    for test, name in _SIMPLE:
        if test(arrow):
            return name
    return "text"
