"""Manifest model: canonical JSON, round trip, schema description."""

import json
from datetime import UTC, datetime

import pyarrow as pa
import pytest
from pydantic import ValidationError

from tdm_dataset_store import Manifest, TableFileInfo
from tdm_dataset_store.manifest import columns_of

VERSION = "0b9a0f3e-7f55-4c1e-9d53-2c1f7d7a1b10"


def _info(rows: int = 3) -> TableFileInfo:
    schema = pa.schema([pa.field("id", pa.int64(), nullable=False), pa.field("amount", pa.decimal128(12, 2))])
    return TableFileInfo(
        rows=rows,
        bytes=1234,
        sha256="ab" * 32,
        key=f"datasets/{VERSION}/orders.parquet",
        arrow_schema=columns_of(schema),
    )


def _manifest(**extra: object) -> Manifest:
    return Manifest(
        version_id=VERSION,
        created_at=datetime(2025, 2, 1, 12, 0, tzinfo=UTC),
        tables={"orders": _info(), "customers": _info(7)},
        extra=dict(extra),
    )


def test_canonical_json_is_compact_sorted_and_stable():
    first = _manifest(job="j1", params={"z": 1, "a": 2}).canonical_json()
    second = _manifest(params={"a": 2, "z": 1}, job="j1").canonical_json()
    assert first == second
    assert b'": ' not in first and b', "' not in first
    parsed = json.loads(first)
    assert list(parsed) == sorted(parsed)
    assert list(parsed["tables"]) == ["customers", "orders"]


def test_manifest_round_trips_through_json():
    manifest = _manifest(source="subset")
    assert Manifest.from_json(manifest.canonical_json()) == manifest


def test_columns_describe_arrow_types_and_nullability():
    columns = _info().arrow_schema
    assert [(c.name, c.type, c.nullable) for c in columns] == [
        ("id", "int64", False),
        ("amount", "decimal128(12, 2)", True),
    ]


def test_checksum_must_be_lower_case_hex_sha256():
    with pytest.raises(ValidationError):
        TableFileInfo(rows=1, bytes=1, sha256="XYZ", key="k", arrow_schema=[])
