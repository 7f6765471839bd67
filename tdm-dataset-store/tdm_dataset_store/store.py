"""The dataset store interface: one per-version set of Parquet files plus a manifest written last.

Everything that gives the store its meaning (key layout, Parquet encoding, checksums, the
manifest-last rule, completeness checks) lives here; backends only move bytes under keys.
"""

from __future__ import annotations

import abc
import uuid
from collections.abc import Generator, Iterable, Sequence
from typing import Any, BinaryIO

import pyarrow as pa

from tdm_dataset_store import keys
from tdm_dataset_store.errors import DatasetNotFound, IncompleteDataset, InvalidKeyError
from tdm_dataset_store.manifest import Manifest, TableFileInfo, columns_of, utc_now
from tdm_dataset_store.parquet_io import HashingWriter, ObjectSink, iter_batches, read_schema, write_batches

VersionId = str | uuid.UUID
DEFAULT_BATCH_SIZE = 65_536


class DatasetStore(abc.ABC):
    """Parquet files of dataset versions under ``datasets/<version_id>/``, on some backend.

    A version is complete once its manifest exists. Writing a table first removes the
    manifest, so a version being (re)written is never mistaken for a finished one. Readers
    refuse incomplete versions unless they pass ``allow_incomplete=True``.
    """

    # ---- writing -------------------------------------------------------------------------

    def write_table(
        self, version_id: VersionId, table: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema
    ) -> TableFileInfo:
        """Stream ``batches`` into ``datasets/<version_id>/<table>.parquet`` (zstd, a row group per batch).

        Memory is bounded by the batch size. The file appears under its key only when fully
        written; if the batches iterator raises, the previous object (if any) is left as it was
        and the exception propagates. Returns rows, bytes and the SHA-256 of the file bytes.
        """
        key = keys.table_key(version_id, table)
        self._delete_object(keys.manifest_key(version_id))
        sink = self._open_sink(key)
        out = HashingWriter(sink)
        try:
            rows = write_batches(out, batches, schema)
            sink.commit()
        except BaseException:
            sink.abort()
            raise
        return TableFileInfo(
            rows=rows, bytes=out.size, sha256=out.hexdigest(), key=key, arrow_schema=columns_of(schema)
        )

    def write_manifest(
        self, version_id: VersionId, tables: dict[str, TableFileInfo], extra: dict[str, Any] | None = None
    ) -> Manifest:
        """Write the version's manifest, which marks it complete; call it after every table is written.

        Raises DatasetNotFound if a listed table has no file, and InvalidKeyError if a
        table's recorded key does not belong to this version and name.
        """
        canonical_id = keys.validate_version_id(version_id)
        present = set(self.list_tables(canonical_id))
        for name, info in tables.items():
            if info.key != keys.table_key(canonical_id, name):
                raise InvalidKeyError(f"table {name!r} records a key outside its dataset version")
            if name not in present:
                raise DatasetNotFound(f"table {name!r} of dataset version {canonical_id} has no file")
        manifest = Manifest(
            version_id=canonical_id,
            created_at=utc_now(),
            tables=dict(sorted(tables.items())),
            extra=extra or {},
        )
        self._put_bytes(keys.manifest_key(canonical_id), manifest.canonical_json())
        return manifest

    def delete_version(self, version_id: VersionId) -> None:
        """Delete every object of a version (manifest first, so it turns incomplete before it vanishes)."""
        canonical_id = keys.validate_version_id(version_id)
        self._delete_object(keys.manifest_key(canonical_id))
        self._delete_prefix(keys.version_prefix(canonical_id))

    # ---- reading -------------------------------------------------------------------------

    def read_table(
        self,
        version_id: VersionId,
        table: str,
        columns: Sequence[str] | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        *,
        allow_incomplete: bool = False,
    ) -> Generator[pa.RecordBatch, None, None]:
        """Stream a table's rows as record batches of at most ``batch_size`` rows; ``close()`` the
        generator to release the file when stopping early.

        Raises (eagerly, before the first batch) DatasetNotFound for an unknown version or
        table and IncompleteDataset for a version without a manifest.
        """
        if batch_size <= 0:
            raise ValueError("batch_size must be positive")
        source = self.open_file(version_id, table, allow_incomplete=allow_incomplete)
        return _closing_batches(source, columns, batch_size)

    def table_schema(self, version_id: VersionId, table: str, *, allow_incomplete: bool = False) -> pa.Schema:
        """Arrow schema of a stored table, read from the Parquet footer."""
        with self.open_file(version_id, table, allow_incomplete=allow_incomplete) as source:
            return read_schema(source)

    def open_file(self, version_id: VersionId, table: str, *, allow_incomplete: bool = False) -> BinaryIO:
        """Open a table's Parquet file for reading (seekable), e.g. to stream it as a download."""
        key = self._readable_key(version_id, table, allow_incomplete)
        return self._open_reader(key)

    def read_manifest(self, version_id: VersionId) -> Manifest | None:
        """The version's manifest, or None while the version is incomplete or absent."""
        data = self._get_bytes(keys.manifest_key(version_id))
        return None if data is None else Manifest.from_json(data)

    def is_complete(self, version_id: VersionId) -> bool:
        """True once the version's manifest has been written."""
        return self._object_exists(keys.manifest_key(version_id))

    def list_tables(self, version_id: VersionId) -> list[str]:
        """Names of the tables that have a file in this version (complete or not), sorted."""
        names = self._list_names(keys.version_prefix(version_id))
        return sorted(table for table in (keys.table_from_key(name) for name in names) if table is not None)

    def _readable_key(self, version_id: VersionId, table: str, allow_incomplete: bool) -> str:
        key = keys.table_key(version_id, table)
        if allow_incomplete:
            return key
        manifest = self.read_manifest(version_id)
        if manifest is None:
            if self.list_tables(version_id):
                raise IncompleteDataset(
                    f"dataset version {keys.validate_version_id(version_id)} has no manifest"
                )
            raise DatasetNotFound(f"dataset version {keys.validate_version_id(version_id)} does not exist")
        if table not in manifest.tables:
            raise DatasetNotFound(f"dataset version {manifest.version_id} has no table {table!r}")
        return key

    # ---- backend-specific ----------------------------------------------------------------

    @abc.abstractmethod
    def list_version_ids(self) -> list[str]:
        """Ids of every version with at least one object, complete or not (for sweeping orphans)."""

    @abc.abstractmethod
    def download_url(self, version_id: VersionId, table: str, expires_s: int = 3600) -> str | None:
        """A time-limited URL to download the table file, or None when the API must stream it."""

    @abc.abstractmethod
    def ping(self) -> None:
        """Return if the store is usable, else raise StoreUnavailable (used by readiness checks)."""

    @abc.abstractmethod
    def _open_sink(self, key: str) -> ObjectSink:
        """A sink whose bytes become visible under ``key`` only on commit."""

    @abc.abstractmethod
    def _open_reader(self, key: str) -> BinaryIO:
        """A seekable binary reader of ``key``; raises DatasetNotFound when it does not exist."""

    @abc.abstractmethod
    def _get_bytes(self, key: str) -> bytes | None:
        """A small object's bytes, or None when it does not exist."""

    @abc.abstractmethod
    def _put_bytes(self, key: str, data: bytes) -> None:
        """Store a small object atomically."""

    @abc.abstractmethod
    def _object_exists(self, key: str) -> bool:
        """True when ``key`` exists."""

    @abc.abstractmethod
    def _delete_object(self, key: str) -> None:
        """Delete ``key``; a missing key is not an error."""

    @abc.abstractmethod
    def _delete_prefix(self, prefix: str) -> None:
        """Delete every object under ``prefix`` (including unfinished writes where the backend has them)."""

    @abc.abstractmethod
    def _list_names(self, prefix: str) -> list[str]:
        """Names (relative to ``prefix``) of the objects directly under ``prefix``."""


def _closing_batches(
    source: BinaryIO, columns: Sequence[str] | None, batch_size: int
) -> Generator[pa.RecordBatch, None, None]:
    """Yield batches from ``source`` and close it when iteration ends or the consumer stops early."""
    with source:
        yield from iter_batches(source, columns, batch_size)
