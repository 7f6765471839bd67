"""Dataset store: Parquet files per dataset version on a local directory or S3, with a manifest written last.

Usage::

    store = open_store(get_settings())
    info = store.write_table(version_id, "sales.orders", batches, schema)
    store.write_manifest(version_id, {"sales.orders": info})
    for batch in store.read_table(version_id, "sales.orders"):
        ...
"""

from tdm_dataset_store.errors import (
    DatasetNotFound,
    DatasetStoreError,
    IncompleteDataset,
    InvalidKeyError,
    StoreUnavailable,
)
from tdm_dataset_store.factory import open_store
from tdm_dataset_store.keys import manifest_key, table_key
from tdm_dataset_store.local import LocalDatasetStore
from tdm_dataset_store.manifest import ColumnSpec, Manifest, TableFileInfo
from tdm_dataset_store.settings import DatasetStoreSettings, get_settings
from tdm_dataset_store.store import DatasetStore

__all__ = [
    "ColumnSpec",
    "DatasetNotFound",
    "DatasetStore",
    "DatasetStoreError",
    "DatasetStoreSettings",
    "IncompleteDataset",
    "InvalidKeyError",
    "LocalDatasetStore",
    "Manifest",
    "StoreUnavailable",
    "TableFileInfo",
    "get_settings",
    "manifest_key",
    "open_store",
    "table_key",
]
