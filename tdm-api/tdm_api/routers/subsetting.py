"""Subsets of a source database: the job (`POST /subset`) and its dry run (`POST /subset/plan`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from tdm_api.dependencies import Operator, RuntimeDep, UowDep
from tdm_api.models.common import PROBLEM_RESPONSES, JobAccepted
from tdm_api.models.subsetting import SubsetJobRequest, SubsetPlanResponse
from tdm_api.services.orchestrator_client import submit_job
from tdm_api.services.subsetting_plan import plan_on_source
from tdm_api.services.subsetting_source import job_connection_id, resolve_subset, source_url
from tdm_orchestrator.contract import Operation

router = APIRouter(
    tags=["subset"],
    responses={
        **PROBLEM_RESPONSES,
        503: {"description": "The source database cannot be reached (plan only)"},
    },
)


@router.post(
    "/subset",
    operation_id="createSubset",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Start a subset job: a referentially intact subset written as a dataset version",
)
def create_subset(
    body: SubsetJobRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator
) -> JobAccepted:
    """Validate against the schema version (404/422 before any job), then queue the extraction."""
    source = resolve_subset(uow, body)
    connection_id = job_connection_id(uow, runtime, principal, body, source)
    # The job row keeps the request (filter values are the user's own parameters), never the URL.
    request: dict[str, Any] = body.model_dump(mode="json", exclude={"connection_string"})
    request.update(connection_id=str(connection_id), schema_version_id=str(source.version.id))
    return submit_job(uow, runtime, principal, Operation.TDM_SUBSET_ONLY, request)


@router.post(
    "/subset/plan",
    operation_id="planSubset",
    summary="Dry run: traversal order, estimated rows and bytes, caps, cycles, missing indexes",
)
def plan_subset(body: SubsetJobRequest, uow: UowDep, runtime: RuntimeDep, _: Operator) -> SubsetPlanResponse:
    """Plan against the source's statistics without extracting (bounded by a 30 s timeout)."""
    source = resolve_subset(uow, body)
    return plan_on_source(source_url(uow, runtime, body, source), source)
