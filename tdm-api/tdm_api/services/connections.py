"""Source connections: registered with their string checked and stored encrypted, shown without it."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tdm_api.dependencies import Principal, UnitOfWork, audit, secret_box
from tdm_api.errors import Conflict, NotFound
from tdm_api.models.connections import ConnectionCreate, ConnectionOut, ConnectionTestResult
from tdm_api.runtime import ApiRuntime
from tdm_api.services.connection_probe import probe
from tdm_api.services.source_connections import checked_source, parts_of
from tdm_metadata_store.models import Connection
from tdm_metadata_store.repositories.connections import ConnectionRepository, display_url


def connection_out(row: Connection) -> ConnectionOut:
    # The display URL is rebuilt from the parts kept in clear, so it never holds the password.
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


def create_connection(
    uow: UnitOfWork, runtime: ApiRuntime, principal: Principal, body: ConnectionCreate
) -> ConnectionOut:
    repo = ConnectionRepository(uow.session)
    if repo.get_by_name(body.name) is not None:
        raise Conflict(f"A connection named {body.name!r} already exists.", field="name")
    url = body.connection_string.get_secret_value()
    address = checked_source(uow, url)
    row = repo.create(body.name, url, secret_box(runtime), created_by=principal.name, parts=parts_of(address))
    audit(uow, principal, "connection.create", "connection", row.id, {"name": body.name})
    return connection_out(row)


def list_connections(session: Session) -> list[ConnectionOut]:
    return [connection_out(r) for r in ConnectionRepository(session).list()]


def connection_or_404(session: Session, connection_id: uuid.UUID) -> Connection:
    row = ConnectionRepository(session).get(connection_id)
    if row is None:
        raise NotFound("No connection with this id.")
    return row


def delete_connection(uow: UnitOfWork, principal: Principal, connection_id: uuid.UUID) -> None:
    if not ConnectionRepository(uow.session).delete(connection_id):
        raise NotFound("No connection with this id.")
    audit(uow, principal, "connection.delete", "connection", connection_id)


def probe_connection(session: Session, runtime: ApiRuntime, connection_id: uuid.UUID) -> ConnectionTestResult:
    row = connection_or_404(session, connection_id)
    ok, message, version = probe(ConnectionRepository(session).get_url(row.id, secret_box(runtime)))
    return ConnectionTestResult(ok=ok, message=message, server_version=version)
