"""The dataset catalog: list, inspect, download and delete dataset versions."""

from __future__ import annotations

import uuid
from urllib.parse import quote

from fastapi import APIRouter, Query, status
from fastapi.responses import RedirectResponse, StreamingResponse

from tdm_api.dependencies import Admin, RuntimeDep, UowDep, Viewer
from tdm_api.errors import Invalid, NotFound
from tdm_api.models.common import PROBLEM_RESPONSES, Page
from tdm_api.models.datasets import DatasetDetail, DatasetOut, DownloadLink
from tdm_api.services import datasets
from tdm_dataset_store import InvalidKeyError
from tdm_dataset_store.keys import validate_table_name
from tdm_metadata_store.models import DATASET_SOURCE_TYPES, DATASET_STATUSES

router = APIRouter(tags=["datasets"], responses=PROBLEM_RESPONSES)
API_PREFIX = "/api/v1"
_CHUNK = 1 << 20


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
    return datasets.list_datasets(uow.session, source_type, schema_version_id, status_filter, limit, offset)


@router.get(
    "/dataset/{dataset_id}",
    operation_id="getDataset",
    summary="A dataset version: metadata, manifest and its direct lineage",
)
def get_dataset(dataset_id: uuid.UUID, uow: UowDep, runtime: RuntimeDep, _: Viewer) -> DatasetDetail:
    return datasets.dataset_detail(uow.session, runtime, dataset_id)


@router.get(
    "/dataset/{dataset_id}/download",
    operation_id="downloadDataset",
    summary="Download a table's Parquet file (?table=), or list every table's download link",
    response_model=list[DownloadLink],
)
def download_dataset(
    dataset_id: uuid.UUID,
    uow: UowDep,
    runtime: RuntimeDep,
    _: Viewer,
    table: str | None = Query(None, max_length=200),
):
    row = datasets.dataset_or_404(uow.session, dataset_id, allow_deleted=False)
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
def delete_dataset(dataset_id: uuid.UUID, uow: UowDep, runtime: RuntimeDep, principal: Admin) -> None:
    datasets.delete_dataset(uow, runtime, principal, dataset_id)
