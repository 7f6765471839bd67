"""Build the configured dataset store backend."""

from __future__ import annotations

from tdm_dataset_store.local import LocalDatasetStore
from tdm_dataset_store.settings import DatasetStoreSettings
from tdm_dataset_store.store import DatasetStore


def open_store(settings: DatasetStoreSettings) -> DatasetStore:
    """Return the backend named by ``settings.backend``; no network call is made here."""
    if settings.backend == "local":
        return LocalDatasetStore(settings.local_root)
    from tdm_dataset_store.s3 import S3DatasetStore

    return S3DatasetStore.from_settings(settings)
