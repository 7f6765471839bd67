"""Dataset versions and their key/value metadata."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from tdm_metadata_store.models import DATASET_SOURCE_TYPES, DATASET_STATUSES, DatasetMetadata, DatasetVersion
from tdm_metadata_store.repositories.base import DEFAULT_PAGE_SIZE, RecordNotFoundError, Repository, paginate


class DatasetRepository(Repository):
    """Dataset versions: created with a caller-chosen id, so a retried step finds its own version."""

    def create(
        self,
        dataset_id: uuid.UUID,
        *,
        source_type: str,
        path_prefix: str,
        name: str | None = None,
        schema_version_id: uuid.UUID | None = None,
        job_id: uuid.UUID | None = None,
        created_by: str | None = None,
    ) -> DatasetVersion:
        """Create the version in `pending`; when it already exists (a retry), return it unchanged."""
        if source_type not in DATASET_SOURCE_TYPES:
            raise ValueError(f"source_type must be one of {', '.join(DATASET_SOURCE_TYPES)}")
        existing = self.get(dataset_id)
        if existing is not None:
            return existing
        row = DatasetVersion(
            id=dataset_id,
            name=name,
            source_type=source_type,
            path_prefix=path_prefix,
            schema_version_id=schema_version_id,
            job_id=job_id,
            created_by=created_by,
            status="pending",
        )
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, dataset_id: uuid.UUID) -> DatasetVersion | None:
        """The dataset version with this id (deleted ones included), or None."""
        return self.session.get(DatasetVersion, dataset_id)

    def list(
        self,
        *,
        source_type: str | None = None,
        schema_version_id: uuid.UUID | None = None,
        status: str | None = None,
        include_deleted: bool = False,
        limit: int = DEFAULT_PAGE_SIZE,
        offset: int = 0,
    ) -> tuple[builtins.list[DatasetVersion], int]:
        """One page of dataset versions, newest first, and the total matching the filters."""
        query = select(DatasetVersion).order_by(DatasetVersion.created_at.desc(), DatasetVersion.id)
        if source_type is not None:
            query = query.where(DatasetVersion.source_type == source_type)
        if schema_version_id is not None:
            query = query.where(DatasetVersion.schema_version_id == schema_version_id)
        if status is not None:
            query = query.where(DatasetVersion.status == status)
        elif not include_deleted:
            query = query.where(DatasetVersion.status != "deleted")
        return paginate(self.session, query, limit, offset)

    def set_status(
        self,
        dataset_id: uuid.UUID,
        status: str,
        *,
        row_count: int | None = None,
        byte_size: int | None = None,
    ) -> DatasetVersion:
        """Move a version to `status`; `ready` stamps ready_at and may record its size."""
        if status not in DATASET_STATUSES:
            raise ValueError(f"status must be one of {', '.join(DATASET_STATUSES)}")
        values: dict[str, Any] = {"status": status}
        if row_count is not None:
            values["row_count"] = row_count
        if byte_size is not None:
            values["byte_size"] = byte_size
        if status == "ready":
            values["ready_at"] = func.now()
        return self._update(dataset_id, values)

    def mark_deleted(self, dataset_id: uuid.UUID) -> DatasetVersion:
        """Tombstone a version (its files are purged by the caller; lineage keeps pointing here)."""
        return self._update(dataset_id, {"status": "deleted", "deleted_at": func.now()})

    def set_metadata(self, dataset_id: uuid.UUID, key: str, value: Any) -> None:
        """Set one metadata entry (JSON value), replacing an earlier value of the same key."""
        self.set_many_metadata(dataset_id, {key: value})

    def set_many_metadata(self, dataset_id: uuid.UUID, entries: Mapping[str, Any]) -> None:
        """Set several metadata entries in one statement."""
        if not entries:
            return
        statement = pg_insert(DatasetMetadata).values(
            [{"dataset_version_id": dataset_id, "meta_key": k, "meta_value": v} for k, v in entries.items()]
        )
        self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["dataset_version_id", "meta_key"],
                set_={"meta_value": statement.excluded.meta_value},
            )
        )

    def get_metadata(self, dataset_id: uuid.UUID) -> dict[str, Any]:
        """All metadata of a version as a dict."""
        rows = self.session.execute(
            select(DatasetMetadata.meta_key, DatasetMetadata.meta_value).where(
                DatasetMetadata.dataset_version_id == dataset_id
            )
        ).all()
        return {key: value for key, value in rows}

    def statuses_of(self, dataset_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Status per id for the versions that have a row (ids without one are absent)."""
        wanted = builtins.list(dataset_ids)
        if not wanted:
            return {}
        rows = self.session.execute(
            select(DatasetVersion.id, DatasetVersion.status).where(DatasetVersion.id.in_(wanted))
        ).all()
        return {dataset_id: status for dataset_id, status in rows}

    def fail_versions_of_job(self, job_id: uuid.UUID) -> builtins.list[uuid.UUID]:
        """Mark every version a job wrote as failed: call when the job did not succeed.

        A version is ready only when its job succeeds; one that a step completed before a later
        step failed (or the job was cancelled) must not be offered for provisioning or masking.
        """
        rows = self.session.scalars(
            update(DatasetVersion)
            .where(
                DatasetVersion.job_id == job_id,
                DatasetVersion.status.in_(("pending", "writing", "ready")),
            )
            .values(status="failed")
            .returning(DatasetVersion.id)
        )
        return builtins.list(rows)

    def _update(self, dataset_id: uuid.UUID, values: dict[str, Any]) -> DatasetVersion:
        statement = (
            update(DatasetVersion)
            .where(DatasetVersion.id == dataset_id)
            .values(**values)
            .returning(DatasetVersion)
        )
        row = self.session.scalars(statement, execution_options={"populate_existing": True}).one_or_none()
        if row is None:
            raise RecordNotFoundError("dataset version", dataset_id)
        return row
