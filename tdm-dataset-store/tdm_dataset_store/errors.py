"""Exceptions raised by the dataset store.

Messages name dataset versions, tables and keys only: never credentials, endpoints with
user info, or row values.
"""

from __future__ import annotations


class DatasetStoreError(Exception):
    """Base class of every error the dataset store raises on purpose."""


class InvalidKeyError(DatasetStoreError, ValueError):
    """A dataset version id or table name that cannot form a safe object key."""


class DatasetNotFound(DatasetStoreError, LookupError):
    """The dataset version or one of its tables does not exist in the store."""


class IncompleteDataset(DatasetStoreError):
    """The dataset version has files but no manifest: its writer has not finished (or crashed)."""


class StoreUnavailable(DatasetStoreError):
    """The backing storage cannot be reached or refuses the configured credentials."""
