"""Target environments (Admin to change; anyone signed in to list)."""

from __future__ import annotations

from fastapi import APIRouter, status

from tdm_api.dependencies import Admin, RuntimeDep, UowDep, Viewer
from tdm_api.models.common import PROBLEM_RESPONSES
from tdm_api.models.environments import EnvironmentCreate, EnvironmentOut, EnvironmentUpdate
from tdm_api.services import environments

router = APIRouter(tags=["environments"], responses=PROBLEM_RESPONSES)


@router.get("/environments", operation_id="listEnvironments", summary="List target environments")
def list_environments(uow: UowDep, runtime: RuntimeDep, _: Viewer) -> list[EnvironmentOut]:
    return environments.list_environments(uow.session, runtime)


@router.post(
    "/environments",
    operation_id="createEnvironment",
    status_code=status.HTTP_201_CREATED,
    summary="Create a target environment (its connection string is stored encrypted)",
)
def create_environment(
    body: EnvironmentCreate, uow: UowDep, runtime: RuntimeDep, principal: Admin
) -> EnvironmentOut:
    return environments.create_environment(uow, runtime, principal, body)


# `environment_id` stays a string: an environment is addressed by its id or by its name.
@router.get(
    "/environments/{environment_id}", operation_id="getEnvironment", summary="One environment (by id or name)"
)
def get_environment(environment_id: str, uow: UowDep, runtime: RuntimeDep, _: Viewer) -> EnvironmentOut:
    return environments.environment_out(environments.lookup_environment(uow.session, environment_id), runtime)


@router.patch(
    "/environments/{environment_id}", operation_id="updateEnvironment", summary="Change an environment"
)
def update_environment(
    environment_id: str, body: EnvironmentUpdate, uow: UowDep, runtime: RuntimeDep, principal: Admin
) -> EnvironmentOut:
    return environments.update_environment(uow, runtime, principal, environment_id, body)


@router.delete(
    "/environments/{environment_id}",
    operation_id="deleteEnvironment",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an environment",
)
def delete_environment(environment_id: str, uow: UowDep, principal: Admin) -> None:
    environments.delete_environment(uow, principal, environment_id)
