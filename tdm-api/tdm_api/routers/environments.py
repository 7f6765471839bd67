"""Target environments (Admin to change; anyone signed in to list)."""

from __future__ import annotations

from fastapi import APIRouter, status

from tdm_api.dependencies import Admin, RuntimeDep, UowDep, Viewer, audit, parse_uuid, secret_box
from tdm_api.errors import Conflict, NotFound
from tdm_api.models.common import PROBLEM_RESPONSES
from tdm_api.models.environments import EnvironmentCreate, EnvironmentOut, EnvironmentUpdate
from tdm_api.runtime import ApiRuntime
from tdm_api.services.webhook_urls import check_webhook_url
from tdm_metadata_store.crypto import redact_url
from tdm_metadata_store.repositories.environments import EnvironmentRepository

router = APIRouter(tags=["environments"], responses=PROBLEM_RESPONSES)


def to_out(row, runtime: ApiRuntime) -> EnvironmentOut:
    shown = None
    if row.connection_string_encrypted and runtime.secret_box is not None:
        shown = redact_url(runtime.secret_box.decrypt(row.connection_string_encrypted))
    return EnvironmentOut(
        id=row.id,
        name=row.name,
        description=row.description,
        has_connection=bool(row.connection_string_encrypted),
        display_url=shown,
        config=dict(row.config_json or {}),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


@router.get("/environments", operation_id="listEnvironments", summary="List target environments")
def list_environments(uow: UowDep, runtime: RuntimeDep, _: Viewer) -> list[EnvironmentOut]:
    return [to_out(r, runtime) for r in EnvironmentRepository(uow.session).list()]


@router.post(
    "/environments",
    operation_id="createEnvironment",
    status_code=status.HTTP_201_CREATED,
    summary="Create a target environment (its connection string is stored encrypted)",
)
def create_environment(
    body: EnvironmentCreate, uow: UowDep, runtime: RuntimeDep, principal: Admin
) -> EnvironmentOut:
    repo = EnvironmentRepository(uow.session)
    if repo.get_by_name(body.name) is not None:
        raise Conflict(f"An environment named {body.name!r} already exists.", field="name")
    check_webhook_url(body.config.webhook_url, "config.webhook_url")
    url = body.connection_string.get_secret_value() if body.connection_string else None
    row = repo.create(
        body.name,
        connection_url=url,
        box=secret_box(runtime) if url else None,
        description=body.description,
        config=body.config.model_dump(mode="json"),
    )
    audit(uow, principal, "environment.create", "environment", row.id, {"name": body.name})
    return to_out(row, runtime)


def lookup_environment(repo: EnvironmentRepository, ref: str):
    """The environment named `ref`, or with id `ref`; NotFound (404) otherwise."""
    row = repo.get_by_name(ref)
    if row is None:
        try:
            row = repo.get(parse_uuid(ref, "environment_id"))
        except Exception:  # noqa: BLE001 - not a UUID either: unknown
            row = None
    if row is None:
        raise NotFound("No environment with this id or name.")
    return row


@router.get(
    "/environments/{environment_id}", operation_id="getEnvironment", summary="One environment (by id or name)"
)
def get_environment(environment_id: str, uow: UowDep, runtime: RuntimeDep, _: Viewer) -> EnvironmentOut:
    return to_out(lookup_environment(EnvironmentRepository(uow.session), environment_id), runtime)


@router.patch(
    "/environments/{environment_id}", operation_id="updateEnvironment", summary="Change an environment"
)
def update_environment(
    environment_id: str, body: EnvironmentUpdate, uow: UowDep, runtime: RuntimeDep, principal: Admin
) -> EnvironmentOut:
    repo = EnvironmentRepository(uow.session)
    row = lookup_environment(repo, environment_id)
    if body.config is not None:
        check_webhook_url(body.config.webhook_url, "config.webhook_url")
    url = body.connection_string.get_secret_value() if body.connection_string else None
    kwargs: dict = {}
    if body.description is not None:
        kwargs["description"] = body.description
    if body.config is not None:
        kwargs["config"] = body.config.model_dump(mode="json")
    if url is not None:
        kwargs.update(connection_url=url, box=secret_box(runtime))
    row = repo.update(row.id, **kwargs)
    audit(uow, principal, "environment.update", "environment", row.id, {"fields": sorted(kwargs)})
    return to_out(row, runtime)


@router.delete(
    "/environments/{environment_id}",
    operation_id="deleteEnvironment",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an environment",
)
def delete_environment(environment_id: str, uow: UowDep, principal: Admin) -> None:
    repo = EnvironmentRepository(uow.session)
    row = lookup_environment(repo, environment_id)
    repo.delete(row.id)
    audit(uow, principal, "environment.delete", "environment", row.id, {"name": row.name})
