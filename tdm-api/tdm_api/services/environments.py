"""Target environments: lookup by name or id, and changes (the connection string stored encrypted)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from tdm_agents.common.source_db import SourceUrlError, describe, same_database, session_identity
from tdm_api.dependencies import Principal, UnitOfWork, audit, secret_box
from tdm_api.errors import Conflict, Invalid, NotFound
from tdm_api.models.environments import EnvironmentCreate, EnvironmentOut, EnvironmentUpdate
from tdm_api.runtime import ApiRuntime
from tdm_api.services.source_connections import parts_of, source_address
from tdm_api.services.webhook_urls import check_webhook_url
from tdm_metadata_store.models import Environment
from tdm_metadata_store.repositories.connections import display_url
from tdm_metadata_store.repositories.environments import EnvironmentRepository

METADATA_REFUSED = (
    "This connection points at the platform's own metadata database, which cannot be a target "
    "environment; give the database the environment's tests use."
)


def checked_target(uow: UnitOfWork, url: str) -> str:
    """`url` as given; 422 naming what is wrong with it, or when it is the metadata database."""
    if same_database(source_address(url), session_identity(uow.session)):
        raise Invalid(METADATA_REFUSED, field="connection_string")
    return url


def shown_target(url: str) -> str:
    """Where the target is, without its password, built from the string's parts (any libpq form)."""
    try:
        return display_url(parts_of(describe(url)))
    except SourceUrlError:  # not readable as libpq reads strings: show nothing of it
        return "***"


def environment_out(row: Environment, runtime: ApiRuntime) -> EnvironmentOut:
    """The environment without its secret: only a redacted URL, and only with a key to read it."""
    shown = None
    if row.connection_string_encrypted and runtime.secret_box is not None:
        shown = shown_target(runtime.secret_box.decrypt(row.connection_string_encrypted))
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


def lookup_environment(session: Session, ref: str) -> Environment:
    """The environment named `ref`, or with id `ref`; NotFound (404) otherwise."""
    repo = EnvironmentRepository(session)
    row = repo.get_by_name(ref)
    if row is None:
        try:
            row = repo.get(uuid.UUID(ref))
        except ValueError:  # not a UUID either: unknown
            row = None
    if row is None:
        raise NotFound("No environment with this id or name.")
    return row


def list_environments(session: Session, runtime: ApiRuntime) -> list[EnvironmentOut]:
    return [environment_out(r, runtime) for r in EnvironmentRepository(session).list()]


def create_environment(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, body: EnvironmentCreate
) -> EnvironmentOut:
    repo = EnvironmentRepository(uow.session)
    if repo.get_by_name(body.name) is not None:
        raise Conflict(f"An environment named {body.name!r} already exists.", field="name")
    check_webhook_url(body.config.webhook_url, "config.webhook_url")
    url = checked_target(uow, body.connection_string.get_secret_value()) if body.connection_string else None
    row = repo.create(
        body.name,
        connection_url=url,
        box=secret_box(runtime) if url else None,
        description=body.description,
        config=body.config.model_dump(mode="json"),
    )
    audit(uow, principal, "environment.create", "environment", row.id, {"name": body.name})
    return environment_out(row, runtime)


def update_environment(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, ref: str, body: EnvironmentUpdate
) -> EnvironmentOut:
    row = lookup_environment(uow.session, ref)
    if body.config is not None:
        check_webhook_url(body.config.webhook_url, "config.webhook_url")
    url = checked_target(uow, body.connection_string.get_secret_value()) if body.connection_string else None
    changes: dict[str, Any] = {}
    if body.description is not None:
        changes["description"] = body.description
    if body.config is not None:
        changes["config"] = body.config.model_dump(mode="json")
    if url is not None:
        changes.update(connection_url=url, box=secret_box(runtime))
    row = EnvironmentRepository(uow.session).update(row.id, **changes)
    audit(uow, principal, "environment.update", "environment", row.id, {"fields": sorted(changes)})
    return environment_out(row, runtime)


def delete_environment(uow: UnitOfWork, principal: Principal, ref: str) -> None:
    row = lookup_environment(uow.session, ref)
    EnvironmentRepository(uow.session).delete(row.id)
    audit(uow, principal, "environment.delete", "environment", row.id, {"name": row.name})
