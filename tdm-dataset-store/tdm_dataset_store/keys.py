"""Object keys of the dataset store, shared by every backend.

A dataset version lives under ``datasets/<dataset_version_id>/``: one ``<table>.parquet`` per
table and a ``_manifest.json`` written last. Ids and table names are validated before they
become part of a key, so no caller input can climb out of its version's prefix.

Table names are PostgreSQL names: any character but NUL (spaces, quotes, non-ASCII, '/').
In a key, every character other than letters, digits, '_', '-' and '.' is percent-encoded
(UTF-8), so 'Mixed Schema.Naïve' is stored as 'Mixed%20Schema.Na%C3%AFve.parquet' and plain
names such as 'sales.orders' keep the keys they always had.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote, unquote

from tdm_dataset_store.errors import InvalidKeyError

DATASETS_PREFIX = "datasets/"
MANIFEST_NAME = "_manifest.json"
TABLE_SUFFIX = ".parquet"

MAX_TABLE_NAME = 200
_KEY_SAFE = "_.-"  # besides ASCII letters and digits, the characters kept as they are in keys


def validate_version_id(version_id: str | uuid.UUID) -> str:
    """Return the canonical (lower-case, hyphenated) form of a dataset version UUID."""
    if isinstance(version_id, uuid.UUID):
        return str(version_id)
    try:
        return str(uuid.UUID(str(version_id)))
    except (ValueError, TypeError, AttributeError):
        raise InvalidKeyError("dataset version id must be a UUID") from None


def validate_table_name(table: str) -> str:
    """Return ``table`` unchanged if it can name a table, else raise InvalidKeyError.

    A leading '.' is refused so that temporary files (which start with '.') and '..' can never be
    table names; '..' anywhere and NUL are refused as well.
    """
    if (
        not isinstance(table, str)
        or not 0 < len(table) <= MAX_TABLE_NAME
        or table.startswith(".")
        or ".." in table
        or "\x00" in table
    ):
        raise InvalidKeyError(
            f"table name must be 1-{MAX_TABLE_NAME} characters without NUL, "
            "must not start with '.' and must not contain '..'"
        )
    if table.endswith(TABLE_SUFFIX) or table == MANIFEST_NAME:
        raise InvalidKeyError("table name must not end with '.parquet' or name the manifest")
    return table


def encode_table_name(table: str) -> str:
    """The key segment of a (validated) table name: unsafe characters percent-encoded."""
    return quote(validate_table_name(table), safe=_KEY_SAFE)


def version_prefix(version_id: str | uuid.UUID) -> str:
    """Key prefix (ending in '/') holding every object of one dataset version."""
    return f"{DATASETS_PREFIX}{validate_version_id(version_id)}/"


def table_key(version_id: str | uuid.UUID, table: str) -> str:
    """Key of one table's Parquet file: ``datasets/<id>/<table>.parquet``."""
    return f"{version_prefix(version_id)}{encode_table_name(table)}{TABLE_SUFFIX}"


def manifest_key(version_id: str | uuid.UUID) -> str:
    """Key of a version's manifest: ``datasets/<id>/_manifest.json``."""
    return f"{version_prefix(version_id)}{MANIFEST_NAME}"


def table_from_key(key: str) -> str | None:
    """Table name encoded in a table key's last segment, or None for any other object."""
    name = key.rsplit("/", 1)[-1]
    if not name.endswith(TABLE_SUFFIX):
        return None
    try:
        return validate_table_name(unquote(name[: -len(TABLE_SUFFIX)], errors="strict"))
    except (InvalidKeyError, UnicodeDecodeError):
        return None


def is_version_id(candidate: str) -> bool:
    """True when ``candidate`` is a canonical dataset version id (used when sweeping prefixes)."""
    try:
        return validate_version_id(candidate) == candidate
    except InvalidKeyError:
        return False
