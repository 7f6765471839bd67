"""Source database connections (Admin to change; anyone signed in to list)."""

from __future__ import annotations

from fastapi import APIRouter, status

from tdm_api.dependencies import Admin, Operator, RuntimeDep, UowDep, Viewer, audit, parse_uuid, secret_box
from tdm_api.errors import Conflict, NotFound
from tdm_api.models.common import PROBLEM_RESPONSES
from tdm_api.models.connections import ConnectionCreate, ConnectionOut, ConnectionTestResult
from tdm_api.services.connection_probe import probe
from tdm_api.services.source_connections import checked_source, parts_of
from tdm_metadata_store.repositories.connections import ConnectionRepository, display_url

router = APIRouter(tags=["connections"], responses=PROBLEM_RESPONSES)


def to_out(row) -> ConnectionOut:
    return ConnectionOut(
        id=row.id,
        name=row.name,
        type=row.type,
        host=row.host,
        port=row.port,
        database=row.database,
        username=row.username,
        display_url=display_url(row),
        created_by=row.created_by,
        created_at=row.created_at,
    )


@router.post(
    "/connections",
    operation_id="createConnection",
    status_code=status.HTTP_201_CREATED,
    summary="Register a source database (the connection string is stored encrypted)",
)
def create_connection(
    body: ConnectionCreate, uow: UowDep, runtime: RuntimeDep, principal: Admin
) -> ConnectionOut:
    repo = ConnectionRepository(uow.session)
    if repo.get_by_name(body.name) is not None:
        raise Conflict(f"A connection named {body.name!r} already exists.", field="name")
    url = body.connection_string.get_secret_value()
    address = checked_source(uow, url)
    row = repo.create(body.name, url, secret_box(runtime), created_by=principal.name, parts=parts_of(address))
    audit(uow, principal, "connection.create", "connection", row.id, {"name": body.name})
    return to_out(row)


@router.get("/connections", operation_id="listConnections", summary="List source connections (no secrets)")
def list_connections(uow: UowDep, _: Viewer) -> list[ConnectionOut]:
    return [to_out(r) for r in ConnectionRepository(uow.session).list()]


@router.get("/connections/{connection_id}", operation_id="getConnection", summary="One source connection")
def get_connection(connection_id: str, uow: UowDep, _: Viewer) -> ConnectionOut:
    row = ConnectionRepository(uow.session).get(parse_uuid(connection_id, "connection_id"))
    if row is None:
        raise NotFound("No connection with this id.")
    return to_out(row)


@router.delete(
    "/connections/{connection_id}",
    operation_id="deleteConnection",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a source connection",
)
def delete_connection(connection_id: str, uow: UowDep, principal: Admin) -> None:
    cid = parse_uuid(connection_id, "connection_id")
    if not ConnectionRepository(uow.session).delete(cid):
        raise NotFound("No connection with this id.")
    audit(uow, principal, "connection.delete", "connection", cid)


@router.post(
    "/connections/{connection_id}/test",
    operation_id="testConnection",
    summary="Check that the source database answers",
)
def test_connection(
    connection_id: str, uow: UowDep, runtime: RuntimeDep, _: Operator
) -> ConnectionTestResult:
    repo = ConnectionRepository(uow.session)
    cid = parse_uuid(connection_id, "connection_id")
    if repo.get(cid) is None:
        raise NotFound("No connection with this id.")
    ok, message, version = probe(repo.get_url(cid, secret_box(runtime)))
    return ConnectionTestResult(ok=ok, message=message, server_version=version)
