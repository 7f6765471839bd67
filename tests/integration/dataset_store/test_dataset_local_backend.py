"""Local-directory-only behaviour: atomic renames, leftovers of crashed writers, readiness."""

from __future__ import annotations

import os
import uuid

import pytest

from tdm_dataset_store import LocalDatasetStore, StoreUnavailable
from tests.integration.dataset_store.arrow_samples import numeric_batches, numeric_schema


def test_files_live_directly_under_the_dataset_directory(tmp_path):
    store = LocalDatasetStore(tmp_path / "datasets")
    version = str(uuid.uuid4())
    info = store.write_table(version, "sales.orders", numeric_batches(10, 5), numeric_schema())
    store.write_manifest(version, {"sales.orders": info})
    assert sorted(os.listdir(tmp_path / "datasets" / version)) == ["_manifest.json", "sales.orders.parquet"]


def test_failed_write_leaves_neither_a_final_nor_a_temporary_file(local_store: LocalDatasetStore):
    version = str(uuid.uuid4())

    def failing():
        yield from numeric_batches(2_000, 500)
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        local_store.write_table(version, "orders", failing(), numeric_schema())
    assert os.listdir(local_store.root / version) == []


def test_leftovers_of_a_killed_writer_are_not_tables_and_go_with_the_version(local_store: LocalDatasetStore):
    version = str(uuid.uuid4())
    directory = local_store.root / version
    directory.mkdir(parents=True)
    (directory / ".orders.parquet.0123abcd.tmp").write_bytes(b"PAR1 half a file")

    assert local_store.list_tables(version) == []
    assert local_store.list_version_ids() == [version]
    local_store.delete_version(version)
    assert not directory.exists()


def test_foreign_directories_are_not_versions(local_store: LocalDatasetStore):
    (local_store.root / "not-a-version").mkdir(parents=True)
    (local_store.root / "README").write_text("x")
    assert local_store.list_version_ids() == []


def test_ping_creates_the_directory(tmp_path):
    store = LocalDatasetStore(tmp_path / "new" / "datasets")
    store.ping()
    assert (tmp_path / "new" / "datasets").is_dir()


def test_ping_fails_when_the_directory_cannot_exist(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreUnavailable):
        LocalDatasetStore(blocker / "datasets").ping()
