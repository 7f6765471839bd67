"""Lineage: the provenance graph of a dataset version."""

from __future__ import annotations

from fastapi import APIRouter

from tdm_api.dependencies import UowDep, Viewer, parse_uuid
from tdm_api.errors import NotFound
from tdm_api.models.common import PROBLEM_RESPONSES
from tdm_api.models.lineage import LineageGraph
from tdm_api.services.lineage_graph import build_lineage_graph
from tdm_metadata_store.repositories.datasets import DatasetRepository

router = APIRouter(tags=["lineage"], responses=PROBLEM_RESPONSES)


@router.get(
    "/lineage/dataset/{dataset_id}",
    operation_id="getDatasetLineage",
    summary="Nodes and edges upstream and downstream of a dataset version, with column-level entries",
)
def dataset_lineage(dataset_id: str, uow: UowDep, _: Viewer) -> LineageGraph:
    key = parse_uuid(dataset_id, "dataset_id")
    if DatasetRepository(uow.session).get(key) is None:
        raise NotFound("No dataset version with this id.")
    return build_lineage_graph(uow.session, key)
