"""The same million rows become the same bytes on both backends (DESIGN: same keys, same Parquet)."""

from __future__ import annotations

import uuid

import pyarrow as pa
import pytest

from tdm_dataset_store import DatasetStore
from tests.integration.dataset_store.arrow_samples import numeric_batches, numeric_schema

pytestmark = pytest.mark.integration

ROWS = 1_000_000
BATCH_ROWS = 100_000


def _store_version(store: DatasetStore, version: str):
    info = store.write_table(version, "public.events", numeric_batches(ROWS, BATCH_ROWS), numeric_schema())
    return store.write_manifest(version, {"public.events": info}, {"rows": ROWS})


def test_million_rows_round_trip_bit_identically_through_both_backends(local_store, s3_store):
    version = str(uuid.uuid4())
    local_manifest = _store_version(local_store, version)
    s3_manifest = _store_version(s3_store, version)

    assert local_manifest.tables == s3_manifest.tables  # rows, bytes, sha256, key and schema
    assert local_store.read_manifest(version).tables == s3_store.read_manifest(version).tables
    assert local_manifest.tables["public.events"].rows == ROWS

    local_batches = local_store.read_table(version, "public.events", batch_size=BATCH_ROWS)
    s3_batches = s3_store.read_table(version, "public.events", batch_size=BATCH_ROWS)
    expected = numeric_batches(ROWS, BATCH_ROWS)
    rows = 0
    for from_local, from_s3, original in zip(local_batches, s3_batches, expected, strict=True):
        assert from_local.equals(original)
        assert from_s3.equals(original)
        rows += original.num_rows
    assert rows == ROWS
    assert pa.Schema.equals(local_store.table_schema(version, "public.events"), numeric_schema())
