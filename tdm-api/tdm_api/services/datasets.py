"""The dataset catalog: versions with their manifests and direct lineage, downloads, deletion."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tdm_api.dependencies import Principal, UnitOfWork, audit
from tdm_api.errors import NotFound
from tdm_api.models.common import Page
from tdm_api.models.datasets import DatasetDetail, DatasetOut, LineageEdgeOut, ManifestTable
from tdm_api.runtime import ApiRuntime
from tdm_dataset_store import Manifest
from tdm_metadata_store.models import DatasetVersion
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.lineage import LineageRepository


def dataset_or_404(session: Session, dataset_id: uuid.UUID, *, allow_deleted: bool = True) -> DatasetVersion:
    row = DatasetRepository(session).get(dataset_id)
    if row is None or (not allow_deleted and row.status == "deleted"):
        raise NotFound("No dataset version with this id.")
    return row


def list_datasets(
    session: Session,
    source_type: str | None,
    schema_version_id: uuid.UUID | None,
    status: str | None,
    limit: int,
    offset: int,
) -> Page[DatasetOut]:
    rows, total = DatasetRepository(session).list(
        source_type=source_type,
        schema_version_id=schema_version_id,
        status=status,
        limit=limit,
        offset=offset,
    )
    return Page[DatasetOut](
        items=[DatasetOut.model_validate(r, from_attributes=True) for r in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


def _tables(manifest: Manifest | None) -> list[ManifestTable]:
    if manifest is None:
        return []
    return [
        ManifestTable(
            name=name,
            rows=info.rows,
            bytes=info.bytes,
            sha256=info.sha256,
            columns=[c.model_dump() for c in info.arrow_schema],
        )
        for name, info in manifest.tables.items()
    ]


def dataset_detail(session: Session, runtime: ApiRuntime, dataset_id: uuid.UUID) -> DatasetDetail:
    row = dataset_or_404(session, dataset_id)
    manifest = runtime.dataset_store.read_manifest(row.id) if row.status != "deleted" else None
    edges = LineageRepository(session).edges_touching([row.id])
    own = str(row.id)
    return DatasetDetail(
        **DatasetOut.model_validate(row, from_attributes=True).model_dump(),
        metadata=DatasetRepository(session).get_metadata(row.id),
        tables=_tables(manifest),
        complete=manifest is not None,
        upstream=[
            LineageEdgeOut.model_validate(e, from_attributes=True) for e in edges if e.target_id == own
        ],
        downstream=[
            LineageEdgeOut.model_validate(e, from_attributes=True) for e in edges if e.source_id == own
        ],
    )


def delete_dataset(uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, dataset_id: uuid.UUID) -> None:
    """Purge the files; the row stays as a tombstone so lineage keeps its shape."""
    row = dataset_or_404(uow.session, dataset_id)
    if row.status == "deleted":
        return
    runtime.dataset_store.delete_version(row.id)
    DatasetRepository(uow.session).mark_deleted(row.id)
    audit(uow, principal, "dataset.delete", "dataset_version", row.id, {"source_type": row.source_type})
