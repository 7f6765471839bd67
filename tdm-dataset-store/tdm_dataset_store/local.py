"""Dataset store backend on a local directory (the embedded stack's default)."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import BinaryIO

from tdm_dataset_store import keys
from tdm_dataset_store.errors import DatasetNotFound, StoreUnavailable
from tdm_dataset_store.store import DatasetStore, VersionId

_WRITE_BUFFER_BYTES = 1 << 20


class _TempFileSink:
    """Writes to a hidden temporary file beside the target and renames it into place on commit.

    The rename is atomic on POSIX, so a crash mid-write never leaves a partial file under the
    final name; at worst a hidden ``.*.tmp`` file remains, removed with its version.
    """

    def __init__(self, final_path: Path) -> None:
        final_path.parent.mkdir(parents=True, exist_ok=True)
        self._final_path = final_path
        self._temp_path = final_path.with_name(f".{final_path.name}.{uuid.uuid4().hex}.tmp")
        self._file = open(self._temp_path, "wb", buffering=_WRITE_BUFFER_BYTES)  # noqa: SIM115

    def write(self, data: bytes | memoryview) -> int:
        """Append bytes to the temporary file."""
        return self._file.write(data)

    def commit(self) -> None:
        """Flush to disk and move the temporary file to its final name."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self._temp_path, self._final_path)

    def abort(self) -> None:
        """Drop the temporary file; the final name keeps whatever it held before."""
        self._file.close()
        self._temp_path.unlink(missing_ok=True)


class LocalDatasetStore(DatasetStore):
    """Dataset versions as files under ``<root>/<version_id>/`` (key ``datasets/<id>/x`` is ``<root>/<id>/x``)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).expanduser()

    def __repr__(self) -> str:
        return f"LocalDatasetStore(root={str(self.root)!r})"

    def _path(self, key: str) -> Path:
        # Keys are built only by tdm_dataset_store.keys, which validates every segment; the
        # shared "datasets/" prefix is the root directory itself.
        return self.root / key.removeprefix(keys.DATASETS_PREFIX)

    def list_version_ids(self) -> list[str]:
        """Ids of every version directory, complete or not."""
        datasets = self._path(keys.DATASETS_PREFIX)
        if not datasets.is_dir():
            return []
        return sorted(
            entry.name for entry in os.scandir(datasets) if entry.is_dir() and keys.is_version_id(entry.name)
        )

    def download_url(self, version_id: VersionId, table: str, expires_s: int = 3600) -> str | None:
        """Always None: local files are streamed by the API (after checking the table exists)."""
        self._readable_key(version_id, table, allow_incomplete=False)
        return None

    def ping(self) -> None:
        """Check that the dataset directory exists (creating it) and is writable."""
        datasets = self._path(keys.DATASETS_PREFIX)
        try:
            datasets.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"dataset directory cannot be created: {exc.strerror}") from None
        if not os.access(datasets, os.W_OK | os.X_OK):
            raise StoreUnavailable("dataset directory is not writable")

    def _open_sink(self, key: str) -> _TempFileSink:
        return _TempFileSink(self._path(key))

    def _open_reader(self, key: str) -> BinaryIO:
        try:
            return open(self._path(key), "rb")  # noqa: SIM115
        except FileNotFoundError:
            raise DatasetNotFound(f"no object {key!r} in the dataset store") from None

    def _get_bytes(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def _put_bytes(self, key: str, data: bytes) -> None:
        sink = _TempFileSink(self._path(key))
        try:
            sink.write(data)
            sink.commit()
        except BaseException:
            sink.abort()
            raise

    def _object_exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def _delete_object(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def _delete_prefix(self, prefix: str) -> None:
        shutil.rmtree(self._path(prefix), ignore_errors=True)

    def _list_names(self, prefix: str) -> list[str]:
        directory = self._path(prefix)
        if not directory.is_dir():
            return []
        return [entry.name for entry in os.scandir(directory) if entry.is_file()]
