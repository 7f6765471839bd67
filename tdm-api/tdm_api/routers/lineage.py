"""Lineage: the provenance graph of a dataset version."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from tdm_api.dependencies import UowDep, Viewer
from tdm_api.models.common import PROBLEM_RESPONSES
from tdm_api.models.lineage import LineageGraph
from tdm_api.services.datasets import dataset_or_404
from tdm_api.services.lineage_graph import build_lineage_graph

router = APIRouter(tags=["lineage"], responses=PROBLEM_RESPONSES)


@router.get(
    "/lineage/dataset/{dataset_id}",
    operation_id="getDatasetLineage",
    summary="Nodes and edges upstream and downstream of a dataset version, with column-level entries",
)
def dataset_lineage(dataset_id: uuid.UUID, uow: UowDep, _: Viewer) -> LineageGraph:
    dataset_or_404(uow.session, dataset_id)
    return build_lineage_graph(uow.session, dataset_id)
