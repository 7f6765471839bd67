"""Source database connections (Admin to change; anyone signed in to list)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from tdm_api.dependencies import Admin, Operator, RuntimeDep, UowDep, Viewer
from tdm_api.models.common import PROBLEM_RESPONSES
from tdm_api.models.connections import ConnectionCreate, ConnectionOut, ConnectionTestResult
from tdm_api.services import connections

router = APIRouter(tags=["connections"], responses=PROBLEM_RESPONSES)


@router.post(
    "/connections",
    operation_id="createConnection",
    status_code=status.HTTP_201_CREATED,
    summary="Register a source database (the connection string is stored encrypted)",
)
def create_connection(
    body: ConnectionCreate, uow: UowDep, runtime: RuntimeDep, principal: Admin
) -> ConnectionOut:
    return connections.create_connection(uow, runtime, principal, body)


@router.get("/connections", operation_id="listConnections", summary="List source connections (no secrets)")
def list_connections(uow: UowDep, _: Viewer) -> list[ConnectionOut]:
    return connections.list_connections(uow.session)


@router.get("/connections/{connection_id}", operation_id="getConnection", summary="One source connection")
def get_connection(connection_id: uuid.UUID, uow: UowDep, _: Viewer) -> ConnectionOut:
    return connections.connection_out(connections.connection_or_404(uow.session, connection_id))


@router.delete(
    "/connections/{connection_id}",
    operation_id="deleteConnection",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a source connection",
)
def delete_connection(connection_id: uuid.UUID, uow: UowDep, principal: Admin) -> None:
    connections.delete_connection(uow, principal, connection_id)


@router.post(
    "/connections/{connection_id}/test",
    operation_id="testConnection",
    summary="Check that the source database answers",
)
def test_connection(
    connection_id: uuid.UUID, uow: UowDep, runtime: RuntimeDep, _: Operator
) -> ConnectionTestResult:
    return connections.probe_connection(uow.session, runtime, connection_id)
