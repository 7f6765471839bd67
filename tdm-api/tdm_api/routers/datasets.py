"""The dataset catalog: list, inspect, download and delete dataset versions."""

from __future__ import annotations

import uuid
from urllib.parse import quote

from fastapi import APIRouter, Query, status
from fastapi.responses import RedirectResponse, StreamingResponse

from tdm_api.dependencies import Admin, RuntimeDep, UowDep, Viewer, audit, parse_uuid
from tdm_api.errors import Invalid, NotFound
from tdm_api.models.common import PROBLEM_RESPONSES, Page
from tdm_api.models.datasets import DatasetDetail, DatasetOut, DownloadLink, LineageEdgeOut, ManifestTable
from tdm_dataset_store import InvalidKeyError, Manifest
from tdm_dataset_store.keys import validate_table_name
from tdm_metadata_store.models import DATASET_SOURCE_TYPES, DATASET_STATUSES
from tdm_metadata_store.repositories.datasets import DatasetRepository
from tdm_metadata_store.repositories.lineage import LineageRepository

router = APIRouter(tags=["datasets"], responses=PROBLEM_RESPONSES)
API_PREFIX = "/api/v1"
_CHUNK = 1 << 20


def _dataset_or_404(repo: DatasetRepository, dataset_id: str, *, allow_deleted: bool = True):
    row = repo.get(parse_uuid(dataset_id, "dataset_id"))
    if row is None or (not allow_deleted and row.status == "deleted"):
        raise NotFound("No dataset version with this id.")
    return row


@router.get("/datasets", operation_id="listDatasets", summary="List dataset versions, newest first")
def list_datasets(
    uow: UowDep,
    _: Viewer,
    source_type: str | None = Query(None, description=f"One of {', '.join(DATASET_SOURCE_TYPES)}"),
    schema_version_id: uuid.UUID | None = None,
    status_filter: str | None = Query(
        None, alias="status", description=f"One of {', '.join(DATASET_STATUSES)}"
    ),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> Page[DatasetOut]:
    if source_type is not None and source_type not in DATASET_SOURCE_TYPES:
        raise Invalid(f"source_type must be one of {', '.join(DATASET_SOURCE_TYPES)}.", field="source_type")
    if status_filter is not None and status_filter not in DATASET_STATUSES:
        raise Invalid(f"status must be one of {', '.join(DATASET_STATUSES)}.", field="status")
    rows, total = DatasetRepository(uow.session).list(
        source_type=source_type,
        schema_version_id=schema_version_id,
        status=status_filter,
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


@router.get(
    "/dataset/{dataset_id}",
    operation_id="getDataset",
    summary="A dataset version: metadata, manifest and its direct lineage",
)
def get_dataset(dataset_id: str, uow: UowDep, runtime: RuntimeDep, _: Viewer) -> DatasetDetail:
    repo = DatasetRepository(uow.session)
    row = _dataset_or_404(repo, dataset_id)
    manifest = runtime.dataset_store.read_manifest(row.id) if row.status != "deleted" else None
    edges = LineageRepository(uow.session).edges_touching([row.id])
    own = str(row.id)
    return DatasetDetail(
        **DatasetOut.model_validate(row, from_attributes=True).model_dump(),
        metadata=repo.get_metadata(row.id),
        tables=_tables(manifest),
        complete=manifest is not None,
        upstream=[
            LineageEdgeOut.model_validate(e, from_attributes=True) for e in edges if e.target_id == own
        ],
        downstream=[
            LineageEdgeOut.model_validate(e, from_attributes=True) for e in edges if e.source_id == own
        ],
    )


@router.get(
    "/dataset/{dataset_id}/download",
    operation_id="downloadDataset",
    summary="Download a table's Parquet file (?table=), or list every table's download link",
    response_model=list[DownloadLink],
)
def download_dataset(
    dataset_id: str,
    uow: UowDep,
    runtime: RuntimeDep,
    _: Viewer,
    table: str | None = Query(None, max_length=200),
):
    row = _dataset_or_404(DatasetRepository(uow.session), dataset_id, allow_deleted=False)
    manifest = runtime.dataset_store.read_manifest(row.id)
    if manifest is None:
        raise NotFound("This dataset version has no complete files to download.")
    if table is None:
        return [
            DownloadLink(
                table=name,
                rows=info.rows,
                bytes=info.bytes,
                url=f"{API_PREFIX}/dataset/{row.id}/download?table={quote(name)}",
            )
            for name, info in manifest.tables.items()
        ]
    try:
        validate_table_name(table)
    except InvalidKeyError as exc:
        raise Invalid(str(exc), field="table") from None
    if table not in manifest.tables:
        raise NotFound("This dataset version has no such table.", field="table")
    url = runtime.dataset_store.download_url(row.id, table)
    if url is not None:
        return RedirectResponse(url, status_code=status.HTTP_307_TEMPORARY_REDIRECT)
    source = runtime.dataset_store.open_file(row.id, table)

    def chunks():
        with source:
            while block := source.read(_CHUNK):
                yield block

    return StreamingResponse(
        chunks(),
        media_type="application/vnd.apache.parquet",
        headers={
            "Content-Disposition": f'attachment; filename="{table}.parquet"',
            "Content-Length": str(manifest.tables[table].bytes),
        },
    )


@router.delete(
    "/dataset/{dataset_id}",
    operation_id="deleteDataset",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Purge a dataset version's files; the version stays as a tombstone in lineage",
)
def delete_dataset(dataset_id: str, uow: UowDep, runtime: RuntimeDep, principal: Admin) -> None:
    repo = DatasetRepository(uow.session)
    row = _dataset_or_404(repo, dataset_id)
    if row.status == "deleted":
        return
    runtime.dataset_store.delete_version(row.id)
    repo.mark_deleted(row.id)
    audit(uow, principal, "dataset.delete", "dataset_version", row.id, {"source_type": row.source_type})
