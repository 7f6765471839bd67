"""numeric columns (the server's text, or the driver's opaque text) leave the export as decimal128 when constrained."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tdm_agents.subsetting.errors import SubsetExtractionError
from tdm_agents.subsetting.export import decimal_columns, decimal_type, normalize_numeric
from tdm_metadata_store.snapshot import ColumnInfo, TableInfo

NUMERIC = pa.opaque(pa.string(), type_name="numeric", vendor_name="PostgreSQL")


def _field(name: str, typmod: int | None) -> pa.Field:
    meta = {b"POSTGRESQL:type": b"numeric"}
    if typmod is not None:
        meta[b"POSTGRESQL:typmod"] = str(typmod).encode()
    return pa.field(name, NUMERIC, metadata=meta)


def _typmod(precision: int, scale: int) -> int:
    return ((precision << 16) | scale) + 4


def _batch(schema: pa.Schema, *columns: list) -> pa.RecordBatch:
    arrays = [
        pa.ExtensionArray.from_storage(f.type, pa.array(c, pa.string()))
        if isinstance(f.type, pa.OpaqueType)
        else pa.array(c, f.type)
        for f, c in zip(schema, columns, strict=True)
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def test_decimal_type_follows_the_declared_precision_and_scale():
    assert decimal_type(_field("a", _typmod(10, 2))) == pa.decimal128(10, 2)
    assert decimal_type(_field("b", _typmod(38, 0))) == pa.decimal128(38, 0)
    assert decimal_type(_field("c", None)) is None, "unconstrained numeric stays text"
    assert decimal_type(_field("d", _typmod(60, 2))) is None, "beyond decimal128"
    assert decimal_type(pa.field("e", pa.int64())) is None


def test_constrained_numeric_becomes_decimal_and_the_rest_passes_through():
    schema = pa.schema([_field("price", _typmod(10, 2)), _field("free", None), pa.field("id", pa.int64())])
    batch = _batch(schema, ["1.25", None, "99999999.99"], ["1e40", "NaN", "3"], [1, 2, 3])
    out_schema, batches = normalize_numeric(schema, [batch], "shop.products")
    [out] = list(batches)
    assert out_schema.field("price").type == pa.decimal128(10, 2)
    assert out_schema.field("free").type == NUMERIC
    assert out.schema == out_schema
    assert [str(v) if v is not None else None for v in out.column(0).to_pylist()] == [
        "1.25",
        None,
        "99999999.99",
    ]
    assert out.column(1).storage.to_pylist() == ["1e40", "NaN", "3"]
    assert out.column(2).to_pylist() == [1, 2, 3]


def test_nan_in_a_constrained_column_is_a_clear_error_without_the_value():
    schema = pa.schema([_field("price", _typmod(10, 2))])
    _, batches = normalize_numeric(schema, [_batch(schema, ["NaN"])], "products")
    with pytest.raises(SubsetExtractionError, match=r"products\.price"):
        list(batches)


def test_schema_without_numeric_is_returned_unchanged():
    schema = pa.schema([pa.field("id", pa.int32())])
    batch = pa.record_batch([pa.array([1])], schema=schema)
    out_schema, batches = normalize_numeric(schema, [batch], "t")
    assert out_schema is schema and list(batches) == [batch]


def _numeric_column(name: str, precision: int | None, scale: int | None) -> ColumnInfo:
    return ColumnInfo(
        name=name,
        data_type="numeric",
        udt_name="numeric",
        type_category="decimal",
        numeric_precision=precision,
        numeric_scale=scale,
    )


def test_numeric_columns_read_as_text_become_decimals_by_their_declared_type():
    info = TableInfo(
        schema_name="shop",
        name="products",
        columns=[
            _numeric_column("price", 10, 2),
            _numeric_column("free", None, None),
            _numeric_column("wide", 60, 2),
            _numeric_column("odd", 5, 7),  # not a shape decimal128 takes: stays text
            _numeric_column("nan", 10, 2),
        ],
    )
    decimals = decimal_columns(info, frozenset({"nan"}))
    assert decimals == {"price": pa.decimal128(10, 2)}
    schema = pa.schema([pa.field("price", pa.string()), pa.field("free", pa.string())])
    batch = pa.record_batch([pa.array(["1.25", None]), pa.array(["1e40", "NaN"])], schema=schema)
    out_schema, batches = normalize_numeric(schema, [batch], "shop.products", decimals)
    [out] = list(batches)
    assert out_schema.field("price").type == pa.decimal128(10, 2)
    assert out_schema.field("free").type == pa.string()
    assert [str(v) if v is not None else None for v in out.column(0).to_pylist()] == ["1.25", None]
    assert out.column(1).to_pylist() == ["1e40", "NaN"]
