"""Arrow tables used by the dataset store tests: every common type, nulls included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pyarrow as pa


def all_types_table() -> pa.Table:
    """Four rows covering ints, decimals, strings, binary, timestamps, dates, lists and structs."""
    utc = dt.UTC
    columns = {
        "i8": pa.array([1, -2, None, 127], pa.int8()),
        "i16": pa.array([1, None, -300, 32767], pa.int16()),
        "i32": pa.array([None, 2, 3, -(2**31)], pa.int32()),
        "i64": pa.array([2**62, None, 0, -1], pa.int64()),
        "u32": pa.array([0, 2**32 - 1, None, 5], pa.uint32()),
        "f32": pa.array([1.5, None, float("inf"), -0.0], pa.float32()),
        "f64": pa.array([3.25, -1e-300, None, 1e300], pa.float64()),
        "flag": pa.array([True, False, None, True]),
        "amount": pa.array(
            [Decimal("12.34"), None, Decimal("-0.01"), Decimal("9999999999.99")], pa.decimal128(12, 2)
        ),
        "big": pa.array([Decimal("1" * 40), None, Decimal(0), Decimal("-5")], pa.decimal256(50, 0)),
        "name": pa.array(["Ada", "", None, "Łódź ✓"], pa.string()),
        "notes": pa.array(["x" * 1000, None, "y", ""], pa.large_string()),
        "blob": pa.array([b"\x00\x01", None, b"", bytes(range(256))], pa.binary()),
        "ts_utc": pa.array(
            [
                dt.datetime(2024, 1, 1, 12, 30, tzinfo=utc),
                None,
                dt.datetime(1970, 1, 1, tzinfo=utc),
                dt.datetime(2038, 1, 19, tzinfo=utc),
            ],
            pa.timestamp("us", tz="UTC"),
        ),
        "ts_berlin": pa.array([0, 1_700_000_000_000_000, None, -1], pa.timestamp("us", tz="Europe/Berlin")),
        "ts_naive": pa.array(
            [dt.datetime(2020, 2, 29, 23, 59, 59), None, dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)],
            pa.timestamp("ms"),
        ),
        "day": pa.array([dt.date(2024, 2, 29), None, dt.date(1, 1, 1), dt.date(9999, 12, 31)], pa.date32()),
        "at": pa.array([dt.time(0, 0), dt.time(23, 59, 59, 999999), None, dt.time(12)], pa.time64("us")),
        "tags": pa.array([["a", "b"], [], None, [None, "c"]], pa.list_(pa.string())),
        "scores": pa.array([[1, 2, 3], None, [None], []], pa.list_(pa.int64())),
        "address": pa.array(
            [{"city": "Oslo", "zip": 150}, None, {"city": None, "zip": None}, {"city": "Lima", "zip": 15001}],
            pa.struct([("city", pa.string()), ("zip", pa.int32())]),
        ),
        "all_null": pa.nulls(4, pa.string()),
        "null_type": pa.nulls(4),
    }
    schema = pa.schema([pa.field(name, array.type) for name, array in columns.items()]).append(
        pa.field("id", pa.int64(), nullable=False)
    )
    return pa.Table.from_arrays([*columns.values(), pa.array([1, 2, 3, 4], pa.int64())], schema=schema)


def numeric_batches(rows: int, batch_rows: int, seed: int = 7):
    """Deterministic batches of an id, a float, a short string and a timestamp column."""
    schema = numeric_schema()
    rng = np.random.default_rng(seed)
    for start in range(0, rows, batch_rows):
        count = min(batch_rows, rows - start)
        ids = np.arange(start, start + count, dtype=np.int64)
        yield pa.record_batch(
            [
                pa.array(ids),
                pa.array(rng.random(count)),
                pa.array((ids % 997).astype(str)),
                pa.array(ids * 1_000_000, pa.timestamp("us", tz="UTC")),
            ],
            schema=schema,
        )


def numeric_schema() -> pa.Schema:
    """Schema of :func:`numeric_batches`."""
    return pa.schema(
        [
            pa.field("id", pa.int64(), nullable=False),
            ("value", pa.float64()),
            ("label", pa.string()),
            ("seen_at", pa.timestamp("us", tz="UTC")),
        ]
    )
