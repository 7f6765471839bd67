"""Behaviour every backend must share, run against the local directory and S3 over HTTP."""

from __future__ import annotations

import hashlib
import uuid

import httpx
import pyarrow as pa
import pytest

from tdm_dataset_store import (
    DatasetNotFound,
    DatasetStore,
    IncompleteDataset,
    InvalidKeyError,
    LocalDatasetStore,
    table_key,
)
from tests.integration.dataset_store.arrow_samples import all_types_table, numeric_batches, numeric_schema

pytestmark = pytest.mark.integration


def _write_complete(store: DatasetStore, version: str, tables: dict[str, pa.Table], batch_rows: int = 2):
    infos = {
        name: store.write_table(version, name, table.to_batches(max_chunksize=batch_rows), table.schema)
        for name, table in tables.items()
    }
    return store.write_manifest(version, infos, {"source": "test"})


def _read(store: DatasetStore, version: str, table: str, **kwargs) -> pa.Table:
    schema = store.table_schema(version, table)
    return pa.Table.from_batches(list(store.read_table(version, table, **kwargs)), schema=schema)


def test_all_common_arrow_types_round_trip(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    table = all_types_table()
    manifest = _write_complete(dataset_store, version, {"public.everything": table})

    back = _read(dataset_store, version, "public.everything")
    assert back.schema.equals(table.schema)
    assert back.equals(table)
    info = manifest.tables["public.everything"]
    assert info.rows == 4
    assert [column.name for column in info.arrow_schema] == table.schema.names
    assert {c.name: c.type for c in info.arrow_schema}["ts_utc"] == "timestamp[us, tz=UTC]"


def test_reported_size_and_checksum_match_the_stored_bytes(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    batches = list(numeric_batches(5_000, 1_000))
    info = dataset_store.write_table(version, "orders", batches, numeric_schema())
    dataset_store.write_manifest(version, {"orders": info})

    with dataset_store.open_file(version, "orders") as handle:
        data = handle.read()
    assert info.rows == 5_000
    assert info.bytes == len(data)
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.key == f"datasets/{version}/orders.parquet"
    assert data[:4] == b"PAR1"


def test_reads_stream_in_bounded_batches_and_select_columns(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    info = dataset_store.write_table(version, "events", numeric_batches(10_000, 4_000), numeric_schema())
    dataset_store.write_manifest(version, {"events": info})

    batches = list(dataset_store.read_table(version, "events", columns=["id", "label"], batch_size=1_500))
    assert all(batch.num_rows <= 1_500 for batch in batches)
    assert sum(batch.num_rows for batch in batches) == 10_000
    assert batches[0].schema.names == ["id", "label"]
    ids = pa.concat_arrays([batch.column("id") for batch in batches])
    assert ids.to_pylist() == list(range(10_000))


def test_empty_table_round_trips_with_its_schema(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    info = dataset_store.write_table(version, "empty", [], numeric_schema())
    dataset_store.write_manifest(version, {"empty": info})
    assert info.rows == 0
    assert dataset_store.table_schema(version, "empty").equals(numeric_schema())
    assert list(dataset_store.read_table(version, "empty")) == []


def test_manifest_is_what_makes_a_version_complete(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    table = all_types_table()
    info = dataset_store.write_table(version, "customers", table.to_batches(), table.schema)

    assert not dataset_store.is_complete(version)
    assert dataset_store.read_manifest(version) is None
    assert dataset_store.list_tables(version) == ["customers"]
    with pytest.raises(IncompleteDataset):
        dataset_store.read_table(version, "customers")
    assert _read_incomplete(dataset_store, version, "customers").equals(table)

    manifest = dataset_store.write_manifest(version, {"customers": info}, {"job_id": "j-1"})
    assert dataset_store.is_complete(version)
    assert dataset_store.read_manifest(version) == manifest
    assert manifest.extra == {"job_id": "j-1"}


def _read_incomplete(store: DatasetStore, version: str, table: str) -> pa.Table:
    return pa.Table.from_batches(list(store.read_table(version, table, allow_incomplete=True)))


def test_rewriting_a_table_makes_the_version_incomplete_again(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    table = all_types_table()
    _write_complete(dataset_store, version, {"orders": table})
    dataset_store.write_table(version, "orders", table.slice(0, 2).to_batches(), table.schema)
    assert not dataset_store.is_complete(version)
    assert _read_incomplete(dataset_store, version, "orders").num_rows == 2


def test_manifest_refuses_tables_without_files(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    table = all_types_table()
    info = dataset_store.write_table(version, "orders", table.to_batches(), table.schema)
    ghost = info.model_copy(update={"key": table_key(version, "missing")})
    with pytest.raises(DatasetNotFound):
        dataset_store.write_manifest(version, {"orders": info, "missing": ghost})
    with pytest.raises(InvalidKeyError):
        dataset_store.write_manifest(version, {"renamed": info})
    assert not dataset_store.is_complete(version)


def test_missing_versions_and_tables_are_reported(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    with pytest.raises(DatasetNotFound):
        dataset_store.read_table(version, "orders")
    with pytest.raises(DatasetNotFound):
        dataset_store.open_file(version, "orders", allow_incomplete=True)
    _write_complete(dataset_store, version, {"orders": all_types_table()})
    with pytest.raises(DatasetNotFound):
        dataset_store.table_schema(version, "customers")
    assert dataset_store.list_tables(str(uuid.uuid4())) == []
    assert dataset_store.read_manifest(str(uuid.uuid4())) is None


def test_traversal_is_refused_before_touching_storage(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    schema = numeric_schema()
    for table in ["../escape", "..", ".hidden"]:  # "a/b" is a name like any other: stored as a%2Fb
        with pytest.raises(InvalidKeyError):
            dataset_store.write_table(version, table, [], schema)
    with pytest.raises(InvalidKeyError):
        dataset_store.write_table("../../etc", "orders", [], schema)
    with pytest.raises(InvalidKeyError):
        dataset_store.read_table(version, "../../orders")
    with pytest.raises(InvalidKeyError):
        dataset_store.delete_version("..")
    assert dataset_store.list_version_ids() == []


def test_delete_version_removes_everything_and_only_that_version(dataset_store: DatasetStore):
    kept, dropped = str(uuid.uuid4()), str(uuid.uuid4())
    table = all_types_table()
    _write_complete(dataset_store, kept, {"orders": table})
    _write_complete(dataset_store, dropped, {"orders": table, "sales.customers": table})
    dataset_store.write_table(dropped, "extra", table.to_batches(), table.schema)

    assert set(dataset_store.list_version_ids()) == {kept, dropped}
    dataset_store.delete_version(dropped)

    assert dataset_store.list_version_ids() == [kept]
    assert dataset_store.list_tables(dropped) == []
    assert not dataset_store.is_complete(dropped)
    assert dataset_store.is_complete(kept)
    dataset_store.delete_version(dropped)  # deleting twice is harmless


def test_failed_write_keeps_the_previous_file(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    original = dataset_store.write_table(version, "orders", numeric_batches(3_000, 1_000), numeric_schema())

    def exploding_batches():
        yield from numeric_batches(2_000, 1_000, seed=99)
        raise RuntimeError("source connection lost")

    with pytest.raises(RuntimeError, match="source connection lost"):
        dataset_store.write_table(version, "orders", exploding_batches(), numeric_schema())
    with dataset_store.open_file(version, "orders", allow_incomplete=True) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == original.sha256
    assert dataset_store.list_tables(version) == ["orders"]


def test_mismatched_batches_are_refused(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    wrong = pa.record_batch([pa.array([1, 2])], names=["other"])
    with pytest.raises(ValueError, match="do not match"):
        dataset_store.write_table(version, "orders", [wrong], numeric_schema())
    assert dataset_store.list_tables(version) == []


def test_download_url_is_presigned_on_s3_and_none_locally(dataset_store: DatasetStore):
    version = str(uuid.uuid4())
    manifest = _write_complete(dataset_store, version, {"orders": all_types_table()})
    url = dataset_store.download_url(version, "orders", expires_s=60)
    if isinstance(dataset_store, LocalDatasetStore):
        assert url is None
        return
    assert url is not None
    response = httpx.get(url, timeout=30)
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == manifest.tables["orders"].sha256
    assert 'filename="orders.parquet"' in response.headers.get("content-disposition", "")
    with pytest.raises(DatasetNotFound):
        dataset_store.download_url(version, "customers")


def test_ping_succeeds_on_a_usable_store(dataset_store: DatasetStore):
    dataset_store.ping()
