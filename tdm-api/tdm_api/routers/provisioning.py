"""Provisioning jobs: check the dataset and the environment, authorize, enqueue."""

from __future__ import annotations

from fastapi import APIRouter, status

from tdm_api.dependencies import Operator, RuntimeDep, UowDep
from tdm_api.models.common import PROBLEM_RESPONSES, JobAccepted
from tdm_api.models.provisioning import ProvisionRequest
from tdm_api.services.provisioning import submit_provisioning

router = APIRouter(tags=["provisioning"], responses=PROBLEM_RESPONSES)


@router.post(
    "/provision",
    operation_id="provisionDataset",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Start loading a dataset version into a target environment",
)
def provision_dataset(
    body: ProvisionRequest, uow: UowDep, runtime: RuntimeDep, principal: Operator
) -> JobAccepted:
    return submit_provisioning(uow, runtime, principal, body)
